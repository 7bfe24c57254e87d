/// The rules a key must follow before any store touches it, so that a folder-backed bucket cannot be escaped.
enum ObjectKey {
    /// The longest key S3 accepts, in UTF-8 bytes.
    static let maxLength = 1024

    /// Throws unless `key` is a relative, normalised path of non-empty components.
    static func validate(_ key: String, reservedFirstComponent: String? = nil) throws(StorageError) {
        if key.isEmpty { throw .invalidKey(key: key, reason: "it is empty") }
        if key.utf8.count > maxLength { throw .invalidKey(key: key, reason: "it is longer than \(maxLength) bytes") }
        if key.utf8.contains(0) { throw .invalidKey(key: key, reason: "it contains a NUL byte") }
        if key.hasPrefix("/") { throw .invalidKey(key: key, reason: "it is an absolute path") }
        let components = key.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0 == ".." }) { throw .invalidKey(key: key, reason: "it contains `..`") }
        if components.contains(where: { $0 == "." || $0.isEmpty }) {
            throw .invalidKey(key: key, reason: "it has an empty or `.` path component")
        }
        if let reserved = reservedFirstComponent, components.first.map(String.init) == reserved {
            throw .invalidKey(key: key, reason: "`\(reserved)/` is reserved for the store's own files")
        }
    }

    /// S3 lists keys in UTF-8 byte order, which differs from Swift's `String` ordering.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}
