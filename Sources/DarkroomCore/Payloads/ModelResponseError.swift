/// Why a model's response holds no usable image.
public enum ModelResponseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The response is not the JSON the model family answers with.
    case malformed(String)
    /// The response has no image.
    case noImage
    /// The image is not valid base64 or not a PNG.
    case notPNG
    /// The model's content filter stopped the generation; the reason is the model's.
    case contentFiltered(reason: String)
    /// The model reported an error of its own.
    case modelFailed(String)

    public var description: String {
        switch self {
        case .malformed(let detail):
            "The model's response could not be read (\(detail)); check that the model id matches its family."
        case .noImage:
            "The model answered without an image; try again."
        case .notPNG:
            "The model's image is not a base64 PNG; check the request's output format."
        case .contentFiltered(let reason):
            "The model's content filter blocked this generation (\(reason)); change the prompt."
        case .modelFailed(let message):
            "The model failed: \(ErrorSentence.clause(message))."
        }
    }
}
