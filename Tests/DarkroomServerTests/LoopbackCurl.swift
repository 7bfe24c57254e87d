import Foundation
import DarkroomTestSupport

/// A real HTTP client for the tests: the `curl` binary, talking to the server under test over loopback.
struct LoopbackCurl {
    struct Reply {
        var status: Int
        /// Header names lower-cased.
        var headers: [String: String]
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends one request; `body` goes through a file so binary payloads arrive byte for byte.
    static func send(_ method: String, _ url: String, body: [UInt8]? = nil, headers: [String: String] = [:]) async throws -> Reply {
        let folder = try TemporaryDirectory("darkroom-curl")
        defer { folder.remove() }
        let headerFile = folder.url.appendingPathComponent("headers").path
        let bodyFile = folder.url.appendingPathComponent("body").path
        var arguments = ["curl", "--silent", "--show-error", "--max-time", "60", "-X", method, "-D", headerFile, "-o", bodyFile,
                         "-w", "%{http_code}"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            arguments += ["-H", "\(name): \(value)"]
        }
        if let body {
            let requestFile = folder.url.appendingPathComponent("request")
            try Data(body).write(to: requestFile)
            arguments += ["--data-binary", "@" + requestFile.path]
        }
        arguments.append(url)
        let result = try await Subprocess.run(arguments)
        guard result.status == 0, let status = Int(result.standardOutput) else {
            throw LoopbackCurlError(arguments: arguments, output: result.output)
        }
        var replyHeaders: [String: String] = [:]
        for line in try String(contentsOfFile: headerFile, encoding: .utf8).split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            replyHeaders[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: replyHeaders, body: Array(try Data(contentsOf: URL(fileURLWithPath: bodyFile))))
    }
}

/// curl could not complete the exchange (connection refused, timeout).
struct LoopbackCurlError: Error, CustomStringConvertible {
    var arguments: [String]
    var output: String
    var description: String { "curl \(arguments.dropFirst().joined(separator: " ")) failed: \(output)" }
}
