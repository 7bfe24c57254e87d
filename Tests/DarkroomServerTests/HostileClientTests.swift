import DarkroomAWS
import Foundation
import Testing
import DarkroomBackend
import DarkroomServer
import DarkroomTestSupport

/// Clients no browser would be: the local stack closes what it must and keeps serving everyone else.
@Suite struct HostileClientTests {
    static func start(idleTimeout: Duration = .seconds(30)) async throws -> LocalStack {
        try await LocalStack.start(handler: RecordingHandler(), model: LocalPreviewEngine(), idleTimeout: idleTimeout)
    }

    static func healthAnswers(_ stack: LocalStack) async throws -> Bool {
        try await HTTPClient.shared.send(DarkroomAWS.HTTPRequest(method: "GET", url: stack.baseURL + "/health"), retry: .none).status == 200
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let stack = try await Self.start(idleTimeout: .seconds(1))
        defer { Task { await stack.stop() } }
        let silent = try LoopbackSocket(port: stack.port)
        let started = ContinuousClock.now
        // One that started a request and stalled mid-head is idle too.
        let stalled = try LoopbackSocket(port: stack.port)
        await stalled.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))

        for connection in [silent, stalled] {
            let (_, closed) = await connection.readUntilClosed(timeout: .seconds(20))
            #expect(closed, "the server still holds an idle connection after 20 s")
        }
        #expect(ContinuousClock.now - started >= .milliseconds(900))
        #expect(try await Self.healthAnswers(stack))
    }

    @Test func aHugeRequestHeadIsRefusedAndTheServerCarriesOn() async throws {
        let stack = try await Self.start()
        defer { Task { await stack.stop() } }
        let cases: [String] = [
            "X-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n",                              // one 1 MiB header
            (0..<LocalStack.maxHeaderCount * 3).map { "X-Many-\($0): v\r\n" }.joined(),              // too many lines
            (0..<40).map { "X-Wide-\($0): " + String(repeating: "b", count: 1000) + "\r\n" }.joined(), // 40 KB in total
        ]
        for headers in cases {
            let connection = try LoopbackSocket(port: stack.port)
            await connection.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)\r\n".utf8))
            let (bytes, closed) = await connection.readUntilClosed(timeout: .seconds(20))
            let answer = String(decoding: bytes, as: UTF8.self)
            #expect(closed)
            #expect(!answer.hasPrefix("HTTP/1.1 200"), "a \(headers.utf8.count)-byte head was served: \(answer.prefix(80))")
            #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 4"), "\(answer.prefix(80))")
        }
        // A head within the limit is served.
        let normal = try LoopbackSocket(port: stack.port)
        await normal.send(Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Fine: \(String(repeating: "c", count: 8000))\r\nConnection: close\r\n\r\n".utf8))
        let served = await normal.readUntilClosed(timeout: .seconds(20))
        #expect(String(decoding: served.bytes, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        #expect(try await Self.healthAnswers(stack))
    }

    @Test func garbageInsteadOfHTTPIsAnsweredOrDroppedAndTheServerCarriesOn() async throws {
        let stack = try await Self.start()
        defer { Task { await stack.stop() } }
        let garbage: [[UInt8]] = [
            Array(0...255), Array("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}".utf8),  // binary, a TLS hello
            Array("GET / HTTP/9.9\r\n\r\n".utf8), Array("POST /image-generation HTTP/1.1\r\nContent-Length: -5\r\n\r\n".utf8),
            Array("POST /image-generation HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".utf8),
        ]
        for bytes in garbage {
            let connection = try LoopbackSocket(port: stack.port)
            await connection.send(bytes)
            let (answer, closed) = await connection.readUntilClosed(timeout: .seconds(20))
            #expect(closed)
            #expect(!String(decoding: answer, as: UTF8.self).hasPrefix("HTTP/1.1 2"))
        }
        #expect(try await Self.healthAnswers(stack))
    }
}
