import ArgumentParser
import DarkroomBackend
import DarkroomCore
import Foundation

/// `darkroom get KEY`: downloads one object from the bucket.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Download an object from the bucket.",
        discussion: """
            Without -o the file is named after the key's last component, in the current folder; -o - writes to standard \
            output. The bucket is chosen as for ls: the S3 bucket when one is set, else (local backend) the local stack's.
            """
    )

    @OptionGroup var source: StoreOptions

    @Argument(help: "The object key, for example output-images/20250101T000000Z-42-0a1b2c3d.png.")
    var key: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the bytes (a file, or - for standard output).")
    var output: String?

    func run() async throws {
        let store = try source.resolve().store
        let object: StoredObjectData
        do {
            object = try await store.get(key: key)
        } catch {
            throw Self.failure(error, key: key, location: store.location)
        }
        let destination = output ?? String(key.split(separator: "/").last ?? Substring(key))
        if destination == "-" {
            try StandardStreams.writeOutput(object.bytes)
            return
        }
        do {
            try Data(object.bytes).write(to: URL(fileURLWithPath: destination), options: .atomic)
        } catch {
            throw CommandFailure("Could not write \(destination): \(error.localizedDescription); choose another path with -o.")
        }
        StandardStreams.writeError("\(store.location)/\(key) → \(destination) (\(object.bytes.count) bytes)\n")
    }

    /// A missing object named where it was looked for.
    private static func failure(_ error: StorageError, key: String, location: String) -> any Error {
        guard case .notFound = error else { return error }
        return CommandFailure("\(location)/\(key) does not exist; check the key with `darkroom ls`.")
    }
}
