import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomTestSupport

/// Counts calls to a model and answers with a fixed result.
final class RecordingModel: ModelInvoking, @unchecked Sendable {
    private let lock = NSLock()
    private var calls: [(ModelID, [UInt8])] = []
    private let answer: @Sendable (ModelID, [UInt8]) async throws(ModelInvocationError) -> [UInt8]

    let metadataEngine: String

    init(
        metadataEngine: String = ImageMetadata.bedrockEngine,
        answer: @escaping @Sendable (ModelID, [UInt8]) async throws(ModelInvocationError) -> [UInt8]
    ) {
        self.metadataEngine = metadataEngine
        self.answer = answer
    }

    /// Records, then delegates to the real local engine.
    static func local() -> RecordingModel {
        RecordingModel(metadataEngine: ImageMetadata.localPreviewEngine) { id, body throws(ModelInvocationError) in
            try await LocalPreviewEngine().invokeModel(id: id, body: body).body
        }
    }

    /// Records, then fails with `error`.
    static func failing(_ error: ModelInvocationError) -> RecordingModel {
        RecordingModel { _, _ throws(ModelInvocationError) in throw error }
    }

    var callCount: Int { lock.withLock { calls.count } }
    var lastBody: [UInt8]? { lock.withLock { calls.last?.1 } }

    func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse {
        lock.withLock { calls.append((id, body)) }
        return ModelResponse(body: try await answer(id, body), engine: metadataEngine)
    }
}

/// Records dispatched jobs instead of running them.
final class RecordingDispatcher: GenerationJobDispatching, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [GenerationJob] = []

    var jobs: [GenerationJob] { lock.withLock { recorded } }

    func dispatch(_ job: GenerationJob) async throws(JobDispatchError) {
        lock.withLock { recorded.append(job) }
    }
}

/// A folder store whose writes fail for keys under `failingPrefix`.
struct PartlyFailingStore: ImageStore {
    let inner: DirectoryStorage
    let failingPrefix: String

    func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        try await inner.list(prefix: prefix, continuationToken: continuationToken, maxKeys: maxKeys)
    }
    func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData { try await inner.get(key: key, range: range) }
    func head(key: String) async throws(StorageError) -> StoredObject { try await inner.head(key: key) }
    func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) {
        if key.hasPrefix(failingPrefix) { throw .unavailable("disk full") }
        try await inner.put(key: key, bytes: bytes, contentType: contentType, metadata: metadata)
    }
    func delete(key: String) async throws(StorageError) { try await inner.delete(key: key) }
    var bucket: String { inner.bucket }
    var location: String { inner.location }
}

/// A store whose writes always fail, to check that nothing is half-written and the seed is reported.
struct FailingStore: ImageStore {
    func list(prefix: String, continuationToken: String?, maxKeys: Int) async throws(StorageError) -> StoragePage {
        StoragePage(objects: [], nextContinuationToken: nil)
    }
    func get(key: String, range: ClosedRange<Int>?) async throws(StorageError) -> StoredObjectData { throw .notFound(key: key) }
    func head(key: String) async throws(StorageError) -> StoredObject { throw .notFound(key: key) }
    func put(key: String, bytes: [UInt8], contentType: String, metadata: [String: String]) async throws(StorageError) {
        throw .unavailable("disk full")
    }
    func delete(key: String) async throws(StorageError) {}
    var bucket: String { "failing" }
    var location: String { "nowhere" }
}

/// A handler over a fresh folder bucket, removed afterwards.
struct HandlerFixture {
    let folder: TemporaryDirectory
    let store: DirectoryStorage
    let model: RecordingModel
    let dispatcher: RecordingDispatcher
    let handler: ImageGenerationHandler

    static let fixedDate = Date(timeIntervalSince1970: 1_764_115_667)  // 2025-11-26T00:07:47Z

    init(model: RecordingModel = .local(), configuration: ImageGenerationHandler.Configuration = .init(), async: Bool = true) throws {
        folder = try TemporaryDirectory("darkroom-handler")
        store = try DirectoryStorage(root: folder.url.appendingPathComponent("bucket"))
        self.model = model
        dispatcher = RecordingDispatcher()
        handler = ImageGenerationHandler(
            store: store, model: model, configuration: configuration, dispatcher: async ? dispatcher : nil,
            now: { HandlerFixture.fixedDate }
        )
    }

    func post(_ json: String) async -> BackendResponse {
        await handler.handle(BackendRequest(method: "POST", path: ImageGenerationHandler.path, body: Array(json.utf8)))
    }

    func remove() { folder.remove() }
}

/// Small sizes keep the handler tests fast; the engine's speed is measured by `darkroom-bench backend`.
let smallSDXL = #""model": "stability.stable-diffusion-xl-v1", "steps": 10"#

func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
        throw CocoaError(.coderReadCorrupt)
    }
    return object
}
