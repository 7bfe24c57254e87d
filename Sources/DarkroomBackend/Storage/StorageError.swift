#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DarkroomCore

/// Why a storage operation failed.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No object has this key.
    case notFound(key: String)
    /// An object with this key exists and writes never overwrite.
    case alreadyExists(key: String)
    /// The key could escape the bucket or is not a valid object name.
    case invalidKey(key: String, reason: String)
    /// The requested byte range starts past the end of the object.
    case invalidRange(key: String, size: Int)
    /// The continuation token is not one this store handed out.
    case invalidContinuationToken
    /// The store refused the caller's credentials or permissions.
    case accessDenied(String)
    /// The bucket or folder does not exist.
    case noSuchBucket(String)
    /// The store could not be reached or failed (network, disk); the detail says which.
    case unavailable(String)

    public var description: String {
        switch self {
        case .notFound(let key):
            "No object `\(key)` exists; list the prefix to see what is stored."
        case .alreadyExists(let key):
            "An object `\(key)` already exists and is never overwritten; write under a new key."
        case .invalidKey(let key, let reason):
            "The key `\(key.replacingNULs())` is refused: \(reason)."
        case .invalidRange(let key, let size):
            "The byte range asked of `\(key)` starts past its end (\(size) bytes); ask for a range inside it."
        case .invalidContinuationToken:
            "The listing's continuation token is not valid here; start the listing again."
        case .accessDenied(let detail):
            "Access to the store was denied (\(detail)); check the credentials and the bucket policy."
        case .noSuchBucket(let name):
            // Only S3 answers this (the folder store makes its folder): S3's own words, which every bucket command prints.
            "The bucket '\(name)' does not exist; check the bucket name and region."
        case .unavailable(let detail):
            "The store failed: \(ErrorSentence.clause(detail))."
        }
    }
}

extension String {
    /// NUL bytes would cut a terminal line short; show them visibly.
    fileprivate func replacingNULs() -> String {
        replacing("\u{0}", with: "\\0")
    }
}
