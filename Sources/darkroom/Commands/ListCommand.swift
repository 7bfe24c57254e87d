import ArgumentParser
import DarkroomAWS
import DarkroomSetup
import Foundation

/// `darkroom ls`: the images in the bucket, like `aws s3 ls`, or as JSON.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls",
        abstract: "List the images in the bucket.",
        discussion: "Each line shows the modification time (local), size in bytes and key, oldest key order as S3 returns it."
    )

    @OptionGroup var s3: S3Options

    @Option(help: "Only keys starting with this prefix.")
    var prefix = "output-images/"

    @Flag(help: "Print a JSON array of {key, size, lastModified, etag}.")
    var json = false

    func run() async throws {
        let setup = Setup.resolve(options: s3.layer)
        try setup.requireUsableSettings()
        let (client, bucket) = try setup.s3Bucket()
        var output = OutputBuffer()
        var first = true
        if json { output.append("[") }
        for try await object in client.listAllObjects(bucket: bucket, prefix: prefix) {
            if json {
                output.append((first ? "\n  " : ",\n  ") + Self.jsonLine(object))
            } else {
                output.append(Self.textLine(object) + "\n")
            }
            first = false
            output.flushIfLarge()
        }
        if json { output.append(first ? "]\n" : "\n]\n") }
        output.flush()
    }

    /// `2026-11-26 00:44:39       1234 output-images/x.png`, the `aws s3 ls` layout.
    static func textLine(_ object: S3Object) -> String {
        let size = String(object.size)
        return ListingTimestamp.local(object.lastModified) + " " + String(repeating: " ", count: max(0, 10 - size.count)) + size + " " + object.key
    }

    static func jsonLine(_ object: S3Object) -> String {
        "{\"key\": \(JSONText.quote(object.key)), \"size\": \(object.size), "
            + "\"lastModified\": \"\(ListingTimestamp.utc(object.lastModified))\", \"etag\": \(JSONText.quote(object.etag))}"
    }
}

/// Standard output written in large blocks: listings can run to tens of thousands of lines.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func flushIfLarge() { if bytes.count > 1 << 16 { flush() } }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Listing timestamps, computed with `localtime_r`/`gmtime_r`: formatters cost too much per line.
enum ListingTimestamp {
    /// `yyyy-MM-dd HH:mm:ss` in the local time zone, as `aws s3 ls` prints.
    static func local(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return format(parts, separator: " ", suffix: "")
    }

    /// `yyyy-MM-ddTHH:mm:ssZ` (ISO 8601, UTC) for JSON.
    static func utc(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return format(parts, separator: "T", suffix: "Z")
    }

    private static func format(_ parts: tm, separator: String, suffix: String) -> String {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : String(value) }
        let day = "\(parts.tm_year + 1900)-" + two(parts.tm_mon + 1) + "-" + two(parts.tm_mday)
        return day + separator + two(parts.tm_hour) + ":" + two(parts.tm_min) + ":" + two(parts.tm_sec) + suffix
    }
}

/// JSON string literals without a JSONEncoder per line.
enum JSONText {
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
