/// A PNG text chunk: a keyword and its text, as `tEXt` (Latin-1), `zTXt` (compressed Latin-1) or
/// `iTXt` (UTF-8).
public struct PNGTextChunk: Sendable, Equatable {
    /// The chunk type a text is stored in.
    public enum Kind: String, Sendable, CaseIterable {
        case tEXt, iTXt, zTXt
    }

    /// 1–79 Latin-1 characters naming the text, for example `parameters`.
    public var keyword: String
    /// The text itself.
    public var text: String
    /// How the text is stored.
    public var kind: Kind

    /// A text chunk; `kind` defaults to `iTXt`, which holds any Unicode text.
    public init(keyword: String, text: String, kind: Kind = .iTXt) {
        self.keyword = keyword
        self.text = text
        self.kind = kind
    }
}
