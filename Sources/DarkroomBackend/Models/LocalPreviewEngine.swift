import DarkroomCore
import DarkroomThreads
import DarkroomImaging

/// The local stack's stand-in for Bedrock: answers `InvokeModel` requests in each model family's response
/// shape with a procedural picture. It is a local preview engine, not a diffusion model.
public struct LocalPreviewEngine: InProcessModel {
    /// How the engine names itself wherever it shows up.
    public static let label = "local preview engine (procedural, not a diffusion model)"

    /// Prompt words that make the engine answer like a model's content filter, so that path can be exercised.
    public var blockedWords: Set<String>

    public init(blockedWords: Set<String> = ["nsfw"]) {
        self.blockedWords = blockedWords
    }

    public var metadataEngine: String { ImageMetadata.localPreviewEngine }

    public func invokeModel(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> ModelResponse {
        ModelResponse(body: try await respond(id: id, body: body), engine: metadataEngine)
    }

    /// The family's response body for a request body.
    private func respond(id: ModelID, body: [UInt8]) async throws(ModelInvocationError) -> [UInt8] {
        guard let descriptor = ModelCatalog.descriptor(for: id) else {
            throw .modelNotFound("the local preview engine has no model \(id)")
        }
        let payload = descriptor.family.payload
        // The payload readers use JSONDecoder, which keeps the first of a repeated key's values without a word;
        // refused as `/image-generation` refuses it, a body means one thing to every reader.
        do {
            _ = try JSONParser.parse(body)
        } catch .duplicateKey(let key) {
            throw .validation(RequestBodyError.duplicateField(key).message)
        } catch {
            // Anything else wrong with the body, the payload reader below names in the model's own terms.
        }
        let parameters: GenerationParameters
        do {
            parameters = try payload.parseRequest(body, descriptor: descriptor).validated(using: descriptor)
        } catch let error as ModelRequestError {
            throw .validation(error.description)
        } catch {
            throw .validation("\(error)")
        }
        do {
            let image = try await generate(validated: parameters, descriptor: descriptor)
            return payload.responseBody(png: image.png, seed: image.seed ?? 0)
        } catch .contentFiltered {
            return payload.filteredResponseBody(reason: filterReason(parameters) ?? "")
        }
    }

    public func generate(validated parameters: GenerationParameters, descriptor: ModelDescriptor) async throws(ModelInvocationError) -> GeneratedImage {
        if let reason = filterReason(parameters) { throw .contentFiltered(descriptor.family.payload.filterReason(reason)) }
        let rendered = await ThreadPool.compute.runToCompletion { Result { () throws(PNGError) in try render(parameters) } }
        switch rendered {
        case .success(let png):
            return GeneratedImage(png: png, seed: parameters.seed ?? 0, finishReason: nil)
        case .failure(let error):
            throw .failed("the local preview engine could not encode its image: \(error)")
        }
    }

    /// Why the engine's stand-in content filter blocks `parameters`, if it does.
    private func filterReason(_ parameters: GenerationParameters) -> String? {
        ProceduralRenderer.words(in: parameters.prompt).first(where: blockedWords.contains).map { "prompt contains \"\($0)\"" }
    }

    /// The PNG for validated parameters; the same parameters always give the same bytes.
    public func render(_ parameters: GenerationParameters) throws(PNGError) -> [UInt8] {
        let renderer = ProceduralRenderer(parameters: parameters)
        return try PNG.encodeRGB(width: parameters.size.width, height: parameters.size.height, rgb: renderer.render())
    }
}
