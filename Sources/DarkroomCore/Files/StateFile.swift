#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A state file kept between runs through `AtomicFile`, in a format of its own (`StateFileFormat`): read whole,
/// replaced whole on save; a file that cannot be understood is moved aside and named in a sentence, so nothing is
/// lost and nothing crashes.
public struct StateFile<Format: StateFileFormat>: Sendable {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    /// The saved value; an absent or unreadable file gives the format's empty value.
    public func load() -> Format.Value {
        guard let bytes = try? AtomicFile.read(url.path) else { return Format.empty }
        return Format.decode(bytes).value
    }

    /// The saved value for a new session. A damaged file is moved aside and named in the sentence returned with
    /// what could be read of it.
    public func restore(now: Date = Date()) -> (value: Format.Value, problem: String?) {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(url.path)
        } catch {
            return (Format.empty, error.description)
        }
        guard let bytes else { return (Format.empty, nil) }
        let (value, damaged) = Format.decode(bytes)
        guard damaged else { return (value, nil) }
        let aside = AtomicFile.setAside(url.path, now: now)
        return (value, "The \(Format.name) \(url.path) is damaged" + (aside.map { "; it was moved to \($0)" } ?? "")
            + Format.damagedNote(kept: value))
    }

    /// Replaces the file whole (temporary file, fsync, rename), creating its folder, so a crash or a hang-up never
    /// leaves half of it.
    public func save(_ value: Format.Value) throws(AtomicFileError) {
        try AtomicFile.write(Format.encode(value), to: url.path)
    }
}

/// How one kind of state file is written and read back.
public protocol StateFileFormat {
    associatedtype Value: Sendable
    /// What the file holds, in sentences ("job history").
    static var name: String { get }
    /// The value of an absent file.
    static var empty: Value { get }
    /// What could be read of `bytes`, and whether anything could not.
    static func decode(_ bytes: [UInt8]) -> (value: Value, damaged: Bool)
    static func encode(_ value: Value) -> [UInt8]
    /// The end of the sentence about a damaged file: what darkroom does with what it could read.
    static func damagedNote(kept: Value) -> String
}
