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
}
