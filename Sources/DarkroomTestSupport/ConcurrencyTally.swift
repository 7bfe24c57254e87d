import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts what ran where: the distinct threads bodies ran on and the most that ran at once. For tests of how work
/// is spread over threads.
public final class ConcurrencyTally: Sendable {
    private let state = Mutex((threads: Set<pthread_t>(), running: 0, mostAtOnce: 0, runs: 0))

    public init() {}

    /// Runs `body` on the calling thread, counted.
    @discardableResult
    public func measure<Value, Failure: Error>(_ body: () throws(Failure) -> Value) throws(Failure) -> Value {
        state.withLock { state in
            state.threads.insert(pthread_self())
            state.running += 1
            state.runs += 1
            state.mostAtOnce = max(state.mostAtOnce, state.running)
        }
        defer { state.withLock { $0.running -= 1 } }
        return try body()
    }

    /// Distinct threads bodies ran on (threads that ended may be counted once with a later one).
    public var threads: Int { state.withLock { $0.threads.count } }
    /// The most bodies that ran at the same time.
    public var mostAtOnce: Int { state.withLock { $0.mostAtOnce } }
    /// Bodies run.
    public var runs: Int { state.withLock { $0.runs } }
}
