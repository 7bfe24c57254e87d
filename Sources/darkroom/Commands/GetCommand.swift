import ArgumentParser
import DarkroomAWS
import DarkroomSetup
import Foundation

/// `darkroom get KEY`: downloads one object from the bucket.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Download an object from the bucket.",
        discussion: "Without -o the file is named after the key's last component, in the current folder; -o - writes to standard output."
    )

    @OptionGroup var s3: S3Options

    @Argument(help: "The object key, for example output-images/20250101T000000Z-42-0a1b2c3d.png.")
    var key: String

    @Option(name: [.short, .customLong("output")], help: "Where to write the bytes (a file, or - for standard output).")
    var output: String?

    func run() async throws {
        let setup = Setup.resolve(options: s3.layer)
        try setup.requireUsableSettings()
        let (client, bucket) = try setup.s3Bucket()
        let object = try await client.getObject(bucket: bucket, key: key)
        let destination = output ?? String(key.split(separator: "/").last ?? Substring(key))
        if destination == "-" {
            FileHandle.standardOutput.write(Data(object.body))
            return
        }
        do {
            try Data(object.body).write(to: URL(fileURLWithPath: destination), options: .atomic)
        } catch {
            throw CommandFailure("Could not write \(destination): \(error.localizedDescription); choose another path with -o.")
        }
        FileHandle.standardError.write(Data("s3://\(bucket)/\(key) → \(destination) (\(object.body.count) bytes)\n".utf8))
    }
}
