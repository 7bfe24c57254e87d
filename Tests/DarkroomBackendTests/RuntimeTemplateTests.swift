import Foundation
import Testing
import DarkroomTestSupport

/// The deployment template (`assets/template.yaml`): lint-clean and least-privilege.
@Suite struct RuntimeTemplateTests {
    static let templatePath = TestData.packageRoot.appendingPathComponent("assets/template.yaml").path

    @Test func templatePassesCfnLint() async throws {
        let result = try await Subprocess.run(["cfn-lint", "--format", "parseable", Self.templatePath])
        #expect(result.output.isEmpty, "cfn-lint findings:\n\(result.output)")
        #expect(result.status == 0)
    }

    @Test func functionRoleGrantsOnlyTheConfiguredModelAndTheTwoPrefixes() async throws {
        let resources = try await Self.templateResources()
        let function = try #require(resources["GenerationFunction"] as? [String: Any])
        let properties = try #require(function["Properties"] as? [String: Any])
        let policies = try #require(properties["Policies"] as? [[String: Any]])
        let statements = policies.flatMap { $0["Statement"] as? [[String: Any]] ?? [] }
        #expect(statements.count == 3)

        var granted: [String: [String]] = [:]
        for statement in statements {
            #expect(statement["Effect"] as? String == "Allow")
            let actions = Self.list(statement["Action"]).compactMap { $0 as? String }
            let resources = Self.list(statement["Resource"]).compactMap(Self.subText)
            #expect(!resources.isEmpty && !resources.contains("*"), "statement without a scoped resource: \(statement)")
            for action in actions {
                #expect(!action.contains("*"), "wildcard action \(action)")
                granted[action, default: []] += resources
            }
        }
        #expect(Set(granted.keys) == ["bedrock:InvokeModel", "s3:PutObject", "s3:GetObject", "lambda:InvokeFunction"])
        #expect(granted["bedrock:InvokeModel"] == ["arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${ModelId}"])
        let prefixes = ["${ImageBucket.Arn}/output-images/*", "${ImageBucket.Arn}/output-thumbnails/*"]
        #expect(granted["s3:PutObject"] == prefixes)
        #expect(granted["s3:GetObject"] == prefixes)
        let functionName = try #require(properties["FunctionName"] as? [String: Any])
        let ownName = try #require(Self.subText(functionName))
        #expect(granted["lambda:InvokeFunction"]?.first?.hasSuffix(":function:" + ownName) == true)
    }

    @Test func routeRequiresIAMUnlessOpenedAndBucketIsTLSOnlyAndPrivate() async throws {
        let template = try await Self.template()
        let parameters = try #require(template["Parameters"] as? [String: Any])
        let authorization = try #require(parameters["ApiAuthorization"] as? [String: Any])
        #expect(authorization["Default"] as? String == "AWS_IAM")

        let resources = try await Self.templateResources()
        let route = try #require((resources["GenerationRoute"] as? [String: Any])?["Properties"] as? [String: Any])
        #expect(route["RouteKey"] as? String == "POST /image-generation")

        let bucket = try #require((resources["ImageBucket"] as? [String: Any])?["Properties"] as? [String: Any])
        let block = try #require(bucket["PublicAccessBlockConfiguration"] as? [String: Any])
        #expect(block.count == 4 && block.values.allSatisfy { $0 as? Bool == true })
        #expect(bucket["BucketEncryption"] != nil)

        let policy = try #require((resources["ImageBucketPolicy"] as? [String: Any])?["Properties"] as? [String: Any])
        let document = try #require(policy["PolicyDocument"] as? [String: Any])
        let deny = try #require((document["Statement"] as? [[String: Any]])?.first)
        #expect(deny["Effect"] as? String == "Deny")
        let condition = try #require((deny["Condition"] as? [String: Any])?["Bool"] as? [String: Any])
        #expect(condition["aws:SecureTransport"] as? String == "false")
    }

    /// The template as JSON, short-form intrinsics (`!Sub x`) turned into their long form (`{"Fn::Sub": x}`).
    static func template() async throws -> [String: Any] {
        let script = """
        import json, sys, yaml
        class Loader(yaml.SafeLoader): pass
        def intrinsic(loader, suffix, node):
            name = "Ref" if suffix == "Ref" else "Fn::" + suffix
            if isinstance(node, yaml.ScalarNode): value = loader.construct_scalar(node)
            elif isinstance(node, yaml.SequenceNode): value = loader.construct_sequence(node, deep=True)
            else: value = loader.construct_mapping(node, deep=True)
            if suffix == "GetAtt" and isinstance(value, str): value = value.split(".", 1)
            return {name: value}
        Loader.add_multi_constructor("!", intrinsic)
        json.dump(yaml.load(open(sys.argv[1]), Loader=Loader), sys.stdout)
        """
        let result = try await Subprocess.run(["python3", "-c", script, templatePath])
        #expect(result.status == 0, "could not parse the template: \(result.output)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }

    static func templateResources() async throws -> [String: Any] {
        try #require(try await template()["Resources"] as? [String: Any])
    }

    /// A YAML value that may be one item or a list of them, as a list.
    static func list(_ value: Any?) -> [Any] {
        if let list = value as? [Any] { return list }
        return value.map { [$0] } ?? []
    }

    /// The text of a `!Sub` (or a plain string), so ARNs can be compared as written.
    static func subText(_ value: Any) -> String? {
        if let text = value as? String { return text }
        return (value as? [String: Any])?["Fn::Sub"] as? String
    }
}
