#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX counting semaphore for threads that sleep until work arrives (the compute pool's workers, the HTTP
/// transfer thread). `sem_post` and `sem_wait` are thread-safe, hence `@unchecked Sendable`.
public final class Semaphore: @unchecked Sendable {
    private let raw: UnsafeMutablePointer<sem_t>

    public init(value: UInt32 = 0) {
        raw = .allocate(capacity: 1)
        sem_init(raw, 0, value)
    }

    deinit {
        sem_destroy(raw)
        raw.deallocate()
    }

    /// Adds one to the count, waking one waiter.
    public func signal() {
        sem_post(raw)
    }

    /// Waits until the count is positive and takes one.
    public func wait() {
        while sem_wait(raw) != 0 {}
    }

    /// Waits until the count is positive and takes one, or until `timeout` has passed; whether it took one.
    public func wait(timeout: Duration) -> Bool {
        #if canImport(Glibc)
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = deadline.tv_nsec + Int(attoseconds / 1_000_000_000)
        deadline.tv_sec += Int(seconds) + nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        while sem_timedwait(raw, &deadline) != 0 {
            if errno == ETIMEDOUT { return false }
        }
        return true
        #else
        // Darwin has no sem_timedwait (nor working unnamed semaphores); darkroom is built for Linux.
        wait()
        return true
        #endif
    }
}
