import DarkroomAWS

extension MotoServer {
    /// An S3 client for this server with moto's test credentials and quick retries.
    public func s3Client() -> S3Client {
        let configuration = AWSConfiguration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: "motosecret"),
            endpointOverrides: [.s3: endpoint]
        )
        return S3Client(configuration: configuration, http: HTTPClient(environment: [:]), retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)))
    }
}
