import CCurl
import Synchronization

/// A libcurl easy handle. It keeps its connection cache across `curl_easy_reset`, so reusing handles
/// reuses connections.
///
/// `@unchecked Sendable`: a handle is used by one thread at a time — the pool hands it out to exactly
/// one transfer and takes it back afterwards.
struct CurlEasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer

    init?() {
        _ = CurlEasyHandle.globalInit
        guard let handle = curl_easy_init() else { return nil }
        raw = handle
    }

    /// `curl_global_init`, run once per process before the first handle.
    static let globalInit: CURLcode = curl_global_init(Int(CURL_GLOBAL_ALL))
}

/// Idle easy handles waiting for the next request.
final class CurlHandlePool: Sendable {
    private let idle = Mutex<[CurlEasyHandle]>([])
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    func take() -> CurlEasyHandle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return CurlEasyHandle()
    }

    func giveBack(_ handle: CurlEasyHandle) {
        curl_easy_reset(handle.raw)
        let kept = idle.withLock { handles -> Bool in
            guard handles.count < capacity else { return false }
            handles.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle.raw) }
    }

    deinit {
        for handle in idle.withLock({ $0 }) { curl_easy_cleanup(handle.raw) }
    }
}
