import Foundation
import Testing
import DarkroomAWS
import DarkroomTestSupport

/// S3Client against a real S3 implementation: `moto_server` on a free loopback port, one per test.
struct S3IntegrationTests {
    static let credentials = AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: "motosecret")

    static func client(_ moto: MotoServer) -> S3Client {
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: credentials, endpointOverrides: [.s3: moto.endpoint])
        return S3Client(configuration: configuration, http: HTTPClient(environment: [:]),
                        retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)))
    }

    @Test func objectLifecycleWithMetadataRangesAndConditionalWrites() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = Self.client(moto)
        try await s3.createBucket("gallery")
        let png: [UInt8] = Array(0..<200)
        let etag = try await s3.putObject(
            bucket: "gallery", key: "output-images/cat 1.png", body: png, contentType: "image/png",
            metadata: ["Prompt": "a cat running a marathon", "seed": "42"], ifNoneMatch: true)
        #expect(etag.count == 32)

        let head = try await s3.headObject(bucket: "gallery", key: "output-images/cat 1.png")
        #expect(head.size == 200)
        #expect(head.etag == etag)
        #expect(head.contentType == "image/png")
        #expect(head.metadata == ["prompt": "a cat running a marathon", "seed": "42"])
        #expect(head.lastModified.map { abs($0.timeIntervalSinceNow) < 600 } == true)

        let whole = try await s3.getObject(bucket: "gallery", key: "output-images/cat 1.png")
        #expect(whole.body == png)
        #expect(whole.metadata["seed"] == "42")
        let ranged = try await s3.getObject(bucket: "gallery", key: "output-images/cat 1.png", range: 10...19)
        #expect(ranged.body == Array(10..<20))
        #expect(ranged.totalSize == 200)

        await #expect(throws: S3Error.alreadyExists(bucket: "gallery", key: "output-images/cat 1.png")) {
            try await s3.putObject(bucket: "gallery", key: "output-images/cat 1.png", body: [1], ifNoneMatch: true)
        }
        #expect(try await s3.getObject(bucket: "gallery", key: "output-images/cat 1.png").body == png)

        try await s3.deleteObject(bucket: "gallery", key: "output-images/cat 1.png")
        await #expect(throws: S3Error.noSuchKey(bucket: "gallery", key: "output-images/cat 1.png")) {
            try await s3.getObject(bucket: "gallery", key: "output-images/cat 1.png")
        }
        await #expect(throws: S3Error.noSuchKey(bucket: "gallery", key: "output-images/cat 1.png")) {
            try await s3.headObject(bucket: "gallery", key: "output-images/cat 1.png")
        }
        await #expect(throws: S3Error.noSuchBucket("no-such-bucket")) {
            try await s3.getObject(bucket: "no-such-bucket", key: "x")
        }
        await #expect(throws: S3Error.noSuchBucket("no-such-bucket")) {
            try await s3.listObjectsV2(bucket: "no-such-bucket")
        }
    }

    @Test func presignedGetIsFetchedWithPlainHTTP() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = Self.client(moto)
        try await s3.createBucket("shared")
        let key = "output-images/a b+c%d~é.png"
        try await s3.putObject(bucket: "shared", key: key, body: Array("hello".utf8), contentType: "text/plain")
        let url = try s3.presignedGetURL(bucket: "shared", key: key, expires: .seconds(600))
        #expect(url.contains("X-Amz-Signature="))
        let response = try await HTTPClient(environment: [:]).send(HTTPRequest(method: "GET", url: url))
        #expect(response.status == 200)
        #expect(response.bodyText == "hello")
        #expect(throws: S3Error.self) { try s3.presignedGetURL(bucket: "shared", key: key, expires: .seconds(700_000)) }
    }

    @Test func twoThousandFiveHundredKeysListInOrderAcrossPages() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = Self.client(moto)
        try await s3.createBucket("many")
        let keys = (0..<2500).map { String(format: "output-images/%05d.png", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for batch in stride(from: 0, to: keys.count, by: 250) {
                group.addTask {
                    for key in keys[batch..<min(batch + 250, keys.count)] {
                        try await s3.putObject(bucket: "many", key: key, body: [1, 2, 3], contentType: "image/png")
                    }
                }
            }
            try await group.waitForAll()
        }
        try await s3.putObject(bucket: "many", key: "output-thumbnails/00000.png", body: [9])

        var pages: [S3ListPage] = []
        var token: String?
        repeat {
            let page = try await s3.listObjectsV2(bucket: "many", prefix: "output-images/", continuationToken: token)
            pages.append(page)
            token = page.nextContinuationToken
        } while pages.last?.isTruncated == true
        #expect(pages.map(\.objects.count) == [1000, 1000, 500])
        #expect(pages.flatMap(\.objects).map(\.key) == keys)

        var streamed: [String] = []
        for try await object in s3.listAllObjects(bucket: "many", prefix: "output-images/", pageSize: 700) {
            streamed.append(object.key)
            #expect(object.size == 3)
        }
        #expect(streamed == keys)

        let folders = try await s3.listObjectsV2(bucket: "many", delimiter: "/")
        #expect(folders.commonPrefixes == ["output-images/", "output-thumbnails/"])
        #expect(folders.objects.isEmpty)
        let after = try await s3.listObjectsV2(bucket: "many", prefix: "output-images/", maxKeys: 2, startAfter: "output-images/02497.png")
        #expect(after.objects.map(\.key) == ["output-images/02498.png", "output-images/02499.png"])
    }

    @Test func awkwardKeysRoundTripThroughPutListAndGet() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let s3 = Self.client(moto)
        try await s3.createBucket("awkward")
        let keys = ["a b.png", "plus+sign.png", "percent%41.png", "tilde~x.png", "ünïcødé/猫.png", "q?uery&x=1.png", "dir//double.png"]
        for key in keys {
            try await s3.putObject(bucket: "awkward", key: key, body: Array(key.utf8))
        }
        let listed = try await s3.listObjectsV2(bucket: "awkward").objects.map(\.key)
        #expect(Set(listed) == Set(keys))
        for key in keys {
            #expect(try await s3.getObject(bucket: "awkward", key: key).body == Array(key.utf8))
        }
    }

    /// With authentication on, moto recomputes each signature with botocore and checks the key in IAM.
    static let iamSetup = """
        import boto3, json, sys
        session = boto3.session.Session(aws_access_key_id="setup", aws_secret_access_key="setup", region_name="us-east-1")
        iam = session.client("iam", endpoint_url=sys.argv[1])
        iam.create_user(UserName="studio")
        key = iam.create_access_key(UserName="studio")["AccessKey"]
        policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
        iam.put_user_policy(UserName="studio", PolicyName="s3", PolicyDocument=json.dumps(policy))
        print(json.dumps({"id": key["AccessKeyId"], "secret": key["SecretAccessKey"]}))
        """

    @Test func wrongCredentialsAreRefusedWhereTheServerChecksThem() async throws {
        // Unauthenticated requests moto allows before it checks signatures: the three IAM calls of the setup
        // script, plus the readiness probes (GET /) that reached it, which a loaded machine may need several of.
        let moto = try await MotoServer.start(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "8"])
        defer { moto.stop() }
        let setup = try await Subprocess.run(["python3", "-c", Self.iamSetup, moto.endpoint])
        try #require(setup.status == 0, "IAM setup failed: \(setup.output)")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(setup.standardOutput.utf8)) as? [String: String])
        func client(_ id: String, _ secret: String) -> S3Client {
            S3Client(configuration: AWSConfiguration(region: "us-east-1", credentials: AWSCredentials(accessKeyID: id, secretAccessKey: secret),
                                                     endpointOverrides: [.s3: moto.endpoint]),
                     http: HTTPClient(environment: [:]), retry: .none)
        }
        // Spend what is left of the allowance: once an unknown key is refused, every request is checked.
        var checking = false
        for _ in 0..<8 where !checking {
            do {
                _ = try await client("AKIDUNKNOWN0000000000", "whatever").listObjectsV2(bucket: "checked")
            } catch .invalidCredentials {
                checking = true
            } catch {}
        }
        try #require(checking, "moto never started checking signatures")
        let valid = client(try #require(key["id"]), try #require(key["secret"]))
        try await valid.createBucket("checked")
        // Plain key and prefix: moto's checker decodes the path and query before recomputing, so it rejects
        // awkward keys even from the AWS CLI; those are cross-checked against botocore directly instead.
        try await valid.putObject(bucket: "checked", key: "signed-key.png", body: [1, 2, 3], metadata: ["seed": "1"])
        #expect(try await valid.getObject(bucket: "checked", key: "signed-key.png", range: 1...2).body == [2, 3])
        #expect(try await valid.listObjectsV2(bucket: "checked", prefix: "signed").objects.count == 1)

        await #expect(throws: S3Error.invalidCredentials(code: "SignatureDoesNotMatch")) {
            try await client(try #require(key["id"]), "not-the-secret").listObjectsV2(bucket: "checked")
        }
        await #expect(throws: S3Error.invalidCredentials(code: "InvalidAccessKeyId")) {
            try await client("AKIDUNKNOWN0000000000", "whatever").listObjectsV2(bucket: "checked")
        }
    }
}
