import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomTUI
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The single factory for generation clients and image stores: every command and the app build theirs here.
extension Setup {
    /// Presigned URLs copied with Y stay valid this long.
    static let presignedURLLifetime: Duration = .seconds(3600)

    /// The local stack's bucket folder (`--data`'s `bucket/`, else `$XDG_DATA_HOME/darkroom/bucket`).
    public var localBucketFolder: URL { folders.localBucket(dataFolder: settings.dataFolder) }

    /// The AWS configuration for the chosen profile and region, resolved as the AWS CLI does.
    public func awsConfiguration() throws(SetupError) -> AWSConfiguration {
        do {
            return try AWSConfiguration.resolve(profile: settings.profile, region: settings.region, environment: environment)
        } catch {
            throw .aws(error)
        }
    }

    /// The local bucket folder once `--data` is checked. An empty path is refused (it would mean the current
    /// folder), and so is one that is not a folder. One that does not exist is refused when `mustExist`, for the
    /// commands that only read: a mistyped path would list nothing and be left behind as new folders. The writing
    /// commands create it.
    public func checkedLocalBucketFolder(mustExist: Bool) throws(SetupError) -> URL {
        if let dataFolder = settings.dataFolder {
            guard !dataFolder.isEmpty else { throw .emptyDataFolder(defaultPath: folders.data.path) }
            if let isFolder = FileSystem.isFolder(dataFolder) {
                guard isFolder else { throw .dataFolderNotAFolder(dataFolder) }
            } else if mustExist {
                throw .noDataFolder(dataFolder)
            }
        }
        // The nearest part of the path that exists must be a folder: under a file, the bucket reads as empty, and `ls`
        // said nothing with status 0.
        var existing = localBucketFolder
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            existing.deleteLastPathComponent()
        }
        if FileSystem.isFolder(existing.path) == false {
            throw .notAFolderOnThePath(bucket: localBucketFolder.path, blocker: existing.path)
        }
        return localBucketFolder
    }

    /// The local stack's folder bucket, created if needed.
    public func localStore() throws(SetupError) -> DirectoryStorage {
        let folder = try checkedLocalBucketFolder(mustExist: false)
        do {
            return try DirectoryStorage(root: folder)
        } catch {
            throw .localStorage(error.description)
        }
    }

    /// The S3 client and bucket for the bucket commands (`ls`, `get`, `info KEY`). The bucket is asked for
    /// first: without one, what AWS credentials there are does not matter yet.
    public func s3Bucket() throws(SetupError) -> (client: S3Client, bucket: String) {
        guard let bucket = settings.bucket, !bucket.isEmpty else { throw .noBucket(configFile: configFile.path) }
        return (S3Client(configuration: try awsConfiguration()), bucket)
    }

    /// Where the bucket commands (`ls`, `get`, `info KEY`) read: the S3 bucket when one is set, or when the
    /// backend (api, bedrock) keeps its images in S3; the local stack's folder bucket when `local` asks for it,
    /// or when the backend is local and no bucket is set: where `generate` and the app put the images.
    public func bucketStore(local: Bool) throws(SetupError) -> any ImageStore {
        let bucketSet = settings.bucket.map { !$0.isEmpty } ?? false
        if local || (settings.backend == .local && !bucketSet) {
            // Only read: nothing is created, and before the first image the default folder is an empty bucket.
            return DirectoryStorage(readingFrom: try checkedLocalBucketFolder(mustExist: true))
        }
        let (client, bucket) = try s3Bucket()
        return S3Storage(bucket: bucket, client: client)
    }

    /// The deployed API's client, authenticated as `auth` says (by default `settings.auth`).
    public func apiGateway(auth: Settings.APIAuth? = nil) throws(SetupError) -> APIGatewayClient {
        guard let endpoint = settings.endpoint, !endpoint.isEmpty else { throw .missingEndpoint }
        // The stack output is the route's full URL; the client adds the route itself.
        let path = ImageGenerationHandler.path
        let stage = endpoint.hasSuffix(path) ? String(endpoint.dropLast(path.count)) : endpoint
        switch auth ?? settings.auth {
        case .none:
            return APIGatewayClient(endpoint: stage)
        case .apiKey:
            guard let key = settings.apiKey else { throw .missingAPIKey }
            return APIGatewayClient(endpoint: stage, authorization: .apiKey(key.value))
        case .iam:
            return APIGatewayClient(endpoint: stage, authorization: .iam(try awsConfiguration()))
        }
    }

    /// The chosen backend's generation client alone (`generate`): the local one needs no account, the api
    /// one only what its auth asks for, the bedrock one AWS and a bucket to store in.
    public func generationClient() throws(SetupError) -> any GenerationClient {
        switch settings.backend {
        case .local:
            return LocalGenerationClient(store: try localStore())
        case .api:
            return APIGatewayGenerationClient(gateway: try apiGateway())
        case .bedrock:
            let aws = try awsConfiguration()
            guard let bucket = settings.bucket, !bucket.isEmpty else { throw .missingBucket(.bedrock) }
            return BedrockGenerationClient(store: S3Storage(bucket: bucket, client: S3Client(configuration: aws)),
                                           bedrock: BedrockRuntimeClient(configuration: aws))
        }
    }

    /// The chosen backend with the bucket its gallery lists (the app): api and bedrock need AWS and a bucket.
    public func backendServices() throws(SetupError) -> BackendServices {
        guard settings.backend != .local else { return try localServices() }
        guard let bucket = settings.bucket, !bucket.isEmpty else { throw .missingBucket(settings.backend) }
        let aws = try awsConfiguration()
        let s3 = S3Client(configuration: aws)
        let store = S3Storage(bucket: bucket, client: s3)
        let client: any GenerationClient = settings.backend == .api
            ? APIGatewayGenerationClient(gateway: try apiGateway())
            : BedrockGenerationClient(store: store, bedrock: BedrockRuntimeClient(configuration: aws))
        let presign: @Sendable (String) throws -> String = { key in
            try s3.presignedGetURL(bucket: bucket, key: key, expires: Self.presignedURLLifetime)
        }
        let connection = ConnectionInfo(backend: settings.backend.rawValue, location: store.location, region: aws.region,
                                        profile: aws.profile ?? "default")
        return BackendServices(client: client, store: store, presign: presign, connection: connection)
    }

    /// The app's backend. A setting that cannot work never stops the app: it opens on the local stack and
    /// `problem` says what was wrong and how to fix it. Throws only when the local stack cannot be used either.
    public func appBackend() throws(SetupError) -> (services: BackendServices, problem: String?) {
        do {
            return (try backendServices(), nil)
        } catch {
            if case .localStorage = error { throw error }
            // An API that takes a key or nothing needs no AWS account, but the gallery lists its bucket in S3: said so,
            // or "no credentials" reads as contradicting the auth setting.
            if case .aws(let problem) = error, settings.backend == .api, settings.auth != .iam, let bucket = settings.bucket {
                return (try localServices(), "Using the local stack: the API needs no AWS credentials (auth \(settings.auth.rawValue)), "
                    + "but the gallery lists s3://\(bucket) with them: \(problem.description)")
            }
            return (try localServices(), "Using the local stack: \(error.appReason)")
        }
    }

    private func localServices() throws(SetupError) -> BackendServices {
        let store = try localStore()
        return BackendServices(client: LocalGenerationClient(store: store), store: store, presign: nil,
                               connection: ConnectionInfo(backend: "local", location: store.location))
    }
}
