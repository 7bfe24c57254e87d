#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A path the user named to receive bytes (`get -o`, `--sheet`), written as `cp` and `curl -o` write theirs. A
/// symbolic link is followed: the file it points to is written and the link stays. A regular file, new or old, is
/// replaced whole (`FileSystem.replaceWhole`), so a failed write never leaves half an image; an old one keeps its
/// permissions (less what the umask takes). Anything else that
/// exists (a device such as /dev/null, a FIFO a reader waits on) is opened and written in place: renaming a
/// temporary file over it would replace the device or FIFO with a plain file, and hide a write error such as
/// /dev/full's.
public enum OutputFile {
    /// Writes `bytes` to `path`; a folder is refused with the system's "Is a directory".
    public static func write(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let target = followingLinks(path)
        var info = stat()
        let exists = stat(target, &info) == 0
        guard exists, (info.st_mode & S_IFMT) != S_IFREG else {
            // A file replaced keeps its permissions (a private 0600 download stays private), as cp's would.
            try FileSystem.replaceWhole(target, with: bytes, permissions: exists ? info.st_mode & 0o7777 : 0o666)
            return
        }
        let descriptor = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileSystemError(action: "open", path: target, reason: String(cString: strerror(errno))) }
        let problem = FileSystem.writeAll(bytes, to: descriptor)
        // A device may report a failed write only when it is closed (a network file system, a full disk buffer).
        let closeProblem = close(descriptor) == 0 ? nil : errno
        if let errorNumber = problem ?? closeProblem {
            throw FileSystemError(action: "write", path: target, reason: String(cString: strerror(errorNumber)))
        }
    }

    /// Throws what `write(_:to:)` would meet at `path` that can be known before there is anything to write: a
    /// folder, a file that may not be written, a folder to create it in that is missing or may not be written. For
    /// work that costs time or money before its output exists (a sweep's contact sheet).
    public static func checkWritable(_ path: String) throws(FileSystemError) {
        let target = followingLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw FileSystemError(action: "write", path: target, reason: "it is a folder") }
            if access(target, W_OK) != 0 { throw FileSystemError(action: "write", path: target, reason: String(cString: strerror(errno))) }
            return
        }
        let folder = FileSystem.folder(of: target)
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw FileSystemError(action: "write", path: target, reason: "its folder \(folder) does not exist")
        }
        if access(folder, W_OK | X_OK) != 0 {
            throw FileSystemError(action: "create", path: target, reason: String(cString: strerror(errno)))
        }
    }

    /// `path` with its symbolic links followed to the last one's target, which need not exist yet (a link made
    /// before the file it names). Linux gives up after 40 links; so does this, leaving the failure to `open`.
    private static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : FileSystem.folder(of: current) + "/" + link
        }
        return current
    }
}
