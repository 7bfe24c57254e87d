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

/// State files the programs keep between runs (job and prompt history, settings they write), written so that a
/// crash, a hang-up or a full disk leaves either the old content or the new one, never half of each; and read
/// so that a damaged file is moved aside and named instead of crashing anything or being overwritten.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`: a temporary file in the same folder (created with the folder if
    /// needed), flushed to disk, renamed over the old one, then the folder flushed so the rename survives too.
    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicFileError) {
        let folder = Self.folder(of: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: "its folder cannot be created (\(error))")
        }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: errorText()) }
        var failure: String?
        var written = 0
        while written < bytes.count, failure == nil {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if result >= 0 {
                written += result
            } else if errno != EINTR {
                failure = errorText()
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = errorText() }
        close(descriptor)
        if failure == nil, rename(temporary, path) != 0 { failure = errorText() }
        guard failure == nil else {
            unlink(temporary)
            throw .cannotWrite(path: path, reason: failure ?? "")
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// The file's bytes; nil when there is no file.
    public static func read(_ path: String) throws(AtomicFileError) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path) else {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            throw .cannotRead(path: path)
        }
        return [UInt8](data)
    }

    /// Moves a file that could not be understood to `<path>.corrupt-<UTC time>` beside it, so nothing is lost and
    /// the next write starts clean; the new path, or nil when it could not be moved.
    public static func setAside(_ path: String, now: Date = Date()) -> String? {
        let stamp = Int(now.timeIntervalSince1970)
        let target = "\(path).corrupt-\(stamp)"
        return rename(path, target) == 0 ? target : nil
    }

    private static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a state file could not be read or written.
public enum AtomicFileError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason):
            return "Could not save \(path): \(reason); check that its folder is writable and the disk has room."
        case .cannotRead(let path):
            return "Could not read \(path); check its permissions."
        }
    }
}
