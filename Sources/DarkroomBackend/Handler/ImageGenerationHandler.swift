#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomCore
import DarkroomThreads
import DarkroomImaging

/// `POST /image-generation`: validate → invoke the model → decode → add the metadata chunks → store the
/// image (never overwriting) and its thumbnail → answer with a `GenerationResult`.
///
/// The same handler serves API Gateway (through `LambdaEvent`), the local stack's HTTP server, and
/// in-process clients. Failures are answered as JSON errors (`ErrorBody`), never thrown.
public struct ImageGenerationHandler: RequestHandling {
    /// The route, as the reference system named it.
    public static let path = "/image-generation"
    /// Where direct invocations deliver asynchronous jobs (only honoured with `LambdaEvent.directInvocationHeader`).
    public static let jobPath = "/internal/darkroom-job"

    /// Defaults and limits; each default applies only when the request leaves the field out and the model accepts it.
    public struct Configuration: Sendable {
        public var defaultModel: ModelID
        public var defaultCfgScale: Double?
        public var defaultSteps: Int?
        public var defaultSize: ImageSize?
        /// The thumbnail's long side in pixels.
        public var thumbnailLongSide: Int
        /// Bodies above this are refused (413); the longest valid request is far smaller.
        public var maxBodyBytes: Int

        public init(
            defaultModel: ModelID = ModelCatalog.defaultModel, defaultCfgScale: Double? = nil, defaultSteps: Int? = nil,
            defaultSize: ImageSize? = nil, thumbnailLongSide: Int = 256, maxBodyBytes: Int = 256 * 1024
        ) {
            self.defaultModel = defaultModel
            self.defaultCfgScale = defaultCfgScale
            self.defaultSteps = defaultSteps
            self.defaultSize = defaultSize
            self.thumbnailLongSide = thumbnailLongSide
            self.maxBodyBytes = maxBodyBytes
        }
    }

    private let store: any ImageStore
    private let model: any ModelInvoking
    private let configuration: Configuration
    private let dispatcher: (any GenerationJobDispatching)?
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - dispatcher: starts asynchronous jobs; without one, `"async": true` is refused.
    ///   - now: the clock that names objects (tests fix it).
    public init(
        store: any ImageStore, model: any ModelInvoking, configuration: Configuration = Configuration(),
        dispatcher: (any GenerationJobDispatching)? = nil, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.model = model
        self.configuration = configuration
        self.dispatcher = dispatcher
        self.now = now
    }

    public func handle(_ request: BackendRequest) async -> BackendResponse {
        let started = ContinuousClock.now
        do throws(GenerationFailure) {
            if request.path == Self.jobPath, request.headers[LambdaEvent.directInvocationHeader] == "1" {
                guard let job = GenerationJob.parse(eventPayload: request.body) else {
                    throw .invalidRequest(message: "The asynchronous job payload could not be read.", field: nil)
                }
                try Self.check(job)
                // Lambda retries a failed asynchronous invocation; a job whose image is already stored is done.
                if (try? await store.head(key: job.key)) != nil {
                    return Self.response(status: 200, result(for: job, status: .saved, message: GenerationResult.savedMessage,
                                                             modelMilliseconds: nil, engine: model.metadataEngine, started: started))
                }
                return Self.response(status: 200, try await run(job, started: started, mayRename: false))
            }
            guard request.method == "POST" else { throw .methodNotAllowed(request.method) }
            guard request.body.count <= configuration.maxBodyBytes else { throw .bodyTooLarge(limit: configuration.maxBodyBytes) }
            let body: GenerationRequestBody
            do {
                body = try GenerationRequestBody.parse(
                    request.body, defaultModel: configuration.defaultModel, defaultSize: configuration.defaultSize
                )
            } catch {
                throw .invalidRequest(message: error.message, field: error.field)
            }
            let result = try await generate(body.parameters, descriptor: body.descriptor, isAsync: body.isAsync, started: started)
            return Self.response(status: result.status == .pending ? 202 : 200, result)
        } catch {
            var response = Self.response(status: error.status, error.body)
            if case .methodNotAllowed = error { response.headers["allow"] = "POST" }
            return response
        }
    }

    /// Generates and stores one image from parameters (defaults filled, validated here).
    public func generate(_ parameters: GenerationParameters) async throws(GenerationFailure) -> GenerationResult {
        let descriptor = try Self.descriptor(for: parameters.model)
        return try await generate(parameters, descriptor: descriptor, isAsync: false, started: .now)
    }

    private func generate(
        _ requested: GenerationParameters, descriptor: ModelDescriptor, isAsync: Bool, started: ContinuousClock.Instant
    ) async throws(GenerationFailure) -> GenerationResult {
        let parameters: GenerationParameters
        do {
            parameters = try withConfiguredDefaults(requested, descriptor: descriptor).validated(using: descriptor)
        } catch {
            throw .invalidRequest(message: error.description, field: error.field)
        }
        let requestedAt = now()
        let key = ObjectNaming.imageKey(date: requestedAt, seed: parameters.seed ?? 0)
        let job = GenerationJob(
            parameters: parameters, key: key, thumbnailKey: ObjectNaming.thumbnailKey(forImageKey: key), requestedAt: requestedAt
        )
        guard isAsync else { return try await run(job, started: started, mayRename: true) }

        guard let dispatcher else {
            throw .dispatch("Asynchronous mode is not available on this endpoint; send the request without `async`.", available: false)
        }
        do {
            try await dispatcher.dispatch(job)
        } catch {
            throw .dispatch(error.description, available: true)
        }
        return result(for: job, status: .pending, message: GenerationResult.pendingMessage, modelMilliseconds: nil,
                      engine: model.metadataEngine, started: started)
    }

    private func result(
        for job: GenerationJob, status: GenerationResult.Status, message: String, modelMilliseconds: Int?, engine: String,
        started: ContinuousClock.Instant
    ) -> GenerationResult {
        GenerationResult(
            message: message, status: status, bucket: store.bucket, key: job.key, thumbnailKey: job.thumbnailKey,
            seed: job.parameters.seed ?? 0, model: job.parameters.model, parameters: job.parameters, engine: engine,
            durations: .init(modelMilliseconds: modelMilliseconds, totalMilliseconds: Self.milliseconds(since: started))
        )
    }

    /// Request fields left out take the configured defaults when the model accepts them.
    private func withConfiguredDefaults(_ parameters: GenerationParameters, descriptor: ModelDescriptor) -> GenerationParameters {
        var result = parameters
        if result.cfgScale == nil, let value = configuration.defaultCfgScale, descriptor.cfgScale?.contains(value) == true {
            result.cfgScale = value
        }
        if result.steps == nil, let value = configuration.defaultSteps, descriptor.steps?.contains(value) == true {
            result.steps = value
        }
        return result
    }

    /// The catalog's entry for `model`, or the refusal a request naming an unknown model gets.
    private static func descriptor(for model: ModelID) throws(GenerationFailure) -> ModelDescriptor {
        guard let descriptor = ModelCatalog.descriptor(for: model) else {
            let error = ParameterError.unknownModel(model)
            throw .invalidRequest(message: error.description, field: error.field)
        }
        return descriptor
    }

    /// A job is checked again when it arrives, as a request is: anyone allowed to invoke the function can send one,
    /// and it must not store a control character in a text chunk, pay for 100,000 steps, or write outside
    /// `output-images/`.
    private static func check(_ job: GenerationJob) throws(GenerationFailure) {
        let descriptor = try Self.descriptor(for: job.parameters.model)
        do {
            _ = try job.parameters.validated(using: descriptor)
        } catch {
            throw .invalidRequest(message: error.description, field: error.field)
        }
        guard ObjectNaming.components(ofImageKey: job.key) != nil,
              job.thumbnailKey == nil || job.thumbnailKey == ObjectNaming.thumbnailKey(forImageKey: job.key) else {
            throw .invalidRequest(message: "The asynchronous job's key `\(job.key.escapingControlCharacters())` is not one darkroom names; send it from a request.", field: nil)
        }
    }

    /// Runs a job whose parameters are validated; `mayRename` lets a synchronous request pick a new key on a clash.
    private func run(_ job: GenerationJob, started: ContinuousClock.Instant, mayRename: Bool) async throws(GenerationFailure) -> GenerationResult {
        let descriptor = try Self.descriptor(for: job.parameters.model)
        let modelStarted = ContinuousClock.now
        let (image, engine) = try await invoke(job.parameters, descriptor: descriptor)
        let modelMilliseconds = Self.milliseconds(since: modelStarted)
        var parameters = job.parameters
        // Seeds are drawn before the call, but a model may still report another; report the one it used.
        if let seed = image.seed { parameters.seed = seed }
        let seed = parameters.seed ?? 0
        let metadata = ImageMetadata(parameters: parameters, engine: engine)

        let stored: [UInt8]
        do {
            stored = try Self.withMetadata(image.png, metadata)
        } catch {
            throw .badModelResponse("its PNG could not take the metadata chunks: \(error)")
        }
        // Made while the image is being written. One that cannot be made is not worth failing a stored image
        // for; galleries fall back to the image.
        async let thumbnailBytes = Self.thumbnail(of: image.png, longSide: configuration.thumbnailLongSide)

        // The key names the seed that reproduces the image. A promised (asynchronous) key is kept; its metadata
        // carries the seed the model reports.
        var key = job.key
        if mayRename, seed != job.parameters.seed {
            key = ObjectNaming.imageKey(date: job.requestedAt, seed: seed)
        }
        let objectMetadata = ["seed": "\(seed)", "model": parameters.model.rawValue, "engine": metadata.engine]
        for attempt in 1...3 {
            do {
                try await store.put(key: key, bytes: stored, contentType: "image/png", metadata: objectMetadata)
                break
            } catch .alreadyExists where mayRename && attempt < 3 {
                key = ObjectNaming.imageKey(date: job.requestedAt, seed: seed)
            } catch {
                throw .storage(error, seed: seed)
            }
        }

        var thumbnailKey = ObjectNaming.thumbnailKey(forImageKey: key)
        if let thumbnail = await thumbnailBytes, let target = thumbnailKey {
            do {
                try await store.put(key: target, bytes: thumbnail, contentType: "image/png", metadata: ["source-key": key])
            } catch {
                thumbnailKey = nil
            }
        } else {
            thumbnailKey = nil
        }

        let outcome = GenerationJob(parameters: parameters, key: key, thumbnailKey: thumbnailKey, requestedAt: job.requestedAt)
        return result(for: outcome, status: .saved, message: GenerationResult.savedMessage,
                      modelMilliseconds: modelMilliseconds, engine: engine, started: started)
    }

    /// The model's image for validated parameters, and the engine that made it: handed over directly to a model in
    /// this process, else through the family's `InvokeModel` payload.
    private func invoke(_ parameters: GenerationParameters, descriptor: ModelDescriptor) async throws(GenerationFailure)
        -> (image: GeneratedImage, engine: String) {
        if let inProcess = model as? any InProcessModel {
            do {
                return (try await inProcess.generate(validated: parameters, descriptor: descriptor), inProcess.metadataEngine)
            } catch {
                if case .contentFiltered(let reason) = error { throw .contentFiltered(reason: reason) }
                throw .model(error)
            }
        }
        let payload = descriptor.family.payload
        let response: ModelResponse
        do {
            response = try await model.invokeModel(id: descriptor.id, body: payload.requestBody(for: parameters, descriptor: descriptor))
        } catch {
            throw .model(error)
        }
        do {
            return (try payload.parseResponse(response.body), response.engine)
        } catch {
            if case .contentFiltered(let reason) = error { throw .contentFiltered(reason: reason) }
            throw .badModelResponse(error.description)
        }
    }

    private static func thumbnail(of png: [UInt8], longSide: Int) async -> [UInt8]? {
        await ThreadPool.compute.runToCompletion { try? Thumbnail.make(from: png, longSide: longSide) }
    }

    /// Inserts the `parameters` chunk (tEXt when Latin-1 allows, as other tools write it) and the JSON chunk.
    static func withMetadata(_ png: [UInt8], _ metadata: ImageMetadata) throws(PNGError) -> [UInt8] {
        let text = metadata.parametersText()
        let latin1 = text.unicodeScalars.allSatisfy { $0.value < 256 }
        let parameters = PNGTextChunk(keyword: ImageMetadata.parametersKeyword, text: text, kind: latin1 ? .tEXt : .iTXt)
        let json = PNGTextChunk(keyword: ImageMetadata.jsonKeyword, text: metadata.json(), kind: .iTXt)
        // Each insert goes right after IHDR, so the last inserted comes first: `parameters`, then the JSON.
        return try PNG.inserting(parameters, into: PNG.inserting(json, into: png))
    }

    private static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        Int(((ContinuousClock.now - start) / .milliseconds(1)).rounded())
    }

    private static func response(status: Int, _ value: some Encodable) -> BackendResponse {
        let body = CanonicalJSON.encode(value) ?? Array(#"{"error":"The response could not be encoded."}"#.utf8)
        return BackendResponse(status: status, headers: ["content-type": "application/json"], body: body)
    }
}
