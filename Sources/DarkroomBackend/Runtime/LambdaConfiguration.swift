import DarkroomCore

/// The function's settings, read from the environment the SAM template (and Lambda itself) sets.
public struct LambdaConfiguration: Sendable, Equatable {
    /// `AWS_LAMBDA_RUNTIME_API`: `host:port` of the Runtime API, set by Lambda.
    public var runtimeAPI: String
    /// `BUCKET_NAME`: where `output-images/` and `output-thumbnails/` are written.
    public var bucketName: String
    /// `MODEL_ID`: the model used when a request names none; nil leaves the catalog's default.
    public var modelID: ModelID?
    /// `DEFAULT_CFG_SCALE`: cfg scale for requests that give none; nil keeps the model's default.
    public var defaultCfgScale: Double?
    /// `DEFAULT_STEPS`: step count for requests that give none; nil keeps the model's default.
    public var defaultSteps: Int?
    /// `DEFAULT_SIZE` (`WIDTHxHEIGHT`): image size for requests that give none; nil keeps the model's default.
    public var defaultSize: ImageSize?
    /// `AWS_LAMBDA_FUNCTION_NAME`: the function itself, invoked again for asynchronous requests.
    public var functionName: String?

    /// Reads and checks the settings; an empty optional variable counts as unset.
    public init(environment: [String: String]) throws(LambdaRuntimeError) {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingWhitespace(), !text.isEmpty else { return nil }
            return text
        }
        func required(_ name: String) throws(LambdaRuntimeError) -> String {
            guard let text = value(name) else { throw .missingEnvironment(name) }
            return text
        }
        runtimeAPI = try required("AWS_LAMBDA_RUNTIME_API")
        bucketName = try required("BUCKET_NAME")
        modelID = value("MODEL_ID").map(ModelID.init(rawValue:))
        functionName = value("AWS_LAMBDA_FUNCTION_NAME")
        if let text = value("DEFAULT_CFG_SCALE") {
            guard let scale = Double(text), scale.isFinite, scale >= 0 else {
                throw .invalidEnvironment(name: "DEFAULT_CFG_SCALE", value: text, expected: "a non-negative number such as 7")
            }
            defaultCfgScale = scale
        }
        if let text = value("DEFAULT_STEPS") {
            guard let steps = Int(text), steps > 0 else {
                throw .invalidEnvironment(name: "DEFAULT_STEPS", value: text, expected: "a positive whole number such as 30")
            }
            defaultSteps = steps
        }
        if let text = value("DEFAULT_SIZE") {
            guard let size = ImageSize(text) else {
                throw .invalidEnvironment(name: "DEFAULT_SIZE", value: text, expected: "WIDTHxHEIGHT such as 1024x1024")
            }
            defaultSize = size
        }
    }
}
