import DarkroomTestSupport
import Foundation
import Testing

/// `--data` that names nothing usable. The reading commands used to create a mistyped folder and list it as empty,
/// `--data ""` meant the current folder, and a file gave Foundation's error dump.
struct DataFolderOptionTests {
    @Test func theReadingCommandsRefuseAMissingDataFolderAndCreateNothing() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-data-option")
        defer { darkroom.home.remove() }
        let missing = darkroom.path("mistyped/data")
        let expected = "Error: The data folder \(missing) (--data) does not exist; check the path (generate and serve create it).\n"
        for arguments in [["ls"], ["get", "output-images/a.png"], ["info", "output-images/a.png"]] {
            let result = try await darkroom.run(arguments + ["--data", missing])
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError == expected, "\(arguments)")
            #expect(!FileManager.default.fileExists(atPath: darkroom.path("mistyped")), "\(arguments) created the folder")
        }
        // A data folder that exists but holds no bucket yet is an empty one, and stays as it was.
        let empty = darkroom.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let listing = try await darkroom.run(["ls", "--data", empty])
        #expect(listing.status == 0 && listing.output.isEmpty, "\(listing.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty).isEmpty)
    }

    @Test func anEmptyDataPathIsRefusedNotTakenForTheCurrentFolder() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-data-option")
        defer { darkroom.home.remove() }
        let folder = darkroom.path("work")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let expected = "Error: --data is empty; give the data folder's path, or leave --data out to use \(darkroom.path("data/darkroom")).\n"
        for arguments in [["generate", "a fox", "--seed", "1"], ["ls"], ["serve", "--port", "0"]] {
            let result = try await darkroom.run(arguments + ["--data", ""], in: folder)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError == expected, "\(arguments): \(result.output)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aFileGivenAsTheDataFolderIsASentence() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-data-option")
        defer { darkroom.home.remove() }
        let file = darkroom.path("notes.txt")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: file))
        let expected = "Error: The data folder \(file) (--data) is not a folder; give the path of a folder.\n"
        for arguments in [["generate", "a fox", "--seed", "1"], ["ls"], ["get", "output-images/a.png"], ["serve", "--port", "0"]] {
            let result = try await darkroom.run(arguments + ["--data", file])
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError == expected, "\(arguments): \(result.output)")
        }
    }

    /// With a file where the default data folder should be, `ls` printed nothing and exited 0, as if the bucket were
    /// empty; `generate` failed with "cannot create the folder … Not a directory".
    @Test func aFileInTheDefaultDataFoldersPlaceIsNamed() async throws {
        let darkroom = try IsolatedDarkroom("darkroom-data-blocked")
        defer { darkroom.home.remove() }
        try FileManager.default.createDirectory(atPath: darkroom.path("data"), withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: darkroom.path("data/darkroom")))
        let expected = "Error: The local bucket \(darkroom.path("data/darkroom/bucket")) cannot be used: \(darkroom.path("data/darkroom")) "
            + "is not a folder; move it away, or give another data folder with --data.\n"
        for arguments in [["ls"], ["ls", "--json"], ["generate", "a fox", "--seed", "1"], ["get", "output-images/a.png"]] {
            let result = try await darkroom.run(arguments)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.standardError == expected, "\(arguments): \(result.output)")
        }
    }
}
