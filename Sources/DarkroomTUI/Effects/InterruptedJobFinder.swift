import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Looks in the bucket for the images of jobs that were running when darkroom last ended. Quitting stops only the
/// app's wait: a Lambda behind API Gateway runs on and stores the image, and retrying the job would make (and on
/// Bedrock, pay for) it again. An image is that job's when it was stored in the job's time window and its
/// parameters could answer the job's request; each image answers one job.
struct InterruptedJobFinder: Sendable {
    let store: any ImageStore
    let loader: ImageLoader

    /// How much earlier than the job's start an image's name may be dated: this machine's clock and the backend's
    /// may disagree.
    static let clockSkew: TimeInterval = 120
    /// How long after the job's start its image may be stored: the longest a Lambda runs (15 minutes), and then
    /// some for the store's own retries.
    static let longestRun: TimeInterval = 20 * 60
    /// Candidates read for their parameters per job at most (each read is one ranged GET).
    static let readsPerJob = 40

    /// The images found, oldest job first; jobs without one are left out.
    func find(_ jobs: [InterruptedJob]) async throws(StorageError) -> [RecoveredJob] {
        guard let earliest = jobs.map(\.startedAt).min(), let latest = jobs.map(\.startedAt).max() else { return [] }
        let candidates = try await listImages(from: earliest - Self.clockSkew, until: latest + Self.longestRun)
        var claimed: Set<String> = []
        var found: [RecoveredJob] = []
        for job in jobs.sorted(by: { $0.startedAt < $1.startedAt }) {
            let window = (job.startedAt - Self.clockSkew)...(job.startedAt + Self.longestRun)
            let asked = job.request.seed == 0 ? nil : job.request.seed
            let inWindow = candidates.filter { candidate in
                window.contains(candidate.date) && !claimed.contains(candidate.object.key) && (asked == nil || asked == candidate.seed)
            }
            for candidate in inWindow.prefix(Self.readsPerJob) {
                guard let made = try? await loader.metadata(key: candidate.object.key, etag: candidate.object.etag)?.parameters,
                      job.request.couldHaveMade(made) else { continue }
                claimed.insert(candidate.object.key)
                found.append(RecoveredJob(id: job.id, outcome: GenerationOutcome(key: candidate.object.key, seed: made.seed ?? candidate.seed),
                                          storedAt: candidate.object.lastModified))
                break
            }
        }
        return found
    }

    /// darkroom-named images dated from `start` to `end`, oldest first: listed from `start` on (StartAfter), and no
    /// further than the first page that passes `end`.
    private func listImages(from start: Date, until end: Date) async throws(StorageError) -> [(object: StoredObject, date: Date, seed: UInt32)] {
        var images: [(object: StoredObject, date: Date, seed: UInt32)] = []
        var token: String?
        repeat {
            let page = try await store.list(prefix: ObjectNaming.imagePrefix, startAfter: ObjectNaming.imageKeyPrefix(at: start),
                                            continuationToken: token, maxKeys: 1000)
            for object in page.objects {
                guard let (date, seed) = ObjectNaming.components(ofImageKey: object.key) else { continue }
                if date > end { return images }
                images.append((object, date, seed))
            }
            token = page.nextContinuationToken
        } while token != nil
        return images
    }
}

/// A job that was running when darkroom last ended: what it asked for and when it started.
public struct InterruptedJob: Equatable, Sendable {
    public var id: JobID
    public var request: GenerationParameters
    public var startedAt: Date
}

/// An interrupted job's image, found in the bucket.
public struct RecoveredJob: Equatable, Sendable {
    public var id: JobID
    public var outcome: GenerationOutcome
    /// When the store wrote it (its Last-Modified): the job's end, as near as the bucket knows.
    public var storedAt: Date
}
