import DarkroomTestSupport
import Foundation
import Testing

/// The files a sweep reads and writes (`--prompts`, `--sheet`) named with the system's reason when they cannot be
/// used: a prompts file that was not UTF-8 used to be reported as a wrong path, a sheet path in a missing folder as
/// Foundation's error dump.
struct SweepFileErrorTests {
    @Test func aPromptsFileThatIsNotUTF8IsToldApartFromOneThatCannotBeRead() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-sweep-files")
        defer { darkroom.home.remove() }
        let latin1 = darkroom.path("prompts.txt")
        try Data([0x63, 0x61, 0x66, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        let notUTF8 = try await darkroom.run(["generate", "--prompts", latin1, "--seed", "1"])
        #expect(notUTF8.status == 1)
        #expect(notUTF8.standardError == "Error: --prompts \(latin1) is not UTF-8 text; save it as UTF-8, one prompt a line.\n")

        let missing = darkroom.path("none.txt")
        let absent = try await darkroom.run(["generate", "--prompts", missing, "--seed", "1"])
        #expect(absent.status == 1)
        #expect(absent.standardError == "Error: --prompts \(missing) cannot be read: No such file or directory; check the path.\n")

        let folder = try await darkroom.run(["generate", "--prompts", darkroom.home.url.path, "--seed", "1"])
        #expect(folder.status == 1)
        #expect(folder.standardError == "Error: --prompts \(darkroom.home.url.path) cannot be read: Is a directory; check the path.\n")
    }

    /// A sheet path that cannot be written is refused before any image is made (on a paid backend, before any is
    /// paid for), in a sentence; one that fails only at the end is reported and not claimed in the summary.
    @Test func aSheetPathThatCannotBeWrittenIsRefusedBeforeTheSweep() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-sweep-files")
        defer { darkroom.home.remove() }
        let sheet = darkroom.path("no/such/folder/sheet.png")
        let sweep = try await darkroom.run(["generate", "a fox", "--seed", "1", "--sweep", "steps=20,30", "--sheet", sheet])
        #expect(sweep.status == 1)
        #expect(sweep.standardError == "Error: --sheet \(sheet): cannot write \(sheet): its folder \(darkroom.path("no/such/folder")) does not exist; nothing was generated.\n")
        #expect(!FileManager.default.fileExists(atPath: darkroom.path("data/darkroom/bucket/output-images")), "images were made")

        let folder = try await darkroom.run(["generate", "a fox", "--seed", "1", "--sweep", "steps=20,30", "--sheet", darkroom.home.url.path])
        #expect(folder.status == 1)
        #expect(folder.standardError.hasSuffix(": it is a folder; nothing was generated.\n"), "\(folder.output)")

        // /dev/full passes the check (it may be written) and fails at the end: the sweep is kept, the summary names
        // no sheet file, and the reason is told.
        let full = try await darkroom.run(["generate", "a fox", "--seed", "1", "--sweep", "steps=20,30", "--sheet", "/dev/full"])
        #expect(full.status == 1)
        #expect(!full.standardOutput.contains("/dev/full"), "\(full.output)")
        #expect(full.standardError.contains("the contact sheet was not written: cannot write /dev/full: No space left on device"), "\(full.output)")
        #expect(!full.standardError.contains("Domain"), "\(full.output)")
    }
}
