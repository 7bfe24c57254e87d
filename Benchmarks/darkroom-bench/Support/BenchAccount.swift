import DarkroomAWS

/// The made-up AWS account the S3 and gallery figures use against moto_server (or any endpoint that takes any
/// credentials), for the in-process client and for whole processes alike.
enum BenchAccount {
    static let region = "us-east-1"
    static let credentials = AWSCredentials(accessKeyID: "AKIDBENCH", secretAccessKey: "benchsecret")

    /// A path-style S3 client for `endpoint`, as moto_server wants.
    static func s3Client(endpoint: String) -> S3Client {
        let configuration = AWSConfiguration(region: region, credentials: credentials, endpointOverrides: [.s3: endpoint])
        return S3Client(configuration: configuration, forcePathStyle: true)
    }

    /// The environment that points `darkroom`, `aws` and `s5cmd` at `endpoint` with this account.
    static func environment(endpoint: String) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": credentials.accessKeyID, "AWS_SECRET_ACCESS_KEY": credentials.secretAccessKey,
         "AWS_REGION": region, "AWS_DEFAULT_REGION": region, "AWS_ENDPOINT_URL": endpoint, "S3_ENDPOINT_URL": endpoint]
    }
}
