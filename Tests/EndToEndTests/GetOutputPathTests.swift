import DarkroomTestSupport
import Foundation
import Testing

/// `darkroom get KEY -o PATH` writes into PATH as cp and curl -o do: it used to rename a temporary file over
/// whatever was there, turning a symbolic link, a FIFO or a device into a plain file and hiding /dev/full's error.
struct GetOutputPathTests {
    /// The file type `stat` reports (`ls -l`'s first letter): `-` regular, `l` link, `p` FIFO, `c` character device.
    private func fileType(_ path: String) throws -> String {
        let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        switch type {
        case .typeRegular?: return "-"
        case .typeSymbolicLink?: return "l"
        case .typeCharacterSpecial?: return "c"
        case .typeDirectory?: return "d"
        default: return "p"
        }
    }

    @Test func aSymbolicLinkIsFollowedAndStays() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        try Data("old".utf8).write(to: URL(fileURLWithPath: darkroom.path("target.png")))
        try FileManager.default.createSymbolicLink(atPath: darkroom.path("link.png"), withDestinationPath: "target.png")
        try FileManager.default.createSymbolicLink(atPath: darkroom.path("dangling.png"), withDestinationPath: "new.png")

        let viaLink = try await darkroom.run(["get", key, "-o", darkroom.path("link.png")])
        #expect(viaLink.status == 0, "\(viaLink.output)")
        #expect(try fileType(darkroom.path("link.png")) == "l")
        #expect(FileManager.default.contents(atPath: darkroom.path("target.png")) == (try darkroom.storedBytes(key)))

        // A link made before its file: the file is created where it points, as cp does.
        let viaDangling = try await darkroom.run(["get", key, "-o", darkroom.path("dangling.png")])
        #expect(viaDangling.status == 0, "\(viaDangling.output)")
        #expect(try fileType(darkroom.path("dangling.png")) == "l")
        #expect(FileManager.default.contents(atPath: darkroom.path("new.png")) == (try darkroom.storedBytes(key)))
    }

    /// An existing file is replaced whole and keeps its permissions: a private download stays private.
    @Test func aReplacedFileKeepsItsPermissions() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let path = darkroom.path("private.png")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let replaced = try await darkroom.run(["get", key, "-o", path])
        #expect(replaced.status == 0, "\(replaced.output)")
        #expect(FileManager.default.contents(atPath: path) == (try darkroom.storedBytes(key)))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func aFIFOIsWrittenInPlaceForItsReader() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let fifo = darkroom.path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader copies what comes through the FIFO to a file; open(2) on each end waits for the other, so the
        // reader gives up after a minute if nothing ever opens the FIFO to write.
        async let reader = Subprocess.run(["timeout", "60", "/bin/sh", "-c", "cat \"$0\" > \"$1\"", fifo, darkroom.path("received.png")])
        let get = try await darkroom.run(["get", key, "-o", fifo])
        #expect(get.status == 0, "\(get.output)")
        let read = try await reader
        #expect(read.status == 0, "\(read.output)")
        #expect(try fileType(fifo) == "p")
        #expect(FileManager.default.contents(atPath: darkroom.path("received.png")) == (try darkroom.storedBytes(key)))
    }

    @Test func aFullDeviceIsAnErrorAndStaysADevice() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let get = try await darkroom.run(["get", key, "-o", "/dev/full"])
        #expect(get.status == 1, "\(get.output)")
        #expect(get.standardError == "Error: Could not write /dev/full: No space left on device; choose another path with -o.\n")
        #expect(try fileType("/dev/full") == "c")
    }

    @Test func aFolderReceivesTheFileUnderTheKeysLastComponent() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let folder = darkroom.path("downloads")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let name = String(key.split(separator: "/").last ?? "")
        for output in [folder, folder + "/"] {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
            let get = try await darkroom.run(["get", key, "-o", output])
            #expect(get.status == 0, "\(get.output)")
            // No locale is set, so the arrow is ASCII (CommandGlyphsTests has both).
            #expect(get.standardError.hasSuffix("-> \(folder)/\(name) (\(try darkroom.storedBytes(key).count) bytes)\n"), "\(get.output)")
            #expect(FileManager.default.contents(atPath: folder + "/" + name) == (try darkroom.storedBytes(key)))
        }
    }

    @Test func aMissingFolderIsNamedWithTheSystemsReason() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-get-output")
        defer { darkroom.home.remove() }
        let key = try await darkroom.generate()
        let target = darkroom.path("no/such/folder/x.png")
        let get = try await darkroom.run(["get", key, "-o", target])
        #expect(get.status == 1)
        #expect(get.standardError == "Error: Could not write \(target): No such file or directory; choose another path with -o.\n")
    }
}
