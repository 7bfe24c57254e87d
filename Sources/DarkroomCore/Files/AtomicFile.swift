#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// State files the programs keep between runs (job and prompt history, settings they write), written so that a
/// crash, a hang-up or a full disk leaves either the old content or the new one, never half of each; and read
/// so that a damaged file is moved aside and named instead of crashing anything or being overwritten.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`: a temporary file in the same folder (created with the folder if
    /// needed), flushed to disk, renamed over the old one, then the folder flushed so the rename survives too.
    public static func write(_ bytes: [UInt8], to path: String) throws(AtomicFileError) {
        let folder = FileSystem.folder(of: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: path, reason: "its folder cannot be created (\(error.fileSystemReason))")
        }
        do {
            try FileSystem.replaceWhole(path, with: bytes, permissions: 0o600)
        } catch {
            throw .cannotWrite(path: path, reason: error.reason)
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
        do {
            try FileSystem.replace(target, with: path)
            return target
        } catch {
            return nil
        }
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
