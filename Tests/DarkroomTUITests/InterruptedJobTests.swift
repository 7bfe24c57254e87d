import DarkroomBackend
import DarkroomCore
import DarkroomTestSupport
import Foundation
import Testing
@testable import DarkroomTUI

/// Jobs running when darkroom last ended: their backend may have stored the image after the app quit. Found in
/// the bucket, they are recorded saved instead of being made (and paid for) again by a retry.
@Suite struct InterruptedJobTests {
    /// Images made by the local stack's own handler (defaults filled in, seeds drawn, keys named as it names them),
    /// then looked for by the effect runner as the app does after a restart.
    @Test func theRunnerFindsEachInterruptedJobsImageOnceAndOnlyInItsTime() async throws {
        let folder = try TemporaryDirectory("interrupted-jobs")
        defer { folder.remove() }
        let services = AppFixtures.localServices(store: try DirectoryStorage(root: folder.url.appendingPathComponent("bucket")), folder: folder.url)
        let client = services.client
        let inbox = ActionInbox()
        let runner = EffectRunner(services: services, inbox: inbox, theme: Theme(colorMode: .none, unicode: false))

        let harbour = GenerationParameters(prompt: "a harbour at dusk", seed: 5)
        let mill = GenerationParameters(prompt: "a windmill")
        let started = Date().addingTimeInterval(-1)
        let first = try await client.generate(harbour, onRetry: nil)
        let second = try await client.generate(harbour, onRetry: nil)
        let drawn = try await client.generate(mill, onRetry: nil)
        _ = try await client.generate(GenerationParameters(prompt: "something else", seed: 9), onRetry: nil)

        let jobs = [
            InterruptedJob(id: JobID(rawValue: 1), request: harbour, startedAt: started),
            // The same request again (a fixed-seed rerun): the other image, not the first one twice.
            InterruptedJob(id: JobID(rawValue: 2), request: harbour, startedAt: started.addingTimeInterval(0.5)),
            InterruptedJob(id: JobID(rawValue: 3), request: mill, startedAt: started),
            // Nothing was made for it: seed 9's image has another prompt.
            InterruptedJob(id: JobID(rawValue: 4), request: GenerationParameters(prompt: "never made", seed: 9), startedAt: started),
            // Started long before these images: they cannot be its own.
            InterruptedJob(id: JobID(rawValue: 5), request: harbour, startedAt: started.addingTimeInterval(-3 * 3600)),
        ]
        runner.perform(.findInterruptedJobImages(jobs))
        var recovered: [RecoveredJob]?
        let deadline = Date().addingTimeInterval(120)
        while recovered == nil, Date() < deadline {
            for case .interruptedJobsRecovered(let found) in inbox.drain() { recovered = found }
            try await Task.sleep(for: .milliseconds(10))
        }
        let found = Dictionary(uniqueKeysWithValues: try #require(recovered).map { ($0.id.rawValue, $0.outcome) })
        #expect(Set(found.keys) == [1, 2, 3])
        #expect(Set([found[1]?.key, found[2]?.key]) == [first.key, second.key])
        #expect(found[3] == GenerationOutcome(key: drawn.key, seed: drawn.seed))
    }

    /// The reducer asks for the search with the gallery's listing (at the start and at each Ctrl-R), records what
    /// is found as saved, says so, and saves the job list; a job retried meanwhile keeps its new run.
    @Test func aFoundImageMarksTheJobSavedAndARetriedJobIsLeftToItsRun() throws {
        var queue = GenerationJobs(concurrency: 2)
        let request = GenerationParameters(prompt: "a harbour at dusk", seed: 5)
        let found = queue.submit(request, now: AppFixtures.start).id
        let retried = queue.submit(request, now: AppFixtures.start).id
        var state = AppFixtures.state()
        state.jobs = JobsState(queue: GenerationJobs(restoring: queue.jobs, now: AppFixtures.start.addingTimeInterval(60)))

        let effects = AppReducer.reduce(&state, .refreshGallery)
        #expect(effects.contains(.findInterruptedJobImages([
            InterruptedJob(id: found, request: request, startedAt: AppFixtures.start),
            InterruptedJob(id: retried, request: request, startedAt: AppFixtures.start),
        ])))

        state.jobs.selected = retried
        _ = AppReducer.reduce(&state, .retrySelectedJob)
        let outcome = GenerationOutcome(key: "output-images/20261126T000005Z-5-abcd.png", seed: 5)
        let saved = AppReducer.reduce(&state, .interruptedJobsRecovered([
            RecoveredJob(id: found, outcome: outcome, storedAt: AppFixtures.start.addingTimeInterval(5)),
            RecoveredJob(id: retried, outcome: outcome, storedAt: AppFixtures.start.addingTimeInterval(5)),
        ]))
        #expect(state.jobs.queue[found]?.output == outcome)
        if case .running = state.jobs.queue[retried]?.state {} else { Issue.record("the retried job should be running again") }
        #expect(state.message?.text == "Job \(found), interrupted when darkroom last ended, had finished: its image is saved with seed 5.")
        #expect(saved == [.saveJobs(state.jobsToSave)])
        let again = AppReducer.reduce(&state, .refreshGallery)
        #expect(!again.contains { if case .findInterruptedJobImages = $0 { true } else { false } }, "nothing left to look for")
    }
}
