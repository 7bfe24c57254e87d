import DarkroomBackend
import DarkroomCore
import Foundation

/// The panels, in Tab order.
public enum FocusArea: String, CaseIterable, Sendable {
    case prompt, parameters, jobs, gallery, preview

    public var title: String {
        switch self {
        case .prompt: return "Prompt"
        case .parameters: return "Parameters"
        case .jobs: return "Jobs"
        case .gallery: return "Gallery"
        case .preview: return "Preview"
        }
    }
}

/// What a finished generation job produced: the stored image's key and the seed it used.
public struct GenerationOutcome: Codable, Hashable, Sendable {
    public var key: String
    public var seed: UInt32

    public init(key: String, seed: UInt32) {
        self.key = key
        self.seed = seed
    }
}

/// The app's job list: generation parameters in, stored images out.
public typealias GenerationJobs = JobQueue<GenerationParameters, GenerationOutcome>

/// Where the app is connected, for the status line.
public struct ConnectionInfo: Hashable, Sendable {
    /// "local", "api" or "bedrock".
    public var backend: String
    /// "s3://bucket" or a folder path.
    public var location: String
    public var region: String?
    public var profile: String?

    public init(backend: String, location: String, region: String? = nil, profile: String? = nil) {
        self.backend = backend
        self.location = location
        self.region = region
        self.profile = profile
    }
}

/// A window drawn over the panels.
public enum Overlay: Hashable, Sendable {
    case help
    case confirmQuit(runningJobs: Int)
}

/// A one-line note in the status bar (a copy confirmation, an error to act on).
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

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
        self.parameters = ParameterState(parameters: parameters ?? ParameterState.defaults(for: ModelCatalog.defaultModel))
        self.jobs = JobsState(queue: jobs)
        gallery = GalleryState()
    }

    /// The catalog entry of the selected model (the default model's when the selection is unknown).
    public var model: ModelDescriptor {
        ModelCatalog.descriptor(for: parameters.values.model) ?? ModelCatalog.all[0]
    }
}

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

/// The parameter rows, in display order.
public enum ParameterRow: String, CaseIterable, Sendable {
    case model, size, style, cfgScale, steps, seed

    public var label: String {
        switch self {
        case .model: return "Model"
        case .size: return "Size"
        case .style: return "Style"
        case .cfgScale: return "CFG"
        case .steps: return "Steps"
        case .seed: return "Seed"
        }
    }
}

/// The generation parameters being edited (prompt text aside) and the parameter panel's selection.
public struct ParameterState: Hashable, Sendable {
    public var values: GenerationParameters
    public var row: ParameterRow = .cfgScale
    /// Digits typed to set the selected number exactly, committed with Enter.
    public var typedNumber: String?
    /// A locked seed is reused for every job; unlocked, each job gets a fresh random seed.
    public var seedLocked = false

    public init(parameters: GenerationParameters) {
        values = parameters
        values.prompt = ""
        values.negativePrompt = ""
    }

    /// A model's defaults with a concrete seed, so the seed row always shows a number.
    public static func defaults(for model: ModelID) -> GenerationParameters {
        var values = (ModelCatalog.descriptor(for: model) ?? ModelCatalog.all[0]).defaults
        values.seed = values.seed ?? 1
        return values
    }
}

/// The job panel: the queue and which job is selected.
public struct JobsState: Hashable, Sendable {
    public var queue: GenerationJobs
    public var selected: JobID?

    public init(queue: GenerationJobs) {
        self.queue = queue
        selected = queue.jobs.last?.id
    }

    /// The selected job, newest when nothing is selected.
    public var selectedJob: GenerationJobs.Entry? {
        selected.flatMap { queue[$0] } ?? queue.jobs.last
    }
}

/// The gallery's listing, filter, selection and lazily loaded thumbnails and metadata.
public struct GalleryState: Sendable {
    /// Thumbnails in a grid, or one line per image.
    public enum Layout: Hashable, Sendable { case grid, list }

    /// Where the listing is.
    public enum Listing: Hashable, Sendable {
        case notLoaded, loading, loaded
        case failed(String)
    }

    /// Every listed image, newest first.
    public private(set) var objects: [StoredObject] = []
    /// Indices into `objects` that pass the filter, in display order.
    public private(set) var visible: [Int] = []
    public var listing: Listing = .notLoaded
    public var layout: Layout = .grid
    public var filter = TextEditor()
    public var isEditingFilter = false
    /// Index into `visible`.
    public var selection = 0
    /// The first visible row of the grid or list.
    public var scrollRow = 0
    public var metadata: [String: ImageMetadata] = [:]
    /// Keys whose metadata was asked for (loaded, absent or failed): never asked twice.
    public var metadataRequested: Set<String> = []
    /// Keys whose metadata request has been answered (with metadata or without).
    public private(set) var metadataAnswered: Set<String> = []
    /// Keys whose metadata the filter's background search asked for and is still waiting on.
    public var searchInFlight: Set<String> = []
    /// Where the filter's background search continues in `objects`; everything before it was requested.
    public var searchCursor = 0
    public var thumbnails = ThumbnailMemory(capacity: 500)
    public var thumbnailsRequested: Set<String> = []
    /// Position of each key in `objects`.
    private var indexByKey: [String: Int] = [:]

    public init() {}

    /// How far the filter's search through every listed image's metadata is: nil without a filter or when done.
    public var searchProgress: (searched: Int, total: Int)? {
        guard !filter.isEmpty else { return nil }
        let searched = objects.reduce(0) { $0 + (metadataAnswered.contains($1.key) ? 1 : 0) }
        return searched < objects.count ? (searched, objects.count) : nil
    }

    /// Records an image's metadata (nil: it has none) and, with a filter active, shows the image if its prompt now
    /// matches, without rescanning the whole listing (a search answers thousands of these).
    /// Returns whether the image joined `visible`.
    @discardableResult
    public mutating func metadataArrived(key: String, _ incoming: ImageMetadata?) -> Bool {
        metadata[key] = incoming
        metadataAnswered.insert(key)
        searchInFlight.remove(key)
        let needle = filter.text.lowercased()
        guard !needle.isEmpty, let index = indexByKey[key], matches(objects[index], needle: needle) else { return false }
        // `visible` is ascending: binary-search the insertion point.
        var low = 0, high = visible.count
        while low < high {
            let middle = (low + high) / 2
            if visible[middle] < index { low = middle + 1 } else { high = middle }
        }
        guard low == visible.count || visible[low] != index else { return false }
        visible.insert(index, at: low)
        // Keep the same image selected.
        if visible.count > 1, low <= selection { selection += 1 }
        return true
    }

    public var selectedObject: StoredObject? {
        visible.indices.contains(selection) ? objects[visible[selection]] : nil
    }

    /// Replaces or extends the listing, keeping newest first and the selection on the same image.
    public mutating func merge(_ incoming: [StoredObject], replacing: Bool) {
        let selectedKey = selectedObject?.key
        var byKey: [String: StoredObject] = replacing ? [:] : Dictionary(objects.map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        for object in incoming { byKey[object.key] = object }
        objects = byKey.values.sorted { ($0.lastModified, $0.key) > ($1.lastModified, $1.key) }
        indexByKey = Dictionary(objects.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        searchCursor = 0
        refilter(keepingKey: selectedKey)
    }

    /// Recomputes `visible` from the filter text (matched against keys and known prompts, ignoring case).
    public mutating func refilter(keepingKey key: String? = nil) {
        let needle = filter.text.lowercased()
        if needle.isEmpty {
            visible = Array(objects.indices)
        } else {
            visible = objects.indices.filter { matches(objects[$0], needle: needle) }
        }
        if let key, let position = visible.firstIndex(where: { objects[$0].key == key }) {
            selection = position
        } else {
            selection = min(selection, max(0, visible.count - 1))
        }
    }
}

extension GalleryState {
    private func matches(_ object: StoredObject, needle: String) -> Bool {
        if object.key.lowercased().contains(needle) { return true }
        return metadata[object.key]?.parameters.prompt.lowercased().contains(needle) ?? false
    }
}

/// What the preview panel shows beyond the gallery's selection.
public struct PreviewState: Sendable {
    public var isFullScreen = false
    /// The large rendering of one image at one size.
    public var picture: (key: String, columns: Int, rows: Int, picture: CellPicture)?
    public var requested: (key: String, columns: Int, rows: Int)?

    public init() {}
}
