import Foundation
import DarkroomAWS
import DarkroomBackend
import DarkroomTestSupport

/// The stores the storage contract runs against, each opened fresh and empty for one test.
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case directory
    /// S3Storage against `moto_server` on a free loopback port.
    case s3

    var description: String { rawValue }

    /// moto checks `If-None-Match: *` and then writes, without a lock, so concurrent writers can both
    /// succeed there (S3 itself lets exactly one through); sequential conditional writes are still refused.
    var conditionalWritesAreAtomic: Bool { self == .directory }

    /// Opens an empty store and passes it to `body`, cleaning up afterwards.
    func withStore(_ body: (any ImageStore) async throws -> Void) async throws {
        switch self {
        case .directory:
            let folder = try TemporaryDirectory("darkroom-store")
            defer { folder.remove() }
            try await body(try DirectoryStorage(root: folder.url.appendingPathComponent("bucket")))
        case .s3:
            let moto = try await MotoServer.start()
            defer { moto.stop() }
            let configuration = AWSConfiguration(
                region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIDMOTO", secretAccessKey: "motosecret"),
                endpointOverrides: [.s3: moto.endpoint]
            )
            let client = S3Client(configuration: configuration, http: HTTPClient(environment: [:]),
                                  retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(20)))
            try await client.createBucket("darkroom-contract")
            try await body(S3Storage(bucket: "darkroom-contract", client: client))
        }
    }
}
