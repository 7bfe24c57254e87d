import DarkroomTestSupport
import Foundation
import Synchronization
import Testing

/// The app on the bedrock backend against a loopback S3 and Bedrock that misbehave: stalls, garbage XML, 500s and
/// refused connections, while the user keeps typing.
@Suite(.serialized) struct AppFailingServiceTests {
    /// What the fake service does with the next requests.
    enum Behaviour: Sendable {
        case listOneImage, stall, garbage, serverError
    }

    private static let key = "output-images/20261126T024935Z-428130558-4d235eb5.png"

    private static func reply(_ behaviour: Behaviour, to request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Reply {
        switch behaviour {
        case .stall:
            return .stall(.seconds(30))
        case .garbage:
            return .text(200, "<ListBucketResult><Contents><Key>unterminated", headers: [("Content-Type", "application/xml")])
        case .serverError:
            return .text(500, "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>",
                         headers: [("Content-Type", "application/xml")])
        case .listOneImage:
            guard request.target.contains("list-type=2") else { return .text(404, "<Error><Code>NoSuchKey</Code></Error>") }
            // Like S3, only keys under the prefix asked for (the gallery narrows by date prefixes).
            let prefix = request.target.split(separator: "&").first { $0.hasPrefix("prefix=") || $0.contains("?prefix=") }
                .map { String($0.split(separator: "=", maxSplits: 1).last ?? "").removingPercentEncoding ?? "" } ?? ""
            guard key.hasPrefix(prefix) else {
                return .text(200, "<ListBucketResult><Name>pictures</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>",
                             headers: [("Content-Type", "application/xml")])
            }
            return .text(200, """
                <?xml version="1.0" encoding="UTF-8"?>
                <ListBucketResult><Name>pictures</Name><Prefix>output-images/</Prefix><KeyCount>1</KeyCount>\
                <MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>\(key)</Key>\
                <LastModified>2026-11-26T02:49:35.000Z</LastModified><ETag>"abc"</ETag><Size>1000</Size>\
                <StorageClass>STANDARD</StorageClass></Contents></ListBucketResult>
                """, headers: [("Content-Type", "application/xml")])
        }
    }

    private func startApp(home: TemporaryDirectory, endpoint: String) throws -> PseudoTerminal {
        let app = try PseudoTerminal.darkroomApp(
            home: home.url, arguments: ["--backend", "bedrock", "--bucket", "pictures"],
            environment: ["AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1",
                          "AWS_ENDPOINT_URL": endpoint])
        try app.waitFor(text: "Describe the image, then press Enter.")
        return app
    }

    @Test func keysTypedDuringAStallArePaintedBeforeItEnds() async throws {
        try await OffThePool.run {
            let server = try LoopbackHTTPServer { request, _ in Self.reply(.stall, to: request) }
            defer { server.stop() }
            let home = try TemporaryDirectory("app-stall")
            defer { home.remove() }
            let app = try startApp(home: home, endpoint: server.url)
            let started = ContinuousClock.now
            // The gallery's listing is stalled; a job joins it.
            app.send("a heron\r")
            try app.waitFor(text: "1 running")
            for (index, character) in " in reeds".enumerated() {
                app.send(String(character))
                try app.waitFor(text: "\(8 + index)/2000 chars", timeout: .seconds(10))
            }
            #expect(ContinuousClock.now - started < .seconds(30), "every key was painted while the service stalled")
            #expect(app.screen.text.contains("Listing images…") || app.screen.text.contains("loading"))
            app.send("\u{03}")
            try app.waitFor(text: "Quit anyway? y/n")
            app.send("y")
            #expect(try app.waitForExit() == .exited(0))
        }
    }

    @Test func garbageAndServerErrorsAreReportedAndTheGalleryKeepsWhatItHad() async throws {
        try await OffThePool.run {
            let behaviour = Mutex(Behaviour.listOneImage)
            let server = try LoopbackHTTPServer { request, _ in Self.reply(behaviour.withLock { $0 }, to: request) }
            defer { server.stop() }
            let home = try TemporaryDirectory("app-garbage")
            defer { home.remove() }
            let app = try startApp(home: home, endpoint: server.url)
            try app.waitFor(text: "Gallery · 1 image")

            // Leave the prompt for the gallery, then refresh against a service answering garbage.
            app.send("\u{1B}")
            // Esc alone (a key right after it would read as Alt+key): the status line then shows the gallery's keys.
            try app.waitFor("the gallery to take the focus") { $0.lines.last(where: { !$0.isEmpty })?.contains("filter") == true }
            behaviour.withLock { $0 = .garbage }
            app.send("\u{12}")
            try app.waitFor("the listing's failure to be reported") { $0.text.contains("S3 sent a response darkroom cannot read") }
            #expect(app.screen.text.contains("Gallery · 1 image"), "the gallery keeps what it had:\n\(app.screen.text)")

            behaviour.withLock { $0 = .serverError }
            app.send("\u{12}")
            try app.waitFor("the server error to be reported") { $0.text.contains("S3 answered HTTP 500") }
            #expect(app.screen.text.contains("Gallery · 1 image"))
            app.send("q")
            #expect(try app.waitForExit() == .exited(0))
        }
    }

    @Test func refusedConnectionsAreReportedAndTypingGoesOn() async throws {
        try await LoopbackPort.withRefusingPort { port in
            let home = try TemporaryDirectory("app-refused")
            defer { home.remove() }
            let app = try startApp(home: home, endpoint: "http://127.0.0.1:\(port)")
            try app.waitFor("the refused listing to be reported", timeout: .seconds(120)) { $0.text.contains("connect") }
            app.send("still here")
            try app.waitFor(text: "10/2000 chars")
            app.send("\u{03}")
            #expect(try app.waitForExit() == .exited(0))
        }
    }
}
