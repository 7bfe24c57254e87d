/// One model family's wire format: the request darkroom sends and the response it reads, and the reverse
/// (reading a request, writing a response) for engines that answer in the family's shape.
public protocol ModelPayload {
    /// The `InvokeModel` body for validated parameters (the seed is set).
    static func requestBody(for parameters: GenerationParameters, descriptor: ModelDescriptor) -> [UInt8]
    /// The parameters an `InvokeModel` body asks for; fields the body leaves out keep the model's defaults.
    static func parseRequest(_ body: [UInt8], descriptor: ModelDescriptor) throws(ModelRequestError) -> GenerationParameters
    /// A successful response carrying one PNG.
    static func responseBody(png: [UInt8], seed: UInt32) -> [UInt8]
    /// A response saying the content filter stopped the generation.
    static func filteredResponseBody(reason: String) -> [UInt8]
    /// The content-filter reason as the family words it (what `parseResponse` reads from `filteredResponseBody`).
    static func filterReason(_ reason: String) -> String
    /// The PNG (base64 decoded) and the seed the model reports, or why there is none.
    static func parseResponse(_ body: [UInt8]) throws(ModelResponseError) -> GeneratedImage
}
