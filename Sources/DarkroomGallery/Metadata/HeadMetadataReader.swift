import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomThreads

/// Reads the generation parameters an image carries from a ranged GET of its head (the text chunks sit
/// before the image data), retrying failed reads, so metadata costs one small request per image, once.
public struct HeadMetadataReader: Sendable {
    /// Bytes of an image head read for its metadata chunks.
    public static let headBytes = 65_536

    public let store: any ImageStore
    public var attempts: Int
    public var retryDelay: Duration

    public init(store: any ImageStore, attempts: Int = 3, retryDelay: Duration = .milliseconds(200)) {
        self.store = store
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    /// What an image's head says: its parameters, or that it carries none (a definite answer, stored as such).
    public enum Outcome: Sendable, Equatable {
        case parameters(ImageMetadata)
        case none
    }

    /// Reads `key`'s head; a missing object or one that is not a PNG has no parameters. Store failures are
    /// retried and then thrown (the image stays unread, to be tried again later).
    public func read(key: String) async throws(StorageError) -> Outcome {
        var attempt = 1
        while true {
            do {
                let head = try await store.get(key: key, range: 0...(Self.headBytes - 1)).bytes
                return Self.outcome(ofHead: head)
            } catch .notFound, .invalidRange {
                return .none
            } catch {
                guard attempt < attempts, error.isWorthRetrying else { throw error }
                attempt += 1
                try? await Task.sleep(for: retryDelay * attempt)
            }
        }
    }

    /// The parameters in a PNG head: darkroom's JSON chunk, else the A1111 `parameters` text other tools write.
    public static func outcome(ofHead head: [UInt8]) -> Outcome {
        guard let chunks = try? PNG.textChunks(in: head) else { return .none }
        if let json = chunks.first(where: { $0.keyword == ImageMetadata.jsonKeyword }),
           let metadata = ImageMetadata.parse(json: json.text) {
            return .parameters(metadata)
        }
        if let text = chunks.first(where: { $0.keyword == ImageMetadata.parametersKeyword }),
           let metadata = ImageMetadata.parse(parametersText: text.text) {
            return .parameters(metadata)
        }
        return .none
    }
}

extension StorageError {
    /// Failures a second attempt can cure (the network, a busy store), as opposed to answers.
    var isWorthRetrying: Bool {
        if case .unavailable = self { return true }
        return false
    }
}
