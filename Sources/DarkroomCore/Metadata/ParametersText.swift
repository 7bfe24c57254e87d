#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The "prompt / Negative prompt: … / Steps: …, Sampler: …, CFG scale: …, Seed: …, Size: …, Model: …" text
/// that Stable Diffusion tools write into a PNG's `parameters` chunk.
enum ParametersText {
    private static let negativePrefix = "Negative prompt: "

    static func format(_ metadata: ImageMetadata) -> String {
        let parameters = metadata.parameters
        var pairs: [(String, String)] = []
        if let steps = parameters.steps { pairs.append(("Steps", "\(steps)")) }
        if let sampler = parameters.sampler { pairs.append(("Sampler", sampler)) }
        if let cfgScale = parameters.cfgScale { pairs.append(("CFG scale", SweepValue.format(cfgScale))) }
        if let seed = parameters.seed { pairs.append(("Seed", "\(seed)")) }
        pairs.append(("Size", parameters.size.description))
        pairs.append(("Model", parameters.model.rawValue))
        if let style = parameters.stylePreset { pairs.append(("Style preset", style)) }
        pairs.append(("Engine", metadata.engine))

        var lines = [parameters.prompt]
        if !parameters.negativePrompt.isEmpty { lines.append(negativePrefix + parameters.negativePrompt) }
        lines.append(pairs.map { "\($0.0): \(quoteIfNeeded($0.1))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    static func parse(_ text: String) -> ImageMetadata? {
        // Lines end at "\n" or "\r\n": a tool on Windows may end its lines with "\r\n", one Character in Swift.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        guard let last = lines.popLast(), let pairs = keyValues(last),
              let seed = pairs["Seed"].flatMap({ UInt32($0) }),
              let size = pairs["Size"].flatMap({ ImageSize($0) })
        else { return nil }

        var promptLines: [String] = []
        var negativeLines: [String] = []
        for line in lines {
            if negativeLines.isEmpty, line.hasPrefix(negativePrefix) {
                negativeLines.append(String(line.dropFirst(negativePrefix.count)))
            } else if negativeLines.isEmpty {
                promptLines.append(line)
            } else {
                negativeLines.append(line)
            }
        }
        let parameters = GenerationParameters(
            prompt: promptLines.joined(separator: "\n"), negativePrompt: negativeLines.joined(separator: "\n"),
            model: ModelID(pairs["Model"] ?? "unknown"),
            cfgScale: pairs["CFG scale"].flatMap { Double($0) }, steps: pairs["Steps"].flatMap { Int($0) },
            seed: seed, size: size, stylePreset: pairs["Style preset"], sampler: pairs["Sampler"]
        )
        return ImageMetadata(parameters: parameters, engine: pairs["Engine"] ?? "unknown")
    }

    /// Values holding the separators are written as JSON strings, the convention other tools follow.
    private static func quoteIfNeeded(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == ":" || $0 == "\"" || $0 == "\n" }) else { return value }
        return CanonicalJSON.text(value) ?? value
    }

    /// Splits `Key: value, Key: "quoted, value"` into a dictionary; nil when the line is not such a list.
    private static func keyValues(_ line: String) -> [String: String]? {
        var result: [String: String] = [:]
        var rest = Substring(line)
        while true {
            rest = rest.drop(while: { $0 == " " })
            if rest.isEmpty { break }
            guard let colon = rest.firstIndex(of: ":") else { return nil }
            let key = rest[..<colon].trimmingWhitespace()
            guard !key.isEmpty, !key.contains(",") else { return nil }
            rest = rest[rest.index(after: colon)...].drop(while: { $0 == " " })
            if rest.first == "\"" {
                guard let (value, remainder) = quotedPrefix(rest) else { return nil }
                result[key] = value
                rest = remainder.drop(while: { $0 == " " })
                if rest.first == "," { rest = rest.dropFirst() } else if !rest.isEmpty { return nil }
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                result[key] = rest[..<end].trimmingWhitespace()
                rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            }
        }
        return result.isEmpty ? nil : result
    }

    /// Reads one JSON string at the start of `text`; returns it and what follows.
    private static func quotedPrefix(_ text: Substring) -> (String, Substring)? {
        var index = text.index(after: text.startIndex)
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                let literal = text[text.startIndex...index]
                guard let value = try? JSONDecoder().decode(String.self, from: Data(literal.utf8)) else { return nil }
                return (value, text[text.index(after: index)...])
            }
            index = text.index(after: index)
        }
        return nil
    }
}
