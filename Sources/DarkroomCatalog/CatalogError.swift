import DarkroomBackend

/// Why the catalog could not do something. The catalog is only a cache of the bucket: none of these loses an
/// image, and an unusable file is set aside and rebuilt.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is not a SQLite database, or is damaged.
    case corrupt(path: String, detail: String)
    /// A newer darkroom wrote the file (a migration this build does not know).
    case newerSchema(path: String, migration: String)
    /// Another darkroom held the catalog's lock longer than the busy timeout.
    case busy(path: String)
    /// A row breaks the catalog's rules; nothing of the batch was written.
    case badRow(key: String, reason: String)
    /// A search could not be understood.
    case badSearch(String)
    /// Anything else SQLite or the file system reported.
    case unusable(path: String, detail: String)
    /// The bucket could not be listed (the store's own error): nothing is wrong with the catalog, which keeps
    /// what it had.
    case listingFailed(StorageError)

    init(_ error: SQLiteError, path: String) {
        if error.isCorruption {
            self = .corrupt(path: path, detail: error.message)
        } else if error.isBusy {
            self = .busy(path: path)
        } else {
            self = .unusable(path: path, detail: error.message)
        }
    }

    public var description: String {
        switch self {
        case .corrupt(let path, let detail):
            "The catalog `\(path)` is damaged (\(detail)); it is only a cache, so delete it and it will be rebuilt from the bucket."
        case .newerSchema(let path, let migration):
            "The catalog `\(path)` was written by a newer darkroom (it has `\(migration)`); update darkroom or delete the file to rebuild it."
        case .busy(let path):
            "The catalog `\(path)` stayed locked by another darkroom; try again when it has finished."
        case .badRow(let key, let reason):
            "The catalog refused the entry `\(key)`: \(reason)."
        case .badSearch(let reason):
            "The search was not understood: \(reason)."
        case .unusable(let path, let detail):
            "The catalog `\(path)` cannot be used (\(detail)); check the cache folder's permissions and free space."
        case .listingFailed(let error):
            error.description
        }
    }
}
