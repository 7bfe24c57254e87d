/// The AWS services darkroom talks to, with the names each one goes by in signing and configuration.
public enum AWSService: String, Sendable, Hashable, CaseIterable {
    case s3
    case bedrockRuntime
    case executeAPI
    case lambda
    case sqs

    /// The SigV4 signing name.
    public var signingName: String {
        switch self {
        case .s3: return "s3"
        case .bedrockRuntime: return "bedrock"
        case .executeAPI: return "execute-api"
        case .lambda: return "lambda"
        case .sqs: return "sqs"
        }
    }

    /// The suffix of the service's endpoint variable (`AWS_ENDPOINT_URL_<suffix>`) and, lowercased,
    /// its key in a `[services …]` section of the config file.
    var endpointKey: String {
        switch self {
        case .s3: return "S3"
        case .bedrockRuntime: return "BEDROCK_RUNTIME"
        case .executeAPI: return "API_GATEWAY"
        case .lambda: return "LAMBDA"
        case .sqs: return "SQS"
        }
    }

    /// AWS's own endpoint for the service in `region`.
    func defaultEndpoint(region: String) -> String {
        switch self {
        case .s3: return "https://s3.\(region).amazonaws.com"
        case .bedrockRuntime: return "https://bedrock-runtime.\(region).amazonaws.com"
        case .executeAPI: return "https://execute-api.\(region).amazonaws.com"
        case .lambda: return "https://lambda.\(region).amazonaws.com"
        case .sqs: return "https://sqs.\(region).amazonaws.com"
        }
    }
}
