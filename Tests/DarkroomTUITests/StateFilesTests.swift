import DarkroomCore
import DarkroomTestSupport
import Foundation
import Testing
@testable import DarkroomTUI

/// The app's saved files: whole writes, and damaged files set aside and named, never a crash.
@Suite struct StateFilesTests {
    @Test func jobsAndHistoryRoundTrip() throws {
        let folder = try TemporaryDirectory("state-files")
        defer { folder.remove() }
        let files = AppFiles(folder: folder.url)
        var queue = GenerationJobs()
        _ = queue.submit(GenerationParameters(prompt: "a fox", seed: 7), now: Date(timeIntervalSince1970: 1_800_000_000))
        try files.jobs.save(queue.jobs)
        try files.history.save(["a fox", "two\nlines"])
        let (jobs, jobsProblem) = files.jobs.restore()
        let (history, historyProblem) = files.history.restore()
        #expect(jobs == queue.jobs && jobsProblem == nil)
        #expect(history == ["a fox", "two\nlines"] && historyProblem == nil)
    }

    @Test func noFilesAreAnEmptyStartWithoutComplaint() throws {
        let folder = try TemporaryDirectory("state-none")
        defer { folder.remove() }
        let files = AppFiles(folder: folder.url.appendingPathComponent("absent"))
        #expect(files.jobs.restore().value.isEmpty && files.jobs.restore().problem == nil)
        #expect(files.history.restore().value.isEmpty && files.history.restore().problem == nil)
    }

    @Test func aDamagedJobListIsSetAsideAndNamed() throws {
        let folder = try TemporaryDirectory("state-jobs")
        defer { folder.remove() }
        let files = AppFiles(folder: folder.url)
        try Data("{not json".utf8).write(to: files.jobs.url)
        let (jobs, problem) = files.jobs.restore(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(jobs.isEmpty)
        let message = try #require(problem)
        #expect(message.contains(files.jobs.url.path) && message.contains("jobs.json.corrupt-1800000000"))
        #expect(!FileManager.default.fileExists(atPath: files.jobs.url.path))
        #expect(FileManager.default.fileExists(atPath: files.jobs.url.path + ".corrupt-1800000000"))
    }

    @Test func aDamagedHistoryKeepsItsReadableLinesAndIsSetAside() throws {
        let folder = try TemporaryDirectory("state-history")
        defer { folder.remove() }
        let files = AppFiles(folder: folder.url)
        try Data("\"kept\"\nnot a json string\n\"also kept\"\n".utf8).write(to: files.history.url)
        let (entries, problem) = files.history.restore(now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(entries == ["kept", "also kept"])
        #expect(problem?.contains(files.history.url.path) == true)
        #expect(FileManager.default.fileExists(atPath: files.history.url.path + ".corrupt-1800000000"))

        // A line that is not UTF-8 is one damaged line: the readable ones around it are kept.
        try Data([0x22, 0xFF, 0xFE, 0x22, 0x0A] + Array("\"ok\"\n".utf8)).write(to: files.history.url)
        let (readable, invalid) = files.history.restore(now: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(readable == ["ok"] && invalid?.contains("damaged") == true)
    }
}
