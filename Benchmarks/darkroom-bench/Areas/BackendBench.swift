import ArgumentParser
import DarkroomBackend
import DarkroomCore
import DarkroomImaging
import DarkroomTestSupport
import Foundation

/// `darkroom-bench backend`: the local preview engine's time per image, and the handler's own time per
/// request with the model's time taken out (a model that answers instantly with a pre-rendered image).
struct BackendBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backend",
        abstract: "Time the local preview engine and the image-generation handler's overhead per request."
    )

    @Option(help: "Requests (and renders) per figure; medians and 95th percentiles are printed.")
    var runs: Int = 30

    @Option(help: "Image size, WIDTHxHEIGHT (an SDXL size).")
    var size: String = "1024x1024"

    @Option(help: "A photographic PNG whose thumbnail is timed too, as a model's output would be.")
    var photograph: String = TestData.url("images/astronaut_1024_rgb.png").path

    func run() async throws {
        guard let imageSize = ImageSize(size), ModelDescriptor.stableDiffusionXL.sizes.contains(imageSize) else {
            throw ValidationError("--size must be one of the SDXL sizes, such as 1024x1024.")
        }
        guard runs > 0 else { throw ValidationError("--runs must be positive.") }
        let folder = try TemporaryDirectory("darkroom-bench")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url)
        let engine = LocalPreviewEngine()
        print("darkroom-bench backend: \(runs) runs at \(imageSize), \(LocalPreviewEngine.label)")
        print("bucket folder: \(store.location)")

        func parameters(seed: Int) -> GenerationParameters {
            GenerationParameters(prompt: "A cat running a marathon at sunset", cfgScale: 7, steps: 30, seed: UInt32(seed), size: imageSize)
        }

        print("\nlocal preview engine")
        let render = try measure { run throws in _ = try engine.render(parameters(seed: run)) }
        print(Self.row("render + PNG encode", render))
        let rendered = try PNG.decode(try engine.render(parameters(seed: 1)))
        print(Self.row("  of which PNG encode (libpng)", try measure { _ in _ = try PNG.encode(rendered) }))
        let invoke = try await measureAsync { run in
            _ = try await engine.invokeModel(id: ModelCatalog.defaultModel, body: try ModelCatalog.requestBody(for: parameters(seed: run)))
        }
        print(Self.row("InvokeModel (JSON in, base64 JSON out)", invoke))

        // The handler's own work: parse, validate, decode base64, add metadata, thumbnail, two stored objects.
        let canned = try await engine.invokeModel(id: ModelCatalog.defaultModel, body: try ModelCatalog.requestBody(for: parameters(seed: 1))).body
        let instant = ImageGenerationHandler(store: store, model: CannedModel(response: canned))
        let request = BackendRequest(
            method: "POST", path: ImageGenerationHandler.path,
            body: Array(#"{"message": "A cat running a marathon at sunset", "seed": 1, "width": \#(imageSize.width), "height": \#(imageSize.height)}"#.utf8)
        )
        print("\nimage-generation handler, model time excluded (the model answers instantly)")
        let handler = try await measureAsync { _ in
            let response = await instant.handle(request)
            guard response.status == 200 else { throw ValidationError("The handler answered \(response.status).") }
        }
        print(Self.row("whole request", handler))
        let png = try ModelCatalog.parseResponse(canned, family: .stabilitySDXL).png
        let thumbnail = try measure { _ in _ = try Thumbnail.make(from: png, longSide: 256) }
        print(Self.row("  of which the 256-px thumbnail", thumbnail))
        print(Self.row("    of which the scaled decode (libpng)", try measure { _ in _ = try PNG.decode(png, fittingLongSide: 256) }))
        // A model's photographic output compresses far less than the engine's, so it decodes slower.
        if let photo = FileManager.default.contents(atPath: photograph).map([UInt8].init) {
            print("  (photograph: \(photograph))")
            print(Self.row("  256-px thumbnail of the \(photo.count / 1024) KB photograph", try measure { _ in
                _ = try Thumbnail.make(from: photo, longSide: 256)
            }))
        }
        let decodeOnly = try measure { _ in _ = try ModelCatalog.parseResponse(canned, family: .stabilitySDXL) }
        print(Self.row("  of which JSON + base64 decode", decodeOnly))
        let put = try await measureAsync { run in
            try await store.put(key: "bench/\(run)-\(UUID().uuidString).png", bytes: png, contentType: "image/png", metadata: [:])
        }
        print(Self.row("  of which one image write (fsync + link)", put))
        let metadata = ImageMetadata(parameters: parameters(seed: 1), engine: ImageMetadata.localPreviewEngine)
        let chunks = try measure { _ in
            _ = try PNG.inserting(PNGTextChunk(keyword: ImageMetadata.parametersKeyword, text: metadata.parametersText(), kind: .tEXt),
                                  into: PNG.inserting(PNGTextChunk(keyword: ImageMetadata.jsonKeyword, text: metadata.json()), into: png))
        }
        print(Self.row("  of which the two metadata chunks", chunks))
        let cpuWithoutThumbnail = Samples(handler.map(\.cpu)).median - Samples(thumbnail.map(\.cpu)).median
        print(String(format: "handler CPU per request without the thumbnail: %.2f ms (target < 5 ms)", cpuWithoutThumbnail))

        print("\nhandler with the local engine, one request at a time")
        let local = ImageGenerationHandler(store: store, model: engine)
        let whole = try await measureAsync { _ in
            let response = await local.handle(request)
            guard response.status == 200 else { throw ValidationError("The handler answered \(response.status).") }
        }
        print(Self.row("request with local engine", whole))
        print(String(format: "throughput: %.1f requests/s, one request at a time", 1000 / Samples(whole.map(\.wall)).median))
    }

    /// Answers every invocation at once with the same body, so timings hold only the handler's work.
    private struct CannedModel: ModelInvoking {
        let response: [UInt8]

        func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse {
            ModelResponse(body: response, engine: metadataEngine)
        }
    }

    /// One run's wall-clock time and the CPU time the whole process spent, both in milliseconds; CPU time
    /// stays meaningful when other work shares the machine.
    private struct Timing {
        var wall: Double
        var cpu: Double
    }

    private func measure(_ body: (Int) throws -> Void) throws -> [Timing] {
        try body(0)  // warm-up
        return try (1...runs).map { run in
            let start = ContinuousClock.now, cpu = Stopwatch.processCPUMilliseconds()
            try body(run)
            return Timing(wall: (ContinuousClock.now - start).milliseconds, cpu: Stopwatch.processCPUMilliseconds() - cpu)
        }
    }

    private func measureAsync(_ body: (Int) async throws -> Void) async throws -> [Timing] {
        try await body(0)  // warm-up
        var times: [Timing] = []
        for run in 1...runs {
            let start = ContinuousClock.now, cpu = Stopwatch.processCPUMilliseconds()
            try await body(run)
            times.append(Timing(wall: (ContinuousClock.now - start).milliseconds, cpu: Stopwatch.processCPUMilliseconds() - cpu))
        }
        return times
    }

    private static func row(_ label: String, _ times: [Timing]) -> String {
        let walls = Samples(times.map(\.wall))
        return label.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(format: "wall median %7.2f ms  p95 %7.2f ms   cpu median %7.2f ms", walls.median, walls.p95, Samples(times.map(\.cpu)).median)
    }
}
