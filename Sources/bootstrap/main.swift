import DarkroomAWS
import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

// The Lambda function (custom runtime `provided.al2023`): configuration from the environment, then the
// Runtime API loop running API Gateway events through the image-generation handler (S3 + Bedrock).

/// Writes a line to standard error, which Lambda sends to CloudWatch Logs.
func log(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

let environment = ProcessInfo.processInfo.environment
let transport = LambdaRuntimeHTTPTransport()

/// Reports a startup failure to Lambda (when its Runtime API is known) and to the log, then exits.
func failInitialization(_ error: any Error) async -> Never {
    log("bootstrap: \(error)")
    if let address = environment["AWS_LAMBDA_RUNTIME_API"], !address.isEmpty {
        try? await LambdaRuntimeAPI(address: address, transport: transport).reportInitializationError(error)
    }
    exit(1)
}

let configuration: LambdaConfiguration
let aws: AWSConfiguration
do {
    configuration = try LambdaConfiguration(environment: environment)
    aws = try AWSConfiguration.resolve(environment: environment)
} catch {
    await failInitialization(error)
}

let store = S3Storage(bucket: configuration.bucketName, client: S3Client(configuration: aws))
let model = BedrockModel(client: BedrockRuntimeClient(configuration: aws))
let dispatcher = configuration.functionName.map { LambdaSelfInvoker(functionName: $0, configuration: aws) }
let handler = ImageGenerationHandler(
    store: store, model: model,
    configuration: .init(
        defaultModel: configuration.modelID ?? ModelCatalog.defaultModel, defaultCfgScale: configuration.defaultCfgScale,
        defaultSteps: configuration.defaultSteps, defaultSize: configuration.defaultSize
    ),
    dispatcher: dispatcher
)
let runtime = LambdaRuntime(api: LambdaRuntimeAPI(address: configuration.runtimeAPI, transport: transport), handler: GatewayEventHandler(handler))
do {
    try await runtime.run()
} catch {
    log("bootstrap: \(error)")
    exit(1)
}
