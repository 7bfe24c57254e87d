import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the screen shows; changed only by `AppReducer`.
public struct AppState: Sendable {
    public var screen: (width: Int, height: Int)
    public var theme: Theme
    public var connection: ConnectionInfo
    public var focus: FocusArea = .prompt
    public var overlay: Overlay?
    /// The latest note for the status line; it shows for a few seconds from `messageShownAt`.
    public var message: StatusMessage? {
        didSet { messageShownAt = now }
    }
    public private(set) var messageShownAt = Date(timeIntervalSince1970: 0)
    public var now: Date
    public var isQuitting = false
    /// Whether the terminal reports the mouse to the app (`MouseMap`); the help then says what it does.
    public var reportsMouse = false

    public var prompt: PromptState
    public var parameters: ParameterState
    public var jobs: JobsState
    public var gallery: GalleryState
    public var preview = PreviewState()
    public var sweeps = SweepsState()

    public init(screen: (width: Int, height: Int), theme: Theme, connection: ConnectionInfo, now: Date,
                history: [String] = [], jobs: GenerationJobs = GenerationJobs(), parameters: GenerationParameters? = nil) {
        self.screen = screen
        self.theme = theme
        self.connection = connection
        self.now = now
        prompt = PromptState(history: PromptHistory(entries: history))
        self.parameters = ParameterState(parameters: parameters ?? ParameterState.defaults(for: ModelCatalog.defaultModel, offering: jobs))
        self.jobs = JobsState(queue: jobs)
        gallery = GalleryState()
    }

    /// The catalog entry of the selected model (the default model's when the selection is unknown).
    public var model: ModelDescriptor {
        ModelCatalog.descriptor(for: parameters.values.model) ?? ModelCatalog.all[0]
    }

    /// Whether the screen is large enough for the panels; a smaller one shows only the size it needs, and takes no
    /// key but Ctrl-C (`KeyMap`).
    public var showsPanels: Bool { Layout.isLargeEnough(width: screen.width, height: screen.height) }

    /// What the jobs file keeps: every job but a sweep's cells. The sweep's manifest keeps those and brings the sweep
    /// back as one row after a restart; saved as jobs too, they came back beside it one row each, and `t` on one
    /// ran it outside its grid.
    public var jobsToSave: [GenerationJobs.Entry] {
        let cells = Set(sweeps.groups.flatMap(\.cellJobs))
        return jobs.queue.jobs.filter { !cells.contains($0.id) }
    }
}
