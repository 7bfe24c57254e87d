import Testing
import Foundation
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomTestSupport

/// The handler end to end over a folder bucket and the local engine (real PNGs, real files).
@Suite struct ImageGenerationHandlerTests {
    /// Titan's small sizes keep debug-build renders quick; the wire contract is the same for every model.
    static let fast = ImageGenerationHandler.Configuration(
        defaultModel: "amazon.titan-image-generator-v2:0", defaultSize: ImageSize(width: 384, height: 576)
    )

    @Test(arguments: LambdaEventTests.samples.map(\.file), [false, true])
    func everySampleEventWithTheReferenceBodySavesAnImage(file: String, base64: Bool) async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        var event = try #require(try JSONSerialization.jsonObject(with: Data(LambdaEventTests.event(
            file, body: #"{"message": "A cat running a marathon"}"#, base64: base64
        ))) as? [String: Any])
        // Some HTTP API samples are GETs; a client of this route posts.
        if var context = event["requestContext"] as? [String: Any], var http = context["http"] as? [String: Any] {
            http["method"] = "POST"
            context["http"] = http
            event["requestContext"] = context
        }
        let (request, kind) = try LambdaEvent.decode([UInt8](try JSONSerialization.data(withJSONObject: event)))
        let proxy = try jsonObject(LambdaEvent.encode(await fixture.handler.handle(request), for: kind))
        #expect(proxy["statusCode"] as? Int == 200)
        let body = try jsonObject(Array(try #require(proxy["body"] as? String).utf8))
        #expect(body["message"] as? String == "Image Saved to S3")
        let key = try #require(body["key"] as? String)
        #expect(key.hasPrefix("output-images/20251126T000747Z-"))
        #expect(try await fixture.store.head(key: key).size > 0)
        let thumbnailKey = try #require(body["thumbnail_key"] as? String)
        #expect(try await fixture.store.head(key: thumbnailKey).size > 0)
    }

    @Test(arguments: LambdaEventTests.samples.map(\.file))
    func everySampleEventAsShippedIsRefusedWithoutAModelCall(file: String) async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let (request, _) = try LambdaEvent.decode(TestData.bytes("apigw-events/" + file))
        let response = await fixture.handler.handle(request)
        // The samples carry `{"a": 1}`, plain text, or are GETs: none is a generation request.
        #expect([400, 405].contains(response.status))
        #expect(fixture.model.callCount == 0)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)
        if request.method == "GET" { #expect(response.headers["allow"] == "POST") }
    }

    @Test func theResultCarriesEverythingToReproduceTheImage() async throws {
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "A cat running a marathon", "steps": 10, "seed": 1234, "cfg_scale": 9.5}"#)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        #expect(result.message == GenerationResult.savedMessage)
        #expect(result.status == .saved)
        #expect(result.bucket == "bucket")
        #expect(result.seed == 1234)
        #expect(result.model == "stability.stable-diffusion-xl-v1")
        #expect(result.parameters.steps == 10)
        #expect(result.parameters.cfgScale == 9.5)
        #expect(result.parameters.size == ImageSize(width: 1024, height: 1024))
        #expect(result.engine == "local-preview")
        #expect(result.durations.modelMilliseconds != nil)
        #expect(result.durations.totalMilliseconds >= result.durations.modelMilliseconds ?? 0)
        #expect(result.key.hasPrefix("output-images/20251126T000747Z-1234-"))
        #expect(result.thumbnailKey == ObjectNaming.thumbnailKey(forImageKey: result.key))

        let stored = try await fixture.store.get(key: result.key)
        #expect(stored.contentType == "image/png")
        #expect(stored.metadata["seed"] == "1234")
        let chunks = try PNG.textChunks(in: stored.bytes)
        let text = try #require(chunks.first { $0.keyword == ImageMetadata.parametersKeyword })
        let json = try #require(chunks.first { $0.keyword == ImageMetadata.jsonKeyword })
        #expect(ImageMetadata.parse(parametersText: text.text)?.parameters == result.parameters)
        #expect(ImageMetadata.parse(json: json.text)?.parameters == result.parameters)
        // Metadata sits before the image data, so a ranged GET of the head finds it.
        #expect(try PNG.textChunks(in: Array(stored.bytes.prefix(4096))).count == 2)

        let thumbnail = try PNG.decode(try await fixture.store.get(key: try #require(result.thumbnailKey)).bytes)
        #expect(max(thumbnail.width, thumbnail.height) == 256)
        let full = try PNG.decode(stored.bytes)
        #expect(full.width == 1024)
    }

    @Test func aPromptAloneTakesDefaultsAndReportsTheDrawnSeed() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "a lighthouse"}"#)
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        #expect(result.parameters.cfgScale == 8)
        #expect(result.parameters.seed == result.seed)
        #expect(result.key.contains("-\(result.seed)-"))
        let sent = try jsonObject(try #require(fixture.model.lastBody))
        let config = try #require(sent["imageGenerationConfig"] as? [String: Any])
        #expect(config["seed"] as? Int == Int(result.seed))
    }

    /// Answers like Bedrock's SDXL: an 8×8 image and the seed it used, `reportedSeed` or else the one it was sent.
    static func sdxlModel(reportedSeed: UInt32? = nil) -> RecordingModel {
        RecordingModel { _, body throws(ModelInvocationError) in
            guard let sent = try? StabilitySDXLPayload.parseRequest(body, descriptor: .stableDiffusionXL),
                  let png = try? PNG.encode(RGBAImage(width: 8, height: 8, pixels: [UInt8](repeating: 200, count: 256)))
            else { throw .validation("unreadable request") }
            return StabilitySDXLPayload.responseBody(png: png, seed: reportedSeed ?? sent.seed ?? 0)
        }
    }

    @Test func sdxlSeedZeroIsDrawnBeforeTheCallSoTheKeyNamesTheSeedUsed() async throws {
        let fixture = try HandlerFixture(model: Self.sdxlModel())
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "x", \#(smallSDXL), "seed": 0}"#)
        #expect(response.status == 200)
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        let sent = try jsonObject(try #require(fixture.model.lastBody))
        #expect(sent["seed"] as? Int == Int(result.seed))
        #expect(result.seed != 0)
        #expect(result.key.contains("-\(result.seed)-"))
        #expect(try await fixture.store.get(key: result.key).metadata["seed"] == "\(result.seed)")
    }

    @Test func aSeedTheModelReplacesRenamesASynchronousKeyButNotAPromisedOne() async throws {
        let fixture = try HandlerFixture(model: Self.sdxlModel(reportedSeed: 4242))
        defer { fixture.remove() }
        let sync = try JSONDecoder().decode(
            GenerationResult.self, from: Data(await fixture.post(#"{"message": "x", \#(smallSDXL), "seed": 7}"#).body)
        )
        #expect(sync.seed == 4242)
        #expect(sync.key.contains("-4242-"))

        let pending = try JSONDecoder().decode(
            GenerationResult.self,
            from: Data(await fixture.post(#"{"message": "x", \#(smallSDXL), "seed": 7, "async": true}"#).body)
        )
        #expect(pending.key.contains("-7-"))
        let (request, _) = try LambdaEvent.decode(try #require(fixture.dispatcher.jobs.first).eventPayload())
        let done = try JSONDecoder().decode(GenerationResult.self, from: Data(await fixture.handler.handle(request).body))
        #expect(done.key == pending.key)
        #expect(done.seed == 4242)
        #expect(try await fixture.store.get(key: pending.key).metadata["seed"] == "4242")
    }

    @Test func configuredDefaultsApplyOnlyWhereTheModelAcceptsThem() async throws {
        let configuration = ImageGenerationHandler.Configuration(defaultCfgScale: 10, defaultSteps: 12)
        let fixture = try HandlerFixture(configuration: configuration)
        defer { fixture.remove() }
        let sdxl = try JSONDecoder().decode(GenerationResult.self, from: Data(await fixture.post(#"{"message": "x"}"#).body))
        #expect(sdxl.parameters.cfgScale == 10)
        #expect(sdxl.parameters.steps == 12)
        let titan = try JSONDecoder().decode(GenerationResult.self, from: Data(await fixture.post(
            #"{"message": "x", "model": "amazon.titan-image-generator-v2:0", "width": 384, "height": 576}"#).body))
        #expect(titan.parameters.cfgScale == 10)
        #expect(titan.parameters.steps == nil)
    }

    static let badBodies: [(body: String, status: Int, field: String?)] = [
        ("not json", 400, nil),
        ("[1, 2]", 400, nil),
        ("{}", 400, "message"),
        (#"{"message": ""}"#, 400, "message"),
        (#"{"message": "   "}"#, 400, "message"),
        (#"{"message": 42}"#, 400, "message"),
        (#"{"message": null}"#, 400, "message"),
        (#"{"message": "\#(String(repeating: "a", count: 2001))"}"#, 400, "message"),
        (#"{"message": "x", "negative_prompt": "\#(String(repeating: "n", count: 2001))"}"#, 400, "negative_prompt"),
        (#"{"message": "x", "cfg_scale": 36}"#, 400, "cfg_scale"),
        (#"{"message": "x", "cfg_scale": "high"}"#, 400, "cfg_scale"),
        (#"{"message": "x", "steps": 5}"#, 400, "steps"),
        (#"{"message": "x", "steps": 30.5}"#, 400, "steps"),
        (#"{"message": "x", "seed": -1}"#, 400, "seed"),
        (#"{"message": "x", "seed": 4294967296}"#, 400, "seed"),
        (#"{"message": "x", "model": "amazon.nova-canvas-v1:0", "seed": 858993460}"#, 400, "seed"),
        (#"{"message": "x", "model": "openai.dall-e-3"}"#, 400, "model"),
        (#"{"message": "x", "width": 1000}"#, 400, "width"),
        (#"{"message": "x", "width": 1024, "height": 1000}"#, 400, "height"),
        (#"{"message": "x", "style_preset": "watercolour"}"#, 400, "style_preset"),
        (#"{"message": "x", "sampler": "euler"}"#, 400, "sampler"),
        (#"{"message": "x", "prompt": "y"}"#, 400, "prompt"),
        (#"{"message": "x", "async": "yes"}"#, 400, "async"),
        (#"{"message": "\#(String(repeating: "a", count: 300_000))"}"#, 413, nil),
    ]

    @Test(arguments: 0..<badBodies.count)
    func badInputIsRefusedNamingTheFieldWithoutAModelCall(index: Int) async throws {
        let (body, status, field) = Self.badBodies[index]
        let fixture = try HandlerFixture()
        defer { fixture.remove() }
        let response = await fixture.post(body)
        #expect(response.status == status)
        let error = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        #expect(error.field == field)
        #expect(!error.error.isEmpty)
        if let field { #expect(error.error.contains(field) || field == "message") }
        #expect(fixture.model.callCount == 0)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)
    }

    static let modelFailures: [(ModelInvocationError, Int, String)] = [
        (.throttled("rate exceeded"), 429, "throttled"),
        (.accessDenied("no model access"), 403, "access_denied"),
        (.timeout("read timeout"), 504, "model_timeout"),
        (.contentFiltered("blocked by content filters"), 422, "content_filtered"),
        (.validation("bad request"), 400, "model_validation"),
        (.unavailable("model not ready"), 503, "model_unavailable"),
        (.modelNotFound("no such model"), 404, "model_not_found"),
        (.transport("connection refused"), 502, "model_failed"),
        (.failed("internal error"), 502, "model_failed"),
    ]

    @Test(arguments: 0..<modelFailures.count)
    func modelErrorsMapToClearStatuses(index: Int) async throws {
        let (error, status, code) = Self.modelFailures[index]
        let fixture = try HandlerFixture(model: .failing(error))
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "x"}"#)
        #expect(response.status == status)
        let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        #expect(body.code == code)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)
    }

    @Test func theEnginesContentFilterAnswers422WithTheReason() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        for model in ["stability.stable-diffusion-xl-v1", "amazon.titan-image-generator-v2:0", "stability.stable-image-core-v1:1"] {
            let size = model.hasPrefix("amazon") ? #", "width": 384, "height": 576"# : ""
            let response = await fixture.post(#"{"message": "something nsfw", "model": "\#(model)"\#(size)}"#)
            #expect(response.status == 422, "\(model)")
            let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
            #expect(body.reason?.isEmpty == false)
        }
    }

    @Test func aResponseWithoutAPNGIsABadGateway() async throws {
        let fixture = try HandlerFixture(model: RecordingModel { _, _ in Array(#"{"images": ["aGVsbG8="]}"#.utf8) })
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "x", "model": "amazon.nova-canvas-v1:0"}"#)
        #expect(response.status == 502)
        #expect(try JSONDecoder().decode(ErrorBody.self, from: Data(response.body)).code == "bad_model_response")
    }

    @Test func aStorageFailureReportsTheSeedAndStoresNothing() async throws {
        let handler = ImageGenerationHandler(store: FailingStore(), model: LocalPreviewEngine())
        let response = await handler.handle(BackendRequest(
            method: "POST", path: "/image-generation",
            body: Array(#"{"message": "x", "seed": 99, "model": "amazon.titan-image-generator-v2:0", "width": 384, "height": 576}"#.utf8)
        ))
        #expect(response.status == 502)
        let body = try JSONDecoder().decode(ErrorBody.self, from: Data(response.body))
        #expect(body.code == "storage_failed")
        #expect(body.seed == 99)
        #expect(body.error.contains("99"))
    }

    @Test func aThumbnailThatCannotBeStoredLeavesTheImageAndSaysSo() async throws {
        let folder = try TemporaryDirectory("darkroom-handler")
        defer { folder.remove() }
        let inner = try DirectoryStorage(root: folder.url)
        let handler = ImageGenerationHandler(
            store: PartlyFailingStore(inner: inner, failingPrefix: ObjectNaming.thumbnailPrefix), model: LocalPreviewEngine(),
            configuration: Self.fast
        )
        let response = await handler.handle(BackendRequest(method: "POST", path: "/image-generation", body: Array(#"{"message": "x"}"#.utf8)))
        #expect(response.status == 200)
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        #expect(result.thumbnailKey == nil)
        #expect(try await inner.head(key: result.key).size > 0)
        #expect(try await inner.listAll(prefix: ObjectNaming.thumbnailPrefix).isEmpty)
    }

    @Test func concurrentIdenticalRequestsAllGetTheirOwnObject() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<6 {
                group.addTask { await fixture.post(#"{"message": "x", "seed": 5}"#).status }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 6))
        #expect(try await fixture.store.listAll(prefix: ObjectNaming.imagePrefix).count == 6)
        #expect(try await fixture.store.listAll(prefix: ObjectNaming.thumbnailPrefix).count == 6)
    }

    @Test func identicalRequestsInOneSecondGetDistinctKeys() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        var keys = Set<String>()
        for _ in 0..<3 {
            let result = try JSONDecoder().decode(GenerationResult.self, from: Data(await fixture.post(#"{"message": "x", "seed": 5}"#).body))
            keys.insert(result.key)
        }
        #expect(keys.count == 3)
        #expect(try await fixture.store.listAll(prefix: "output-images/").count == 3)
    }

    @Test func asyncAnswers202WithTheFutureKeyAndTheJobFillsIt() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "a slow masterpiece", "async": true, "seed": 7}"#)
        #expect(response.status == 202)
        let pending = try JSONDecoder().decode(GenerationResult.self, from: Data(response.body))
        #expect(pending.status == .pending)
        #expect(pending.seed == 7)
        #expect(fixture.model.callCount == 0)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)

        let job = try #require(fixture.dispatcher.jobs.first)
        #expect(job.key == pending.key)
        let (request, kind) = try LambdaEvent.decode(job.eventPayload())
        #expect(kind == .asyncJob)
        let done = await fixture.handler.handle(request)
        #expect(done.status == 200)
        let result = try JSONDecoder().decode(GenerationResult.self, from: Data(done.body))
        #expect(result.key == pending.key)
        #expect(try await fixture.store.head(key: pending.key).size > 0)
        #expect(fixture.model.callCount == 1)

        // Lambda may deliver the same asynchronous event again: the stored image stands, no second model call.
        let retried = await fixture.handler.handle(request)
        #expect(retried.status == 200)
        #expect(fixture.model.callCount == 1)
    }

    /// A job is checked on arrival as a request is: a direct invocation could carry a control character, 100,000
    /// steps or a key outside `output-images/`, and was run and stored as it came.
    @Test func aHostileJobIsRefusedBeforeTheModelIsCalled() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let key = "output-images/20261201T000000Z-7-0000abcd.png"
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let jobs = [
            GenerationJob(parameters: GenerationParameters(prompt: "\u{1B}]0;pwn\u{07}x", seed: 7), key: key, thumbnailKey: nil, requestedAt: date),
            GenerationJob(parameters: GenerationParameters(prompt: "a heron", steps: 100_000, seed: 7), key: key, thumbnailKey: nil, requestedAt: date),
            GenerationJob(parameters: GenerationParameters(prompt: "a heron", seed: 7), key: "etc/passwd", thumbnailKey: nil, requestedAt: date),
            GenerationJob(parameters: GenerationParameters(prompt: "a heron", seed: 7), key: key, thumbnailKey: "output-images/x.png", requestedAt: date),
        ]
        for job in jobs {
            let (request, _) = try LambdaEvent.decode(job.eventPayload())
            let response = await fixture.handler.handle(request)
            #expect(response.status == 400, "\(String(decoding: response.body, as: UTF8.self))")
        }
        #expect(fixture.model.callCount == 0)
        #expect(try await fixture.store.listAll(prefix: "").isEmpty)
    }

    @Test func asyncWithoutADispatcherIsRefusedOnTheAsyncField() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast, async: false)
        defer { fixture.remove() }
        let response = await fixture.post(#"{"message": "x", "async": true}"#)
        #expect(response.status == 400)
        #expect(try JSONDecoder().decode(ErrorBody.self, from: Data(response.body)).field == "async")
        #expect(fixture.model.callCount == 0)
    }

    @Test func aJobArrivingOverHTTPIsNotRun() async throws {
        let fixture = try HandlerFixture(configuration: Self.fast)
        defer { fixture.remove() }
        let job = GenerationJob(
            parameters: GenerationParameters(prompt: "x", model: "amazon.titan-image-generator-v2:0", seed: 1,
                                             size: ImageSize(width: 384, height: 576)),
            key: "output-images/chosen-by-client.png", thumbnailKey: nil, requestedAt: HandlerFixture.fixedDate
        )
        let request = BackendRequest(method: "POST", path: ImageGenerationHandler.jobPath, body: job.eventPayload())
        let response = await fixture.handler.handle(request)
        #expect(response.status == 400)
        #expect(fixture.model.callCount == 0)
    }
}
