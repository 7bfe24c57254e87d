import DarkroomAWS
import DarkroomBackend
import DarkroomSweeps
import Foundation

/// Builds the services for the chosen backend. A setting that cannot work never stops the app: it opens on
/// the local stack and the status line says what was wrong and how to fix it.
public enum BackendSetup {
    /// The services, where they point, and a problem to show at start, if any.
    public struct Result: Sendable {
        public let services: AppServices
        public let connection: ConnectionInfo
        public let problem: String?
    }

    /// Why the chosen backend could not be set up.
    public enum SetupError: Error, CustomStringConvertible {
        case missingEndpoint
        case missingBucket(AppConfiguration.Backend)
        case aws(String)
        case localStorage(String)

        public var description: String {
            switch self {
            case .missingEndpoint:
                return "--backend api needs --endpoint URL (or endpoint = URL in the config file)"
            case .missingBucket(let backend):
                return "--backend \(backend.rawValue) needs --bucket NAME for the gallery (or bucket = NAME in the config file)"
            case .aws(let reason):
                return "the AWS settings could not be resolved: \(reason)"
            case .localStorage(let reason):
                return "the local data folder cannot be used: \(reason)"
            }
        }
    }

    /// Presigned URLs copied with Y stay valid this long.
    static let presignedURLLifetime: Duration = .seconds(3600)

    public static func make(configuration: AppConfiguration, folders: DataFolders, environment: [String: String],
                            downloadFolder: URL) throws(SetupError) -> Result {
        let cache = ImageCache(folder: folders.cache)
        let backend = configuration.backend ?? .local
        guard backend != .local else {
            return try local(folders: folders, environment: environment, downloadFolder: downloadFolder, problem: nil)
        }
        do throws(SetupError) {
            guard let bucket = configuration.bucket, !bucket.isEmpty else { throw .missingBucket(backend) }
            let aws: AWSConfiguration
            do {
                aws = try AWSConfiguration.resolve(profile: configuration.profile, region: configuration.region, environment: environment)
            } catch {
                throw .aws(error.description)
            }
            let s3 = S3Client(configuration: aws)
            let store = S3Storage(bucket: bucket, client: s3)
            let client: any GenerationClient
            if backend == .api {
                guard let endpoint = configuration.endpoint, !endpoint.isEmpty else { throw .missingEndpoint }
                // The stack output is the route's full URL; the client adds the route itself.
                let stage = endpoint.hasSuffix(ImageGenerationHandler.path) ? String(endpoint.dropLast(ImageGenerationHandler.path.count)) : endpoint
                client = APIGatewayGenerationClient(gateway: APIGatewayClient(endpoint: stage, authorization: .iam(aws)))
            } else {
                client = BedrockGenerationClient(store: store, bedrock: BedrockRuntimeClient(configuration: aws))
            }
            let presign: @Sendable (String) throws -> String = { key in
                try s3.presignedGetURL(bucket: bucket, key: key, expires: presignedURLLifetime)
            }
            var services = AppServices(client: client, store: store, presign: presign, cache: cache, folders: folders,
                                       downloadFolder: downloadFolder)
            services.sweepRecords = S3SweepRecords(bucket: bucket, client: s3)
            let connection = ConnectionInfo(backend: backend.rawValue, location: store.location, region: aws.region,
                                            profile: aws.profile ?? "default")
            return Result(services: services, connection: connection, problem: nil)
        } catch {
            return try local(folders: folders, environment: environment, downloadFolder: downloadFolder,
                             problem: "Using the local stack: \(error.description).")
        }
    }

    private static func local(folders: DataFolders, environment: [String: String], downloadFolder: URL,
                              problem: String?) throws(SetupError) -> Result {
        let store: DirectoryStorage
        do {
            store = try DirectoryStorage(root: DirectoryStorage.defaultRoot(environment: environment))
        } catch {
            throw .localStorage(error.description)
        }
        var services = AppServices(client: LocalGenerationClient(store: store), store: store, presign: nil,
                                   cache: ImageCache(folder: folders.cache), folders: folders, downloadFolder: downloadFolder)
        services.sweepRecords = FolderSweepRecords(root: store.root)
        return Result(services: services, connection: ConnectionInfo(backend: "local", location: store.location), problem: problem)
    }
}
