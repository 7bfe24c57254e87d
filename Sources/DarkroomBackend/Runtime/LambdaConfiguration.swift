import DarkroomCore

/// The function's settings, read from the environment the SAM template (and Lambda itself) sets.
///
/// Every value is checked here, at start, against the model the function serves: a value no request could use
/// stops the function with an init error naming it, instead of failing every invocation or being ignored.
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
    ///
    /// The defaults are checked against the model requests get when they name none (`MODEL_ID`, the only one the
    /// template's role may invoke). A default for a parameter that model does not take (steps for Nova Canvas)
    /// is left unused, as the same field in a request is.
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
        guard Self.isBucketName(bucketName) else {
            throw .invalidEnvironment(
                name: "BUCKET_NAME", value: bucketName,
                expected: "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"
            )
        }
        modelID = value("MODEL_ID").map(ModelID.init(rawValue:))
        let model = modelID ?? ModelCatalog.defaultModel
        guard let descriptor = ModelCatalog.descriptor(for: model) else {
            throw .invalidEnvironment(
                name: "MODEL_ID", value: model.rawValue,
                expected: "a model darkroom knows: " + ModelCatalog.all.map(\.id.rawValue).joined(separator: ", ")
            )
        }
        functionName = value("AWS_LAMBDA_FUNCTION_NAME")
        if let text = value("DEFAULT_CFG_SCALE") {
            defaultCfgScale = try Self.number(
                "DEFAULT_CFG_SCALE", text, accepted: descriptor.cfgScale?.bounds, otherwise: 0...Double.greatestFiniteMagnitude,
                described: "a number", otherwiseDescribed: "a non-negative number such as 7", model: model)
        }
        if let text = value("DEFAULT_STEPS") {
            defaultSteps = try Self.number(
                "DEFAULT_STEPS", text, accepted: descriptor.steps?.bounds, otherwise: 1...Int.max,
                described: "a whole number", otherwiseDescribed: "a positive whole number such as 30", model: model)
        }
        if let text = value("DEFAULT_SIZE") {
            guard let size = ImageSize(text), descriptor.sizes.contains(size) else {
                throw .invalidEnvironment(
                    name: "DEFAULT_SIZE", value: text,
                    expected: "WIDTHxHEIGHT, one of the sizes \(model) produces: " + descriptor.sizes.map(\.description).joined(separator: ", ")
                )
            }
            defaultSize = size
        }
    }

    /// S3's naming rules for general purpose buckets, as far as a name alone shows them: a name that breaks them
    /// would fail every invocation after the model was paid for.
    private static func isBucketName(_ name: String) -> Bool {
        let isLetterOrDigit = { (byte: UInt8) in (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        return isLetterOrDigit(first) && isLetterOrDigit(last)
            && bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    /// A numeric default read from `name`: within the range `model` accepts, or within `otherwise` for a model that
    /// takes no such parameter (the value is then left unused, as a request's is).
    private static func number<Value: Comparable & LosslessStringConvertible>(
        _ name: String, _ text: String, accepted: ClosedRange<Value>?, otherwise: ClosedRange<Value>,
        described: String, otherwiseDescribed: String, model: ModelID
    ) throws(LambdaRuntimeError) -> Value {
        // `nan` and `inf` parse as Doubles and fall outside every range.
        guard let value = Value(text), (accepted ?? otherwise).contains(value) else {
            throw .invalidEnvironment(name: name, value: text,
                                      expected: accepted.map { "\(described) from \($0.inWords) (what \(model) accepts)" } ?? otherwiseDescribed)
        }
        return value
    }
}
