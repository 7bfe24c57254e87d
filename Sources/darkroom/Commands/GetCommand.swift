import ArgumentParser
import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `darkroom get KEY`: downloads one object from the bucket.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Download an object from the bucket.",
        discussion: """
            Without -o the file is named after the key's last component, in the current folder; -o FOLDER puts it there \
            under that name, and -o - writes to standard output. A symbolic link is followed, and a device or FIFO is \
            written in place. The bucket is chosen as for ls: the S3 bucket when one is set, else (local backend) the local stack's.
            """
    )

    @OptionGroup var source: StoreOptions

    @Argument(help: "The object key, for example output-images/20250101T000000Z-42-0a1b2c3d.png.")
    var key: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the bytes (a file, a folder, or - for standard output).",
            completion: .file())
    var output: String?

    func run() async throws {
        let store = try source.resolve().store
        let object: StoredObjectData
        do {
            object = try await store.get(key: key)
        } catch {
            throw Self.failure(error, key: key, location: store.location)
        }
        let name = String(key.split(separator: "/").last ?? Substring(key))
        var destination = output ?? name
        if destination == "-" {
            try StandardStreams.writeOutput(object.bytes)
            return
        }
        // As cp does: a folder receives the file under the key's last component.
        if FileSystem.isFolder(destination) == true {
            destination += destination.hasSuffix("/") ? name : "/" + name
        }
        do {
            try OutputFile.write(object.bytes, to: destination)
        } catch {
            throw CommandFailure("Could not write \(destination): \(error.reason); choose another path with -o.")
        }
        StandardStreams.writeError("\(store.location)/\(key) \(CommandGlyphs.current.arrow) \(destination) (\(object.bytes.count) bytes)\n")
    }

    /// A missing object named where it was looked for.
    private static func failure(_ error: StorageError, key: String, location: String) -> any Error {
        guard case .notFound = error else { return error }
        return CommandFailure("\(location)/\(key) does not exist; check the key with `darkroom ls`.")
    }
}
