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

/// The POSIX file calls darkroom's files are built on: `AtomicFile` (state files, replaced whole), `OutputFile`
/// (paths the user names) and the folder bucket (`DirectoryStorage`: objects written to a temporary file, then
/// linked into place, never overwritten).
public enum FileSystem {
    public enum LinkResult: Sendable {
        case linked
        case exists
        case failed(String)
    }

    /// Writes `bytes` to a file that must not exist yet, flushed to disk before returning; a file left half
    /// written by a failure is removed.
    public static func writeNewFile(at path: String, bytes: [UInt8], permissions: mode_t = 0o644) throws(FileSystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw failure("create", path) }
        var problem: FileSystemError?
        var written = 0
        while written < bytes.count, problem == nil {
            let result = bytes.withUnsafeBytes { buffer in
                write(descriptor, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result >= 0 {
                written += result
            } else if errno != EINTR {
                problem = failure("write", path)
            }
        }
        if problem == nil, fsync(descriptor) != 0 { problem = failure("flush", path) }
        close(descriptor)
        if let problem {
            unlink(path)
            throw problem
        }
    }

    /// Replaces the file at `path` with `bytes`, or creates it, in one step: a temporary file beside it, flushed to
    /// disk, renamed over it, then the folder flushed so the rename survives too. A failure leaves the old file or
    /// none, never half of one; the error names `path`, not the temporary file.
    public static func replaceWhole(_ path: String, with bytes: [UInt8], permissions: mode_t) throws(FileSystemError) {
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try writeNewFile(at: temporary, bytes: bytes, permissions: permissions)
            try replace(path, with: temporary)
        } catch {
            try? remove(temporary)
            throw FileSystemError(action: "write", path: path, reason: error.reason)
        }
        syncFolder(folder(of: path))
    }

    /// The folder part of a path: everything before its last `/`, `.` when it has none.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Publishes `source` at `destination` unless something is already there (`link(2)` never replaces).
    public static func linkNew(_ source: String, to destination: String) -> LinkResult {
        if link(source, destination) == 0 { return .linked }
        if errno == EEXIST { return .exists }
        return .failed(failure("link", destination).description)
    }

    /// Replaces `destination` with `source` in one step.
    public static func replace(_ destination: String, with source: String) throws(FileSystemError) {
        guard rename(source, destination) == 0 else { throw failure("rename to", destination) }
    }

    /// Removes a file; a missing file is not an error.
    public static func remove(_ path: String) throws(FileSystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw failure("remove", path) }
    }

    public static func makeDirectories(_ path: String) throws(FileSystemError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileSystemError(action: "create the folder", path: path, reason: error.fileSystemReason)
        }
    }

    /// Flushes a folder's entries (a rename into it) to disk; best effort, as not every file system can.
    public static func syncFolder(_ path: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Whether anything has this name: a file, a folder, a link (even one to nothing).
    public static func entryExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Whether what `path` names (a link followed, as `FileManager.fileExists` follows it) is a folder; nil when
    /// nothing is there.
    public static func isFolder(_ path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Size and modification time of a regular file; nil when there is none at `path`.
    public static func status(_ path: String) -> (size: Int, modified: Date)? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
        return (Int(info.st_size), modified)
    }

    /// Writes every byte to an open descriptor (standard output, a terminal), retrying interrupted and partial
    /// writes; the errno of the first failure (ENOSPC, EPIPE), or nil.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return nil
    }

    /// Reads `count` bytes from `offset`.
    public static func read(_ path: String, offset: Int, count: Int) throws(FileSystemError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure("open", path) }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let result = bytes.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + filled }, count - filled, off_t(offset + filled))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw failure("read", path)
            }
            if result == 0 { break }
            filled += result
        }
        return filled == count ? bytes : Array(bytes[..<filled])
    }

    /// Paths of the regular files under `directory`, relative to it, that `wanted` accepts; empty when it does
    /// not exist. Names are filtered before any is stat'ed: a date-prefix listing wants a few of thousands.
    public static func regularFiles(under directory: String, where wanted: (String) -> Bool = { _ in true }) -> [String] {
        let everything = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        return everything.filter { wanted($0) && status(directory + "/" + $0) != nil }
    }

    /// The failed call's error, read from `errno` right after it.
    private static func failure(_ action: String, _ path: String) -> FileSystemError {
        FileSystemError(action: action, path: path, reason: String(cString: strerror(errno)))
    }
}

/// A file call that failed: what was being done, to which path, and the system's reason.
public struct FileSystemError: Error, CustomStringConvertible, Equatable {
    public var action: String
    public var path: String
    public var reason: String

    public var description: String { "cannot \(action) \(path): \(reason)" }
}

extension Error {
    /// The system's reason for a failed Foundation file call, as a few words ("No such file or directory", "Is a
    /// directory"): Foundation keeps the POSIX error under a generic one of its own, which printed whole is a dump
    /// of domains and user info ("Error Domain=NSCocoaErrorDomain Code=512 …").
    public var fileSystemReason: String {
        if let posix = (self as? CocoaError)?.underlying as? POSIXError ?? self as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        switch (self as? CocoaError)?.code {
        case .fileNoSuchFile?, .fileReadNoSuchFile?: return String(cString: strerror(ENOENT))
        case let code?: return "Foundation error \(code.rawValue), without the system's reason"
        case nil: return String(describing: self)
        }
    }
}
