import DarkroomCore
import DarkroomGallery

/// What `/` and `darkroom ls --search` look for: prompt words plus `negative:WORD`, `seed:N`, `model:…`, the other
/// parameters a sweep varies (`cfg:N`, `steps:N`, `size:WxH`, `style:NAME`, `sampler:NAME`), `before:DATE` and
/// `after:DATE` (DATE as `2026-11-26` or `20261126`, UTC; both include the day named: `before:` means "until").
public struct SearchQuery: Sendable, Equatable {
    /// What one text column (the prompt, the negative prompt) must contain.
    public struct TextTerms: Sendable, Equatable {
        /// Words, each a prefix of a word of the text (`cat` finds `cats`), found through the full-text index.
        public var words: [String] = []
        /// Text found anywhere in the column as typed (ASCII letters in either case): the full-text index makes
        /// no word of emoji, symbols or punctuation, and one word of a whole unspaced run of Chinese, Japanese,
        /// Korean or Thai, so neither could be found through it by a part.
        public var fragments: [String] = []

        public var isEmpty: Bool { words.isEmpty && fragments.isEmpty }

        /// Adds what one typed token asks for.
        mutating func add(_ token: String) {
            let parts = token.split { !($0.isLetter || $0.isNumber) }
            guard !parts.isEmpty else {
                // Only emoji, symbols or punctuation (`🦊`, `-`, `:)`): the token itself.
                fragments.append(token)
                return
            }
            for part in parts {
                if part.unicodeScalars.contains(where: \.isInScriptWrittenWithoutSpaces) {
                    fragments.append(String(part))
                } else {
                    words.append(part.lowercased())
                }
            }
            // Emoji between words (`fox🦊`) narrow the search too; ASCII punctuation separates words, as in the index.
            fragments += token.split { $0.isASCII || !$0.isSymbol }.map(String.init)
        }
    }

    /// What every matching prompt contains.
    public var prompt = TextTerms()
    /// What every matching negative prompt contains (`negative:blurry`); plain words never search it, since a
    /// match through text the gallery does not show would look like no match at all.
    public var negativePrompt = TextTerms()
    public var seed: UInt32?
    /// A model id or part of one, or part of a model's display name (`sdxl`, `nova`).
    public var model: String?
    /// The CFG scale, as `cfg:` or the sweep axis's name `cfg_scale:` gives it.
    public var cfgScale: Double?
    public var steps: Int?
    public var size: ImageSize?
    /// A style preset's name, in any case (`style:anime`).
    public var style: String?
    /// A sampler's name, in any case (`sampler:k_euler`).
    public var sampler: String?
    /// Only images from before this second (exclusive): the start of the day after the one `before:` names.
    public var beforeSeconds: Int?
    /// Only images from this second on.
    public var afterSeconds: Int?

    public init() {}

    /// True when the query asks for nothing (every image matches).
    public var isEmpty: Bool { !needsParameters && beforeSeconds == nil && afterSeconds == nil }

    /// Whether matching needs an image's parameters (prompts, seed, model…): unread images cannot match those.
    public var needsParameters: Bool { !prompt.isEmpty || !negativePrompt.isEmpty || asksForAParameter }

    /// Whether one of the single-valued parameters is asked for.
    private var asksForAParameter: Bool {
        seed != nil || model != nil || cfgScale != nil || steps != nil || size != nil || style != nil || sampler != nil
    }

    /// The fields a search knows, as typed (`cfg_scale:` is accepted for `cfg:`, as sweep axes name it).
    static let fieldNames = ["seed:", "model:", "cfg:", "steps:", "size:", "style:", "sampler:", "negative:", "before:", "after:"]

    /// Parses what the user typed; a field with a value it cannot use is refused with the reason, and so is a field
    /// given twice with different values (every part of a search is required, and an image has one seed, one
    /// model, one day…: the answer would always be empty) and a `name:value` that is no field (`width:1024`
    /// searched as prompt words found nothing, with no hint why).
    public static func parse(_ text: String) throws(CatalogError) -> SearchQuery {
        var query = SearchQuery()
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let token = String(token)
            if let value = token.field("seed:") {
                try set(&query.seed, name: "seed:", typed: value, wants: "a whole number from 0 to 4294967295", example: "seed:42") { UInt32($0) }
            } else if let value = token.field("model:") {
                try set(&query.model, name: "model:", typed: value, wants: "a model name", example: "model:sdxl", nameInAnyCase)
            } else if let (name, value) = token.field(oneOf: "cfg:", "cfg_scale:") {
                try set(&query.cfgScale, name: name, typed: value, wants: "a number", example: "cfg:7") { text in
                    Double(text).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
                }
            } else if let value = token.field("steps:") {
                try set(&query.steps, name: "steps:", typed: value, wants: "a whole number of steps", example: "steps:30") { text in
                    Int(text).flatMap { $0 > 0 ? $0 : nil }
                }
            } else if let value = token.field("size:") {
                try set(&query.size, name: "size:", typed: value, wants: "WIDTHxHEIGHT", example: "size:1024x1024") { ImageSize($0) }
            } else if let value = token.field("style:") {
                try set(&query.style, name: "style:", typed: value, wants: "a style preset", example: "style:anime", nameInAnyCase)
            } else if let value = token.field("sampler:") {
                try set(&query.sampler, name: "sampler:", typed: value, wants: "a sampler", example: "sampler:k_euler", nameInAnyCase)
            } else if let value = token.field("negative:") {
                guard !value.isEmpty else {
                    throw .badSearch("`negative:` wants a word of the negative prompt right after it, such as `negative:blurry`")
                }
                query.negativePrompt.add(value)
            } else if let value = token.field("before:") {
                try setOnce(&query.beforeSeconds, to: (day(value, field: "before:").daysSince1970 + 1) * 86_400, field: "before:", typed: value)
            } else if let value = token.field("after:") {
                try setOnce(&query.afterSeconds, to: day(value, field: "after:").daysSince1970 * 86_400, field: "after:", typed: value)
            } else if let name = token.unknownFieldName {
                throw .badSearch("`\(name):` is not a search field; the fields are "
                    + fieldNames.map { "`\($0)`" }.joined(separator: ", ")
                    + " (to find the words in prompts, leave out the colon: `\(token.replacing(":", with: " "))`)")
            } else {
                query.prompt.add(token)
            }
        }
        return query
    }

    /// Reads `typed` with `read` into a field that holds one value; what `read` cannot use is refused with what the
    /// field wants.
    private static func set<Value: Equatable>(_ field: inout Value?, name: String, typed: String, wants: String, example: String,
                                              _ read: (String) -> Value?) throws(CatalogError) {
        guard let value = read(typed) else {
            throw .badSearch("`\(name)` wants \(wants)" + (typed.isEmpty ? " right after it, such as `\(example)`" : ", not `\(typed)`"))
        }
        try setOnce(&field, to: value, field: name, typed: typed)
    }

    /// A name matched in any case (`model:SDXL`, `style:Anime`); nil when nothing was typed.
    private static func nameInAnyCase(_ text: String) -> String? {
        text.isEmpty ? nil : text.lowercased()
    }

    /// Sets a field that holds one value; the same value again is harmless, another one is refused.
    private static func setOnce<Value: Equatable>(_ field: inout Value?, to value: Value, field name: String, typed: String) throws(CatalogError) {
        if let held = field, held != value {
            throw .badSearch("`\(name)` is given twice with different values (the second is `\(typed)`); an image has only one, so keep one")
        }
        field = value
    }

    private static func day(_ text: String, field: String) throws(CatalogError) -> DayStamp {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let number = Int(digits) else {
            throw .badSearch("`\(field)` wants a date such as 2026-11-26, not `\(text)`")
        }
        guard let day = DayStamp(validYear: number / 10_000, month: number / 100 % 100, day: number % 100) else {
            throw .badSearch("`\(field)` wants a real date, and \(text) is not one")
        }
        return day
    }

    /// The FTS5 query for the words of both prompts (each a quoted prefix limited to its column), nil without words.
    var wordsMatch: String? {
        let phrases = prompt.words.map { "prompt : " + Self.prefixPhrase($0) }
            + negativePrompt.words.map { "negative_prompt : " + Self.prefixPhrase($0) }
        return phrases.isEmpty ? nil : phrases.joined(separator: " ")
    }

    private static func prefixPhrase(_ word: String) -> String {
        "\"" + word.replacing("\"", with: "\"\"") + "\"*"
    }

    /// True when only words are asked for: full-text search alone answers it.
    var isWordsOnly: Bool {
        wordsMatch != nil && prompt.fragments.isEmpty && negativePrompt.fragments.isEmpty
            && !asksForAParameter && beforeSeconds == nil && afterSeconds == nil
    }

    /// The WHERE clause for `images` and its bound values.
    func sqlCondition() -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let wordsMatch {
            conditions.append("id IN (SELECT rowid FROM prompts WHERE prompts MATCH ?)")
            values.append(.text(wordsMatch))
        }
        // Fragments are not in the full-text index: each is looked for in the column, row by row.
        for (column, terms) in [("prompt", prompt), ("negative_prompt", negativePrompt)] {
            for fragment in terms.fragments {
                conditions.append("\(column) LIKE ? ESCAPE '\\'")
                values.append(Self.likePattern(containing: fragment))
            }
        }
        // The parameters asked for; each can match only an image whose parameters were read (`metadata = 1`).
        let parameters: [(condition: String, values: [SQLiteValue])?] = [
            seed.map { ("seed = ?", [.integer(Int64($0))]) },
            // Stored as REAL from the same decimal text: equal within a rounding error, not bit for bit.
            cfgScale.map { ("abs(cfg_scale - ?) < 0.0005", [.real($0)]) },
            steps.map { ("steps = ?", [.integer(Int64($0))]) },
            size.map { ("width = ? AND height = ?", [.integer(Int64($0.width)), .integer(Int64($0.height))]) },
            style.map { ("lower(style) = ?", [.text($0)]) },
            sampler.map { ("lower(sampler) = ?", [.text($0)]) },
        ]
        for case let parameter? in parameters {
            conditions.append("metadata = 1 AND " + parameter.condition)
            values += parameter.values
        }
        if let model {
            // A display name matches too: `nova` finds amazon.nova-canvas-v1:0.
            let named = ModelCatalog.all.filter { $0.displayName.lowercased().contains(model) }.map(\.id.rawValue)
            let placeholders = Array(repeating: "?", count: named.count).joined(separator: ", ")
            conditions.append("metadata = 1 AND (lower(model) LIKE ? ESCAPE '\\'" + (named.isEmpty ? ")" : " OR model IN (\(placeholders)))"))
            values.append(Self.likePattern(containing: model))
            values += named.map { .text($0) }
        }
        if let beforeSeconds {
            conditions.append("sort_seconds < ?")
            values.append(.integer(Int64(beforeSeconds)))
        }
        if let afterSeconds {
            conditions.append("sort_seconds >= ?")
            values.append(.integer(Int64(afterSeconds)))
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), values)
    }

    /// A `LIKE … ESCAPE '\'` pattern for text containing `text` (ASCII letters in either case, as LIKE compares them).
    private static func likePattern(containing text: String) -> SQLiteValue {
        .text("%" + text.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_") + "%")
    }
}

extension String {
    /// The value after `name` when this token is that field (case-insensitive name).
    fileprivate func field(_ name: String) -> String? {
        guard lowercased().hasPrefix(name) else { return nil }
        return String(dropFirst(name.count))
    }

    /// The name (as listed) and value when this token is one of the fields `names`.
    fileprivate func field(oneOf names: String...) -> (name: String, value: String)? {
        names.lazy.compactMap { name in self.field(name).map { (name, $0) } }.first
    }

    /// The name of what looks like a field (`size:1024x1024`: ASCII letters, a colon, a value) but is none of
    /// the known ones. Text with a colon that reads as no field (`16:9`, `:)`, `photo:` with nothing after it)
    /// is not one: it is searched as typed.
    fileprivate var unknownFieldName: String? {
        guard let colon = firstIndex(of: ":"), colon != startIndex, index(after: colon) != endIndex else { return nil }
        let name = self[..<colon]
        guard name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return String(name)
    }
}

extension Unicode.Scalar {
    /// Chinese, Japanese, Korean, Thai, Lao, Khmer or Myanmar: scripts whose words run together without spaces,
    /// which the full-text index (unicode61) takes as one word per run.
    fileprivate var isInScriptWrittenWithoutSpaces: Bool {
        switch value {
        case 0x0E00...0x0EFF,   // Thai, Lao
             0x1000...0x109F,   // Myanmar
             0x1100...0x11FF,   // Hangul Jamo
             0x1780...0x17FF,   // Khmer
             0x2E80...0x2FDF,   // CJK and Kangxi radicals
             0x3040...0x31FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK strokes
             0x3400...0x4DBF,   // CJK extension A
             0x4E00...0x9FFF,   // CJK unified ideographs
             0xA960...0xA97F,   // Hangul Jamo extended A
             0xAC00...0xD7FF,   // Hangul syllables, Jamo extended B
             0xF900...0xFAFF,   // CJK compatibility ideographs
             0xFF66...0xFF9F,   // half-width Katakana
             0x20000...0x3FFFF: // CJK extensions B and on
            true
        default:
            false
        }
    }
}
