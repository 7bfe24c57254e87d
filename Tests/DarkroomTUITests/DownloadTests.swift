import DarkroomBackend
import DarkroomCore
import DarkroomTestSupport
import Foundation
import Testing
@testable import DarkroomTUI

/// `d` in the preview, through the effect runner to the download folder and back to the status line.
@Suite struct DownloadTests {
    /// Downloading an image twice said `Error Domain=NSCocoaErrorDomain Code=516 "A file with the same name already
    /// exists."…`. The same image is found where it was saved; a different file with its name is left alone and the
    /// image goes to the next free name.
    @Test func downloadingTwiceFindsTheSavedImageAndAnotherFileLeavesTheNameToIt() async throws {
        let folder = try TemporaryDirectory("download")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url.appendingPathComponent("bucket"))
        let downloads = folder.url.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let services = AppFixtures.localServices(store: store, folder: folder.url, downloads: downloads)
        let inbox = ActionInbox()
        let runner = EffectRunner(services: services, inbox: inbox, theme: Theme(colorMode: .none, unicode: false))
        let key = "output-images/20261126T000001Z-1-abcd.png"
        let image = Array("an image's bytes".utf8)
        try await store.put(key: key, bytes: image, contentType: "image/png", metadata: [:])
        let object = try await store.head(key: key)
        let saved = downloads.appendingPathComponent("20261126T000001Z-1-abcd.png").path

        func download() async throws -> StatusMessage {
            runner.perform(.download(object))
            // Generous: in a whole run on two cores the suites running alongside hold the threads this waits for.
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                for case .showMessage(let message) in inbox.drain() { return message }
                try await Task.sleep(for: .milliseconds(10))
            }
            throw CancellationError()
        }

        #expect(try await download() == StatusMessage("Saved \(saved)."))
        #expect(try await download() == StatusMessage("Already saved: \(saved)."))
        try Data("someone else's file".utf8).write(to: URL(fileURLWithPath: saved))
        let renamed = downloads.appendingPathComponent("20261126T000001Z-1-abcd-2.png").path
        #expect(try await download() == StatusMessage("Saved \(renamed) (20261126T000001Z-1-abcd.png is a different file)."))
        #expect(try await download() == StatusMessage("Already saved: \(renamed)."))
        #expect(FileManager.default.contents(atPath: saved) == Data("someone else's file".utf8))
        #expect(FileManager.default.contents(atPath: renamed) == Data(image))
        // A folder with the name (it said "cannot create …: File exists") leaves the name to it too.
        try FileManager.default.removeItem(atPath: saved)
        try FileManager.default.removeItem(atPath: renamed)
        try FileManager.default.createDirectory(atPath: saved, withIntermediateDirectories: false)
        #expect(try await download() == StatusMessage("Saved \(renamed) (20261126T000001Z-1-abcd.png is a different file)."))
    }
}
