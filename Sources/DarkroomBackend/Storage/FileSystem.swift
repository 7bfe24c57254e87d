#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The POSIX calls `DirectoryStorage` needs for writes that are atomic and never overwrite.
enum FileSystem {
    enum LinkResult {
        case linked
        case exists
        case failed(String)
    }

    /// Writes `bytes` to a file that must not exist yet, flushed to disk before returning.
    static func writeNewFile(at path: String, bytes: [UInt8]) throws(StorageError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .unavailable("cannot create \(path): \(errorText())") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .unavailable("cannot write \(path): \(errorText())")
            }
            written += result
        }
        guard fsync(descriptor) == 0 else { throw .unavailable("cannot flush \(path): \(errorText())") }
    }

    /// Publishes `source` at `destination` unless something is already there (`link(2)` never replaces).
    static func linkNew(_ source: String, to destination: String) -> LinkResult {
        if link(source, destination) == 0 { return .linked }
        if errno == EEXIST { return .exists }
        return .failed("cannot link \(destination): \(errorText())")
    }

    /// Replaces `destination` with `source` in one step.
    static func replace(_ destination: String, with source: String) throws(StorageError) {
        guard rename(source, destination) == 0 else { throw .unavailable("cannot rename to \(destination): \(errorText())") }
    }

    /// Removes a file; a missing file is not an error.
    static func remove(_ path: String) throws(StorageError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .unavailable("cannot remove \(path): \(errorText())") }
    }

    static func makeDirectories(_ path: String) throws(StorageError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .unavailable("cannot create the folder \(path): \(error)")
        }
    }

    /// Size and modification time of a regular file; nil when there is none at `path`.
    static func status(_ path: String) -> (size: Int, modified: Date)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        return (Int(info.st_size), modified)
    }

    /// Reads `count` bytes from `offset`.
    static func read(_ path: String, offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unavailable("cannot open \(path): \(errorText())") }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw .unavailable("cannot read \(path): \(errorText())")
            }
            if result == 0 { break }
            filled += result
        }
        return filled == count ? bytes : Array(bytes[..<filled])
    }

    /// Paths of the regular files under `directory`, relative to it, that `wanted` accepts; empty when it does
    /// not exist. Names are filtered before any is stat'ed: a date-prefix listing wants a few of thousands.
    static func regularFiles(under directory: String, where wanted: (String) -> Bool = { _ in true }) -> [String] {
        let everything = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        return everything.filter { wanted($0) && status(directory + "/" + $0) != nil }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
