import DarkroomCore
import DarkroomTerminal

/// A one-line note in the status bar (a copy confirmation, an error to act on).
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    /// The job the note speaks of ("Job #3 queued…"): when that job ends while the note is still the latest, the
    /// note is replaced by how it ended, so it never says queued about an image already saved.
    public var job: JobID?
    /// What the note asks the user to do, if anything: once it is done the note goes, before its six seconds are up.
    public var request: Request?

    /// Something a note asks for, checked against the state after every action.
    public enum Request: Hashable, Sendable {
        /// "Write a prompt first": done once the prompt holds text.
        case writePrompt
        /// "Select an image in the gallery first": done once the user moves from panel `from` to another.
        case changePanel(from: FocusArea)
        /// "1.5.5 is not a valid CFG scale…": done once another number is being typed.
        case typeNumber

        func isDone(in state: AppState) -> Bool {
            switch self {
            case .writePrompt: !state.prompt.editor.text.allSatisfy(\.isWhitespace)
            case .changePanel(let from): state.focus != from
            case .typeNumber: state.parameters.typedNumber != nil
            }
        }
    }

    public init(_ text: String, isError: Bool = false, job: JobID? = nil, request: Request? = nil) {
        self.text = text
        self.isError = isError
        self.job = job
        self.request = request
    }
}

extension StatusMessage {
    /// The sentence naming the image mode `capabilities` decided and how to change it, with the colours `screen`
    /// shows (curses may show fewer than the probe found).
    static func imageMode(_ capabilities: TerminalCapabilities, on screen: any TerminalScreen) -> StatusMessage {
        var shown = capabilities
        shown.colorMode = screen.colorMode
        return StatusMessage(shown.statusSentence)
    }
}
