import DarkroomAWS
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `local` backend: the image-generation handler run in this process over a folder bucket and the
/// local preview engine (procedural, not a diffusion model). Needs no network and no cloud account.
public struct LocalGenerationClient: GenerationClient {
    /// Where images are stored (list and read the gallery from here).
    public let store: any ImageStore
    private let handler: ImageGenerationHandler

    /// A client over `store` and `model`.
    public init(store: any ImageStore, model: any ModelInvoking = LocalPreviewEngine()) {
        self.store = store
        handler = ImageGenerationHandler(store: store, model: model)
    }

    /// A client over the folder bucket at `root`.
    public init(root: URL) throws(StorageError) {
        self.init(store: try DirectoryStorage(root: root))
    }

    public func generate(
        _ parameters: GenerationParameters, onRetry: (@Sendable (RetryEvent) -> Void)?
    ) async throws(GenerationClientError) -> GenerationResult {
        // The handler's own generation function: typed parameters in, a typed result or failure out, validated
        // once. The HTTP face (`serve`) gives the same answers: see LocalGenerationContractTests.
        do {
            return try await handler.generate(parameters)
        } catch {
            throw GenerationClientError(error)
        }
    }
}
