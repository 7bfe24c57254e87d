/// Past prompts, newest last, walked with Up/Down at the editor's edges or Ctrl-P/N.
///
/// While walking, the text being written before the walk started is kept as a draft and comes back when
/// the walk passes the newest entry.
public struct PromptHistory: Hashable, Sendable {
    public private(set) var entries: [String]
    /// How many entries are kept; older ones are dropped.
    public let limit: Int
    private var position: Int?
    private var draft = ""

    public init(entries: [String] = [], limit: Int = 500) {
        self.limit = limit
        self.entries = Array(entries.suffix(limit))
    }

    /// Whether a walk is in progress.
    public var isBrowsing: Bool { position != nil }

    /// Adds a submitted prompt (not repeating the newest entry) and ends any walk.
    public mutating func record(_ prompt: String) {
        position = nil
        guard !prompt.isEmpty, entries.last != prompt else { return }
        entries.append(prompt)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
    }

    /// The entry before the current one, remembering `current` as the draft when the walk starts.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        let next: Int
        if let position {
            guard position > 0 else { return nil }
            next = position - 1
        } else {
            draft = current
            next = entries.count - 1
        }
        position = next
        return entries[next]
    }

    /// The entry after the current one, or the draft after the newest; nil when not walking.
    public mutating func next() -> String? {
        guard let position else { return nil }
        if position + 1 < entries.count {
            self.position = position + 1
            return entries[position + 1]
        }
        self.position = nil
        return draft
    }
}
