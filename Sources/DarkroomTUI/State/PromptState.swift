/// The prompt and negative-prompt editors with their shared history.
public struct PromptState: Hashable, Sendable {
    /// Which of the two fields receives typing.
    public enum Field: Hashable, Sendable { case prompt, negative }

    public var editor = TextEditor()
    public var negativeEditor = TextEditor()
    public var field: Field = .prompt
    public var history: PromptHistory
    /// What `e` replaced, until an undo in the prompt reaches the load and puts it all back.
    public var loadUndo: LoadUndo?

    /// The fields and parameters `e` replaced. The prompt's own undo would give back only the prompt, leaving the
    /// negative prompt, the parameters and the seed lock as loaded; this makes loading one step to undo.
    public struct LoadUndo: Hashable, Sendable {
        let editor: TextEditor
        let negativeEditor: TextEditor
        let field: Field
        let parameters: ParameterState
        /// The prompt's `undoDepth` just after the load: back at it, no edit since the load is left to undo.
        let depthAfterLoad: Int
    }

    public init(history: PromptHistory) {
        self.history = history
    }
}
