import DarkroomAWS
import DarkroomBackend
import DarkroomSweeps
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where sweeps keep their records and read their images back, for the app and `generate --sweep` alike.
extension Setup {
    /// `output-sweeps/` beside the images: the local bucket folder, or the S3 bucket. Without a usable bucket
    /// (the api backend with none configured, AWS not resolvable), the local data folder.
    public func sweepRecords() -> any SweepRecordStore {
        switch settings.backend {
        case .local:
            return FolderSweepRecords(root: localBucketFolder)
        case .api, .bedrock:
            guard let bucket = settings.bucket, !bucket.isEmpty, let aws = try? awsConfiguration() else { return localSweepRecords() }
            return S3SweepRecords(bucket: bucket, client: S3Client(configuration: aws))
        }
    }

    /// The local data folder's `output-sweeps/`, where records go when the bucket refuses them.
    public func localSweepRecords() -> any SweepRecordStore {
        FolderSweepRecords(root: folders.data)
    }

    /// The store a sweep's images can be read back from for its contact sheet; nil for the api backend
    /// without a bucket.
    public func sweepImageStore() -> (any ImageStore)? {
        switch settings.backend {
        case .local:
            return try? localStore()
        case .api, .bedrock:
            guard let bucket = settings.bucket, !bucket.isEmpty, let aws = try? awsConfiguration() else { return nil }
            return S3Storage(bucket: bucket, client: S3Client(configuration: aws))
        }
    }
}
