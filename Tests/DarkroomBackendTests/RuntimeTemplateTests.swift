import Foundation
import Testing
import DarkroomTestSupport

/// The deployment template (`assets/template.yaml`): lint-clean and least-privilege.
@Suite struct RuntimeTemplateTests {
    static let templatePath = TestData.packageRoot.appendingPathComponent("assets/template.yaml").path

    @Test func templatePassesCfnLint() async throws {
        let result = try await Subprocess.run([try Self.venvTool("cfn-lint"), "--format", "parseable", Self.templatePath])
        #expect(result.output.isEmpty, "cfn-lint findings:\n\(result.output)")
        #expect(result.status == 0)
    }

    /// checkov's CloudFormation checks: none fails, and each skipped one says why in the template.
    @Test func templatePassesCheckovAndEverySkipCarriesItsReason() async throws {
        let result = try await Subprocess.run([
            try Self.venvTool("checkov"), "--file", Self.templatePath, "--framework", "cloudformation",
            "--skip-download", "--output", "json", "--quiet",
        ])
        // --quiet leaves the failed checks only; the summary still counts passed and skipped ones.
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        let summary = try #require((object as? [String: Any])?["summary"] as? [String: Any], "checkov said: \(result.output)")
        let results = (object as? [String: Any])?["results"] as? [String: Any] ?? [:]
        let failed = (results["failed_checks"] as? [[String: Any]] ?? []).map { "\($0["check_id"] ?? "?") on \($0["resource"] ?? "?")" }
        #expect(summary["failed"] as? Int == 0, "checkov failed: \(failed)")
        #expect((summary["passed"] as? Int ?? 0) >= 16)
        #expect(result.status == 0)

        // checkov's own skip comment: `- id: CKV_…` followed by `comment:` with the reason (inline or folded).
        let lines = try String(contentsOfFile: Self.templatePath, encoding: .utf8).components(separatedBy: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let skips = lines.indices.filter { lines[$0].hasPrefix("- id: CKV_") }
        #expect(skips.count == summary["skipped"] as? Int)
        for index in skips {
            let comment = index + 1 < lines.count ? lines[index + 1] : ""
            let inline = comment.dropFirst("comment:".count).trimmingCharacters(in: .whitespaces)
            let reason = inline == ">-" && index + 2 < lines.count ? lines[index + 2] : inline
            #expect(comment.hasPrefix("comment:") && reason.count > 20, "\(lines[index]) has no reason")
        }
    }

    @Test func templatePassesSamValidateLint() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["SAM_CLI_TELEMETRY"] = "0"
        environment["AWS_DEFAULT_REGION"] = environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        let result = try await Subprocess.run(
            [try Self.venvTool("sam"), "validate", "--lint", "--template-file", Self.templatePath], environment: environment
        )
        #expect(result.status == 0, "sam validate --lint: \(result.output)")
        #expect(result.output.contains("is a valid SAM Template"), "sam validate --lint: \(result.output)")
    }

    /// Failed asynchronous jobs are kept (encrypted, 14 days) and the role may send them there; the spend cap is
    /// a parameter that reserves nothing by default; access and function logs expire; the bucket keeps versions.
    @Test func deadLettersConcurrencyCapLogsAndVersioning() async throws {
        let template = try await Self.template()
        let resources = try #require(template["Resources"] as? [String: Any])
        let parameters = try #require(template["Parameters"] as? [String: Any])

        let queue = try #require((resources["DeadLetterQueue"] as? [String: Any])?["Properties"] as? [String: Any])
        #expect(queue["KmsMasterKeyId"] as? String == "alias/aws/sqs")
        #expect(queue["MessageRetentionPeriod"] as? Int == 14 * 86400)
        let function = try #require((resources["GenerationFunction"] as? [String: Any])?["Properties"] as? [String: Any])
        let deadLetter = try #require(function["DeadLetterQueue"] as? [String: Any])
        #expect(deadLetter["Type"] as? String == "SQS")
        #expect((deadLetter["TargetArn"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["DeadLetterQueue", "Arn"])
        let queueNameValue = try #require(queue["QueueName"])
        let queueName = try #require(Self.subText(queueNameValue))
        let statements = (function["Policies"] as? [[String: Any]] ?? []).flatMap { $0["Statement"] as? [[String: Any]] ?? [] }
        let sends = statements.filter { Self.list($0["Action"]).contains { $0 as? String == "sqs:SendMessage" } }
        let send = try #require(sends.first)
        #expect(Self.list(send["Resource"]).compactMap(Self.subText).first?.hasSuffix(":" + queueName) == true)

        let cap = try #require(parameters["ReservedConcurrency"] as? [String: Any])
        #expect(cap["Default"] as? String == "")
        let reserved = try #require((function["ReservedConcurrentExecutions"] as? [String: Any])?["Fn::If"] as? [Any])
        #expect(reserved.first as? String == "CapsConcurrency")
        #expect((reserved.last as? [String: Any])?["Ref"] as? String == "AWS::NoValue")

        let stage = try #require((resources["DefaultStage"] as? [String: Any])?["Properties"] as? [String: Any])
        let access = try #require(stage["AccessLogSettings"] as? [String: Any])
        #expect((access["DestinationArn"] as? [String: Any])?["Fn::GetAtt"] as? [String] == ["ApiAccessLogGroup", "Arn"])
        for group in ["ApiAccessLogGroup", "FunctionLogGroup"] {
            let properties = try #require((resources[group] as? [String: Any])?["Properties"] as? [String: Any])
            #expect((properties["RetentionInDays"] as? [String: Any])?["Ref"] as? String == "LogRetentionDays")
        }

        let bucket = try #require((resources["ImageBucket"] as? [String: Any])?["Properties"] as? [String: Any])
        #expect((bucket["VersioningConfiguration"] as? [String: Any])?["Status"] as? String == "Enabled")
    }

    @Test func functionRoleGrantsOnlyTheConfiguredModelAndTheTwoPrefixes() async throws {
        let resources = try await Self.templateResources()
        let function = try #require(resources["GenerationFunction"] as? [String: Any])
        let properties = try #require(function["Properties"] as? [String: Any])
        let policies = try #require(properties["Policies"] as? [[String: Any]])
        let statements = policies.flatMap { $0["Statement"] as? [[String: Any]] ?? [] }
        #expect(statements.count == 4)

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
        #expect(Set(granted.keys) == ["bedrock:InvokeModel", "s3:PutObject", "s3:GetObject", "lambda:InvokeFunction", "sqs:SendMessage"])
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

    /// A tool from its own virtual environment (checkov and aws-sam-cli pin a boto3 that conflicts with moto's),
    /// made by `scripts/setup.sh --test` under `$DARKROOM_VENVS` (default `~/.cache/darkroom-venvs`).
    static func venvTool(_ name: String) throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let root = environment["DARKROOM_VENVS"] ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/darkroom-venvs"
        let path = "\(root)/\(name)/bin/\(name)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw TemplateToolMissing(path: path)
        }
        return path
    }

    struct TemplateToolMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is missing; run scripts/setup.sh --test to create the tool's virtual environment." }
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
