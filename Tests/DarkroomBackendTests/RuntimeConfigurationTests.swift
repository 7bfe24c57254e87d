import Foundation
import Testing
import DarkroomBackend
import DarkroomCore

/// The function's configuration, read from the environment.
@Suite struct RuntimeConfigurationTests {
    @Test func configurationComesFromTheEnvironment() throws {
        let configuration = try LambdaConfiguration(environment: [
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001", "BUCKET_NAME": "images", "MODEL_ID": "amazon.nova-canvas-v1:0",
            "DEFAULT_CFG_SCALE": "6.5", "DEFAULT_STEPS": "40", "DEFAULT_SIZE": "768x1344", "AWS_LAMBDA_FUNCTION_NAME": "gen",
        ])
        #expect(configuration.bucketName == "images")
        #expect(configuration.modelID == "amazon.nova-canvas-v1:0")
        #expect(configuration.defaultCfgScale == 6.5)
        #expect(configuration.defaultSteps == 40)
        #expect(configuration.defaultSize == ImageSize(width: 768, height: 1344))
        #expect(configuration.functionName == "gen")

        let minimal = try LambdaConfiguration(environment: ["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_STEPS": ""])
        #expect(minimal.modelID == nil && minimal.defaultSteps == nil && minimal.defaultSize == nil)
    }

    @Test(arguments: [
        (["AWS_LAMBDA_RUNTIME_API": "h:1"], LambdaRuntimeError.missingEnvironment("BUCKET_NAME")),
        (["BUCKET_NAME": "b"], .missingEnvironment("AWS_LAMBDA_RUNTIME_API")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_SIZE": "1024"],
         .invalidEnvironment(name: "DEFAULT_SIZE", value: "1024", expected: "WIDTHxHEIGHT such as 1024x1024")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_STEPS": "-3"],
         .invalidEnvironment(name: "DEFAULT_STEPS", value: "-3", expected: "a positive whole number such as 30")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b", "DEFAULT_CFG_SCALE": "lots"],
         .invalidEnvironment(name: "DEFAULT_CFG_SCALE", value: "lots", expected: "a non-negative number such as 7")),
    ])
    func badConfigurationIsRefusedByName(environment: [String: String], expected: LambdaRuntimeError) {
        #expect(throws: expected) { try LambdaConfiguration(environment: environment) }
    }
}
