import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom info FILE` on a file it cannot use says why in one sentence. A folder and the empty name used to print
/// Foundation's error dump, /dev/null a wrong "permission", and a truncated image or an unreadable metadata chunk
/// the claim that the image carries no chunk at all.
struct InfoFileErrorTests {
    /// A PNG from the test data with tEXt chunks `keyword=text` put after its header.
    private func pngWithTextChunks(_ chunks: [String: String], at path: String) async throws {
        let script = """
            import struct, sys, zlib
            data = open(sys.argv[1], "rb").read()
            def chunk(kind, body):
                return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
            texts = b"".join(chunk(b"tEXt", pair.encode("latin-1").replace(b"=", b"\\0", 1)) for pair in sys.argv[3:])
            open(sys.argv[2], "wb").write(data[:33] + texts + data[33:])
            """
        let source = TestData.url("pngsuite/png/basn2c08.png").path
        let pairs = chunks.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let made = try await Subprocess.run(["python3", "-c", script, source, path] + pairs)
        try #require(made.status == 0, "\(made.output)")
    }

    @Test func aFolderTheEmptyNameAndADeviceAreNamedPlainly() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-errors")
        defer { darkroom.home.remove() }
        let folder = darkroom.path("shots")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let expectations = [
            folder: "Error: Cannot read \(folder): it is a folder.\n",
            "": "Error: The image name is empty; give a PNG file or a key such as output-images/NAME.png.\n",
            "/dev/null": "Error: Cannot read /dev/null: it is not a regular file.\n",
        ]
        for (image, expected) in expectations {
            let info = try await darkroom.run(["info", image])
            #expect(info.status == 1, "\(image): \(info.output)")
            #expect(info.standardError == expected, "\(image)")
        }
    }

    @Test func aTruncatedImageIsCalledTruncated() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-errors")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let truncated = darkroom.path("truncated.png")
        try darkroom.storedBytes(key).prefix(100).write(to: URL(fileURLWithPath: truncated))
        let info = try await darkroom.run(["info", truncated])
        #expect(info.status == 1)
        #expect(info.standardError == "Error: \(truncated) could not be read as a PNG: The PNG file is truncated: it ends before "
            + "the image is complete; download or copy it again.\n")
    }

    @Test func aMetadataChunkThatDoesNotParseIsNamed() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-errors")
        defer { darkroom.home.remove() }
        let one = darkroom.path("one.png")
        try await pngWithTextChunks(["parameters": "a fox, but no seed or size"], at: one)
        let info = try await darkroom.run(["info", one])
        #expect(info.status == 1)
        #expect(info.standardError == "Error: \(one) has a `parameters` text chunk, but it could not be read as generation "
            + "parameters; the chunk is damaged or was written by a tool darkroom does not know.\n")

        let both = darkroom.path("both.png")
        try await pngWithTextChunks(["darkroom": "{\"parameters\": ", "parameters": "no seed"], at: both)
        let second = try await darkroom.run(["info", both])
        #expect(second.status == 1)
        #expect(second.standardError.hasPrefix("Error: \(both) has `darkroom` and `parameters` text chunks, but neither could be read"),
                "\(second.output)")
        // --raw wants the `parameters` text; a damaged record alone is not "no text chunk" at all.
        let record = darkroom.path("record.png")
        try await pngWithTextChunks(["darkroom": "{\"parameters\": "], at: record)
        let raw = try await darkroom.run(["info", record, "--raw"])
        #expect(raw.status == 1)
        #expect(raw.standardError == "Error: \(record) has no `parameters` text chunk, only darkroom's `darkroom` record; "
            + "leave out --raw to read that.\n", "\(raw.output)")

        // No chunk at all is still told as before.
        let plain = try await darkroom.run(["info", TestData.url("pngsuite/png/basn2c08.png").path])
        #expect(plain.standardError.contains("carries no generation parameters"), "\(plain.output)")
    }

    /// PngSuite's damaged files (a wrong checksum, an impossible header, IEND out of place) were said to carry "no
    /// generation parameters", as an intact image without metadata is: info names the damage now, as show does.
    @Test(arguments: ["xc1n0g08", "xc9n2c08", "xcsn0g01", "xd0n2c08", "xd3n2c08", "xd9n2c08", "xdtn0g01", "xhdn0g08"])
    func aDamagedImageIsCalledDamaged(name: String) async throws {
        let darkroom = try IsolatedDarkroom("darkroom-info-damaged")
        defer { darkroom.home.remove() }
        let path = TestData.url("pngsuite/png/\(name).png").path
        let info = try await darkroom.run(["info", path])
        #expect(info.status == 1)
        #expect(info.standardError.hasPrefix("Error: \(path) could not be read as a PNG: The PNG file is corrupt ("), "\(info.output)")
    }
}
