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

        let minimal = try LambdaConfiguration(environment: ["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images", "DEFAULT_STEPS": ""])
        #expect(minimal.modelID == nil && minimal.defaultSteps == nil && minimal.defaultSize == nil)
    }

    @Test(arguments: [
        (["AWS_LAMBDA_RUNTIME_API": "h:1"], LambdaRuntimeError.missingEnvironment("BUCKET_NAME")),
        (["BUCKET_NAME": "b"], .missingEnvironment("AWS_LAMBDA_RUNTIME_API")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "b"],
         .invalidEnvironment(name: "BUCKET_NAME", value: "b", expected: Self.bucketNameRule)),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "My_Images"],
         .invalidEnvironment(name: "BUCKET_NAME", value: "My_Images", expected: Self.bucketNameRule)),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images", "DEFAULT_STEPS": "-3"],
         .invalidEnvironment(name: "DEFAULT_STEPS", value: "-3", expected: "a whole number from 10 to 150 (what stability.stable-diffusion-xl-v1 accepts)")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images", "DEFAULT_CFG_SCALE": "lots"],
         .invalidEnvironment(name: "DEFAULT_CFG_SCALE", value: "lots", expected: "a number from 0 to 35 (what stability.stable-diffusion-xl-v1 accepts)")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images", "DEFAULT_CFG_SCALE": "nan"],
         .invalidEnvironment(name: "DEFAULT_CFG_SCALE", value: "nan", expected: "a number from 0 to 35 (what stability.stable-diffusion-xl-v1 accepts)")),
        (["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images", "MODEL_ID": "amazon.titan-image-generator-v2:0", "DEFAULT_STEPS": "-3"],
         .invalidEnvironment(name: "DEFAULT_STEPS", value: "-3", expected: "a positive whole number such as 30")),
    ])
    func badConfigurationIsRefusedByName(environment: [String: String], expected: LambdaRuntimeError) {
        #expect(throws: expected) { try LambdaConfiguration(environment: environment) }
    }

    static let bucketNameRule =
        "an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"

    /// A value the function could never use stops it at start, naming the variable, the value and what it must be.
    /// These were accepted: an unknown model failed every invocation with a 400 blaming the caller, and defaults
    /// outside the model's range or sizes were dropped without a word.
    @Test(arguments: [
        (["MODEL_ID": "bogus.model"], "MODEL_ID", "bogus.model",
         "a model darkroom knows: stability.stable-diffusion-xl-v1, amazon.nova-canvas-v1:0, amazon.titan-image-generator-v2:0, "
            + "stability.sd3-5-large-v1:0, stability.stable-image-core-v1:1, stability.stable-image-ultra-v1:1"),
        (["DEFAULT_STEPS": "5000"], "DEFAULT_STEPS", "5000", "a whole number from 10 to 150 (what stability.stable-diffusion-xl-v1 accepts)"),
        (["MODEL_ID": "amazon.nova-canvas-v1:0", "DEFAULT_CFG_SCALE": "20"], "DEFAULT_CFG_SCALE", "20",
         "a number from 1.1 to 10 (what amazon.nova-canvas-v1:0 accepts)"),
        (["DEFAULT_SIZE": "1000x1000"], "DEFAULT_SIZE", "1000x1000",
         "WIDTHxHEIGHT, one of the sizes stability.stable-diffusion-xl-v1 produces: 1024x1024, 1152x896, 1216x832, 1344x768, "
            + "1536x640, 640x1536, 768x1344, 832x1216, 896x1152"),
    ])
    func valuesTheModelCannotUseAreRefusedAtStart(settings: [String: String], name: String, value: String, expected: String) {
        let environment = settings.merging(["AWS_LAMBDA_RUNTIME_API": "h:1", "BUCKET_NAME": "images"]) { setting, _ in setting }
        #expect(throws: LambdaRuntimeError.invalidEnvironment(name: name, value: value, expected: expected)) {
            try LambdaConfiguration(environment: environment)
        }
    }
}
