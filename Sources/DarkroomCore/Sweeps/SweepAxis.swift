/// One dimension of a sweep: which parameter varies and the values it takes, in order.
public struct SweepAxis: Hashable, Sendable {
    /// What an axis varies.
    public enum Kind: Hashable, Sendable {
        /// A parameter of the model catalog.
        case parameter(SweepParameter)
        /// Prompt search/replace: the first value is searched for in the prompt and each value replaces it.
        case searchReplace
        /// Whole prompts, one per value (`--prompts FILE`).
        case prompts
    }

    public var kind: Kind
    public var values: [SweepValue]

    public init(kind: Kind, values: [SweepValue]) {
        self.kind = kind
        self.values = values
    }

    /// The axis's name as the option spells it and the manifest records it: `cfg_scale`, `S/R`, `prompt`.
    public var name: String {
        switch kind {
        case .parameter(let parameter): parameter.rawValue
        case .searchReplace: Self.searchReplaceName
        case .prompts: Self.promptsName
        }
    }

    /// The names of the axes that vary the prompt, as a manifest's axes are matched by.
    public static let searchReplaceName = "S/R"
    public static let promptsName = "prompt"

    /// The labels of the values, in order.
    public var labels: [String] { values.map(\.label) }

    /// Parses `NAME=VALUES` (`cfg_scale=4,7,10`, `steps=20-50:10`) or `S/R a,b,c`; `maxValues` bounds a range
    /// before it is spelled out.
    public static func parse(_ spec: String, maxValues: Int = SweepLimits.standard.maxImages) throws(SweepError) -> SweepAxis {
        let text = spec.trimmingWhitespace()
        let upper = text.uppercased()
        if upper.hasPrefix("S/R") {
            var rest = text.dropFirst(3).drop(while: \.isWhitespace)
            if rest.first == "=" || rest.first == ":" { rest = rest.dropFirst() }
            let values = split(String(rest))
            guard values.count >= 2 else {
                throw .invalidSpec(spec, reason: "S/R takes the text to find and at least one replacement: `S/R lighthouse,windmill,castle`")
            }
            let search = values[0]
            return SweepAxis(kind: .searchReplace, values: values.map { .replace(search: search, with: $0) })
        }
        guard let equals = text.firstIndex(of: "=") else {
            throw .invalidSpec(spec, reason: "write NAME=VALUES (`cfg_scale=4,7,10`, `steps=20-50:10`) or `S/R find,replacement,…`")
        }
        let name = String(text[..<equals]).trimmingWhitespace()
        guard let parameter = SweepParameter(name: name) else { throw .unknownAxis(name) }
        let valueText = String(text[text.index(after: equals)...])
        var values: [SweepValue] = []
        for item in split(valueText) {
            if parameter.isNumeric, let range = try NumberRange(item, parameter: parameter) {
                guard range.count <= maxValues else {
                    throw .tooManyImages(count: range.count, limit: maxValues)
                }
                values += range.values
            } else {
                guard let value = parameter.value(from: item) else {
                    throw .invalidValue(axis: parameter.rawValue, value: item, reason: "expected \(parameter.expectedForm)")
                }
                values.append(value)
            }
        }
        guard !values.isEmpty else {
            throw .invalidSpec(spec, reason: "give at least one value after `\(name)=`")
        }
        return SweepAxis(kind: .parameter(parameter), values: values)
    }

    /// Prompts for a prompt-list axis from a file's text: one a line; blank lines and `#` comments skipped.
    public static func prompts(fromFile text: String) throws(SweepError) -> SweepAxis {
        // Lines end at "\n" or "\r\n": a file saved on Windows ends its lines with "\r\n", one Character in Swift.
        let prompts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !prompts.isEmpty else { throw .invalidSpec("--prompts", reason: "the file holds no prompts (one a line, `#` starts a comment)") }
        return SweepAxis(kind: .prompts, values: prompts.map(SweepValue.prompt))
    }

    /// Comma-separated items, trimmed, empty ones dropped.
    private static func split(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

/// An inclusive numeric range `FROM-TO[:STEP]` (`20-50:10` is 20, 30, 40, 50).
struct NumberRange {
    let values: [SweepValue]
    let count: Int

    /// Nil when `text` is a single value rather than a range.
    init?(_ text: String, parameter: SweepParameter) throws(SweepError) {
        // The dash separating the bounds is not a leading sign.
        guard let dash = text.dropFirst().firstIndex(of: "-") else { return nil }
        let lowerText = String(text[..<dash]).trimmingWhitespace()
        var upperText = String(text[text.index(after: dash)...]).trimmingWhitespace()
        var stepText: String?
        if let colon = upperText.firstIndex(of: ":") {
            stepText = String(upperText[upperText.index(after: colon)...]).trimmingWhitespace()
            upperText = String(upperText[..<colon]).trimmingWhitespace()
        }
        let axis = parameter.rawValue
        guard let lower = Double(lowerText), let upper = Double(upperText), lower.isFinite, upper.isFinite else {
            throw .invalidValue(axis: axis, value: text, reason: "a range is FROM-TO or FROM-TO:STEP with numbers, such as 20-50:10")
        }
        let step = try stepText.map { (text) throws(SweepError) -> Double in
            guard let step = Double(text), step.isFinite else {
                throw .invalidValue(axis: axis, value: text, reason: "the step after `:` must be a number")
            }
            return step
        } ?? 1
        guard step > 0 else { throw .invalidValue(axis: axis, value: text, reason: "the step must be above 0") }
        guard lower <= upper else { throw .invalidValue(axis: axis, value: text, reason: "a range runs from the smaller value to the larger") }
        if parameter != .cfgScale {
            guard lower == lower.rounded(), step == step.rounded(), lower >= 0 else {
                throw .invalidValue(axis: axis, value: text, reason: "\(axis) takes whole numbers, so the range and its step must be whole")
            }
        }
        // A tolerance keeps 4-10:1.5 ending at 10 despite binary fractions.
        let steps = ((upper - lower) / step + 1e-9).rounded(.down)
        // Counted before spelled out, so `seed=0-4294967295` is refused as too many rather than built; past the
        // ceiling the count only says "more" (a tiny step makes more values than an Int holds).
        count = Int(min(steps, Double(SweepLimits.largestCounted))) + 1
        var values: [SweepValue] = []
        if count <= SweepLimits.hardCeiling {
            for index in 0..<count {
                let value = lower + Double(index) * step
                switch parameter {
                case .cfgScale: values.append(.cfgScale((value * 1_000_000).rounded() / 1_000_000))
                case .steps: values.append(.steps(Int(value)))
                case .seed:
                    guard value <= Double(UInt32.max) else {
                        throw .invalidValue(axis: axis, value: text, reason: "seeds go up to 4294967295")
                    }
                    values.append(.seed(UInt32(value)))
                case .size, .style, .sampler, .model: break
                }
            }
        }
        self.values = values
    }
}
