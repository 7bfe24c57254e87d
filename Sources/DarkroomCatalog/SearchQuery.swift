import DarkroomCore
import DarkroomGallery

/// What `/` and `darkroom ls --search` look for: prompt words plus `seed:N`, `model:…`, `before:DATE`,
/// `after:DATE` (DATE as `2026-11-26` or `20261126`, UTC; `after:` includes the day, `before:` excludes it).
public struct SearchQuery: Sendable, Equatable {
    /// Words every matching prompt (or negative prompt) contains, each as a prefix (`cat` finds `cats`).
    public var words: [String] = []
    public var seed: UInt32?
    /// A model id or part of one, or part of a model's display name (`sdxl`, `nova`).
    public var model: String?
    /// Only images from before this second (exclusive).
    public var beforeSeconds: Int?
    /// Only images from this second on.
    public var afterSeconds: Int?

    public init() {}

    /// True when the query asks for nothing (every image matches).
    public var isEmpty: Bool { words.isEmpty && seed == nil && model == nil && beforeSeconds == nil && afterSeconds == nil }

    /// Whether matching needs an image's parameters (words, seed, model): unread images cannot match those.
    public var needsParameters: Bool { !words.isEmpty || seed != nil || model != nil }

    /// Parses what the user typed; a field with a value it cannot use is refused with the reason.
    public static func parse(_ text: String) throws(CatalogError) -> SearchQuery {
        var query = SearchQuery()
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            let token = String(token)
            if let value = token.field("seed:") {
                guard let seed = UInt32(value) else {
                    throw .badSearch("`seed:` wants a whole number from 0 to 4294967295, not `\(value)`")
                }
                query.seed = seed
            } else if let value = token.field("model:") {
                guard !value.isEmpty else { throw .badSearch("`model:` wants a model name such as `model:sdxl`") }
                query.model = value.lowercased()
            } else if let value = token.field("before:") {
                query.beforeSeconds = try day(value, field: "before:").daysSince1970 * 86_400
            } else if let value = token.field("after:") {
                query.afterSeconds = try day(value, field: "after:").daysSince1970 * 86_400
            } else {
                // FTS5 sees only letters and digits as word characters; the rest separates words.
                let parts = token.split { !($0.isLetter || $0.isNumber) }.map { String($0).lowercased() }
                query.words += parts
            }
        }
        return query
    }

    private static func day(_ text: String, field: String) throws(CatalogError) -> DayStamp {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCII), let number = Int(digits) else {
            throw .badSearch("`\(field)` wants a date such as 2026-11-26, not `\(text)`")
        }
        let day = DayStamp(year: number / 10_000, month: number / 100 % 100, day: number % 100)
        guard (1...12).contains(day.month), (1...31).contains(day.day),
              DayStamp(daysSince1970: day.daysSince1970) == day
        else { throw .badSearch("`\(field)` wants a real date, and \(text) is not one") }
        return day
    }

    /// The FTS5 query for `words` (each a quoted prefix), nil without words.
    var wordsMatch: String? {
        words.isEmpty ? nil : words.map { "\"" + $0.replacing("\"", with: "\"\"") + "\"*" }.joined(separator: " ")
    }

    /// True when only prompt words are asked for: full-text search alone answers it.
    var isWordsOnly: Bool { !words.isEmpty && seed == nil && model == nil && beforeSeconds == nil && afterSeconds == nil }

    /// The WHERE clause for `images` and its bound values.
    func sqlCondition() -> (String, [SQLiteValue]) {
        var conditions: [String] = []
        var values: [SQLiteValue] = []
        if let wordsMatch {
            conditions.append("id IN (SELECT rowid FROM prompts WHERE prompts MATCH ?)")
            values.append(.text(wordsMatch))
        }
        if let seed {
            conditions.append("metadata = 1 AND seed = ?")
            values.append(.integer(Int64(seed)))
        }
        if let model {
            // A display name matches too: `nova` finds amazon.nova-canvas-v1:0.
            let named = ModelCatalog.all.filter { $0.displayName.lowercased().contains(model) }.map(\.id.rawValue)
            let placeholders = Array(repeating: "?", count: named.count).joined(separator: ", ")
            conditions.append("metadata = 1 AND (lower(model) LIKE ? ESCAPE '\\'" + (named.isEmpty ? ")" : " OR model IN (\(placeholders)))"))
            let escaped = model.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
            values.append(.text("%" + escaped + "%"))
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
}

extension String {
    /// The value after `name` when this token is that field (case-insensitive name).
    fileprivate func field(_ name: String) -> String? {
        guard lowercased().hasPrefix(name) else { return nil }
        return String(dropFirst(name.count))
    }
}
