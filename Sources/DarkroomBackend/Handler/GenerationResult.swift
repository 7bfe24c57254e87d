import DarkroomCore

/// The handler's answer to a generation request: where the image is and everything needed to make it again.
public struct GenerationResult: Codable, Sendable, Equatable {
    /// The reference system's success text.
    public static let savedMessage = "Image Saved to S3"
    /// The text of an asynchronous request's 202 answer.
    public static let pendingMessage = "Image generation started; the image will appear at `key`"

    /// Whether the image is stored or still being made (asynchronous mode).
    public enum Status: String, Codable, Sendable {
        case saved, pending
    }

    /// Time spent, in milliseconds.
    public struct Durations: Codable, Sendable, Equatable {
        /// In the model call; nil while pending.
        public var modelMilliseconds: Int?
        /// From request to response.
        public var totalMilliseconds: Int

        public init(modelMilliseconds: Int?, totalMilliseconds: Int) {
            self.modelMilliseconds = modelMilliseconds
            self.totalMilliseconds = totalMilliseconds
        }

        private enum CodingKeys: String, CodingKey {
            case modelMilliseconds = "model_ms", totalMilliseconds = "total_ms"
        }
    }

    public var message: String
    public var status: Status
    public var bucket: String
    public var key: String
    /// Nil when the thumbnail could not be written (the image itself is stored).
    public var thumbnailKey: String?
    public var seed: UInt32
    public var model: ModelID
    /// The validated parameters, seed included.
    public var parameters: GenerationParameters
    /// `bedrock` or `local-preview`.
    public var engine: String
    public var durations: Durations

    public init(
        message: String, status: Status, bucket: String, key: String, thumbnailKey: String?, seed: UInt32,
        model: ModelID, parameters: GenerationParameters, engine: String, durations: Durations
    ) {
        self.message = message
        self.status = status
        self.bucket = bucket
        self.key = key
        self.thumbnailKey = thumbnailKey
        self.seed = seed
        self.model = model
        self.parameters = parameters
        self.engine = engine
        self.durations = durations
    }

    private enum CodingKeys: String, CodingKey {
        case message, status, bucket, key, seed, model, parameters, engine, durations
        case thumbnailKey = "thumbnail_key"
    }
}
