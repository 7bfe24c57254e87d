import DarkroomCore
import DarkroomTestSupport
import Foundation
import Testing

@Suite struct AtomicFileTests {
    @Test func writesReplaceTheFileWholeAndLeaveNoTemporaryFiles() throws {
        let folder = try TemporaryDirectory("atomic-file")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("state/jobs.json").path
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(try AtomicFile.read(path) == Array("second, longer".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("state").path) == ["jobs.json"])
    }

    @Test func aMissingFileReadsAsNothing() throws {
        #expect(try AtomicFile.read("/nonexistent-\(UUID().uuidString)") == nil)
    }

    @Test func anUnwritableFolderIsNamedInTheError() throws {
        #expect(throws: AtomicFileError.self) { try AtomicFile.write([1], to: "/proc/darkroom-cannot-write/file") }
        do {
            try AtomicFile.write([1], to: "/proc/darkroom-cannot-write/file")
        } catch {
            #expect(error.description.contains("/proc/darkroom-cannot-write/file"))
        }
    }

    @Test func aDamagedFileIsSetAsideBesideItself() throws {
        let folder = try TemporaryDirectory("atomic-aside")
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("history").path
        try AtomicFile.write(Array("\u{0}garbage".utf8), to: path)
        let aside = try #require(AtomicFile.setAside(path, now: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(aside == path + ".corrupt-1800000000")
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try AtomicFile.read(aside) == Array("\u{0}garbage".utf8))
    }
}
