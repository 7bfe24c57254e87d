/// The prompt and negative-prompt editors with their shared history.
public struct PromptState: Hashable, Sendable {
    /// Which of the two fields receives typing.
    public enum Field: Hashable, Sendable { case prompt, negative }

    public var editor = TextEditor()
    public var negativeEditor = TextEditor()
    public var field: Field = .prompt
    public var history: PromptHistory

    public init(history: PromptHistory) {
        self.history = history
    }
}
