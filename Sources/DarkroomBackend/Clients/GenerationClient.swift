import DarkroomAWS
import DarkroomCore

/// Runs one generation job somewhere: the deployed API (`APIGatewayGenerationClient`), Bedrock directly
/// (`BedrockGenerationClient`), or the handler in this process (`LocalGenerationClient`).
public protocol GenerationClient: Sendable {
    /// Generates and stores one image; `onRetry` hears about each retry before it happens.
    func generate(
        _ parameters: GenerationParameters, onRetry: (@Sendable (RetryEvent) -> Void)?
    ) async throws(GenerationClientError) -> GenerationResult
}

extension GenerationClient {
    /// `generate(_:onRetry:)` without retry reports.
    public func generate(_ parameters: GenerationParameters) async throws(GenerationClientError) -> GenerationResult {
        try await generate(parameters, onRetry: nil)
    }
}
