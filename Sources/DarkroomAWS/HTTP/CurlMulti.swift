import CCurl
import DarkroomThreads
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Every transfer of the process on one libcurl multi handle, driven by one thread of its own: libcurl moves all
/// of them forward together (non-blocking sockets, `curl_multi_poll`), so a stalled transfer (a server that never
/// answers, a 300 s Bedrock call, a Runtime API long poll) holds no thread and never holds up the others, and a
/// hundred transfers cost one thread instead of a hundred. The multi handle also keeps one connection cache for all.
final class CurlMulti: Sendable {
    static let shared = CurlMulti()

    private let multi: Handle?
    private let state = Mutex(State())
    /// Posted once per submission and cancellation; the driver sleeps on it while no transfer runs.
    private let work = Semaphore()

    /// A libcurl multi handle, used by the driver thread (and `curl_multi_wakeup`, which is thread-safe).
    private struct Handle: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
    }

    private struct State {
        var submitted: [Transfer] = []
        var cancelled: [ObjectIdentifier] = []
        var driverStarted = false
    }

    /// A transfer between submission and completion.
    private final class Transfer: @unchecked Sendable {
        let prepared: CurlTransfer.Prepared
        let finish: @Sendable (Result<HTTPResponse, CurlTransfer.Failure>) -> Void

        init(prepared: CurlTransfer.Prepared, finish: @escaping @Sendable (Result<HTTPResponse, CurlTransfer.Failure>) -> Void) {
            self.prepared = prepared
            self.finish = finish
        }
    }

    private init() {
        _ = CurlEasyHandle.globalInit
        multi = curl_multi_init().map(Handle.init)
        // libcurl sizes the shared connection cache at 4 per handle being added *now*: between two requests of a
        // quiet client that is 4 for the whole process, and other clients' idle connections pushed its one out.
        if let multi { _ = darkroom_curl_multi_setopt_long(multi.raw, CURLMOPT_MAXCONNECTS, Self.idleConnections) }
    }

    /// Idle connections kept for reuse across the process (S3, Bedrock, the API, a few test servers at once).
    private static let idleConnections = 64

    /// Performs `transfer` on a handle from `pool`; cancelling the task removes it from the multi handle at once.
    func perform(_ transfer: CurlTransfer, pool: CurlHandlePool) async -> Result<HTTPResponse, CurlTransfer.Failure> {
        guard let multi, let handle = pool.take() else { return .failure(.other("libcurl could not create a handle")) }
        let prepared = transfer.prepare(on: handle)
        let key = ObjectIdentifier(prepared)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                submit(Transfer(prepared: prepared) { continuation.resume(returning: $0) }, multi: multi)
            }
        } onCancel: {
            transfer.cancellation.set()
            cancel(key, multi: multi)
        }
        pool.giveBack(handle)
        return outcome
    }

    private func submit(_ transfer: Transfer, multi: Handle) {
        let startDriver = state.withLock { state -> Bool in
            state.submitted.append(transfer)
            defer { state.driverStarted = true }
            return !state.driverStarted
        }
        if startDriver { startThread(multi) }
        wake(multi)
    }

    private func cancel(_ key: ObjectIdentifier, multi: Handle) {
        state.withLock { $0.cancelled.append(key) }
        wake(multi)
    }

    private func wake(_ multi: Handle) {
        work.signal()
        curl_multi_wakeup(multi.raw)
    }

    /// The driver: adds submitted transfers, drops cancelled ones, lets libcurl run them all, and finishes the ones
    /// libcurl reports done; sleeps in `curl_multi_poll` while transfers wait on the network, and on the semaphore
    /// while there are none.
    private func drive(_ multi: Handle) {
        var running: [ObjectIdentifier: Transfer] = [:]
        var byEasyHandle: [UnsafeMutableRawPointer: ObjectIdentifier] = [:]
        while true {
            let (submitted, cancelled) = state.withLock { state in
                defer {
                    state.submitted.removeAll()
                    state.cancelled.removeAll()
                }
                return (state.submitted, state.cancelled)
            }
            for transfer in submitted {
                let key = ObjectIdentifier(transfer.prepared)
                if curl_multi_add_handle(multi.raw, transfer.prepared.handle.raw) == CURLM_OK {
                    running[key] = transfer
                    byEasyHandle[transfer.prepared.handle.raw] = key
                } else {
                    transfer.finish(.failure(.other("libcurl could not start the transfer")))
                }
            }
            for key in cancelled {
                guard let transfer = running.removeValue(forKey: key) else { continue }
                curl_multi_remove_handle(multi.raw, transfer.prepared.handle.raw)
                byEasyHandle.removeValue(forKey: transfer.prepared.handle.raw)
                transfer.finish(.failure(.cancelled))
            }
            var active: Int32 = 0
            curl_multi_perform(multi.raw, &active)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi.raw, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let key = byEasyHandle.removeValue(forKey: easy), let transfer = running.removeValue(forKey: key) else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi.raw, easy)
                transfer.finish(CurlTransfer.outcome(of: transfer.prepared, code: code))
            }
            if running.isEmpty {
                work.wait()
            } else {
                // Wakes for socket activity, libcurl's own timers, or `wake()`; the timeout only bounds a wait.
                curl_multi_poll(multi.raw, nil, 0, 1000, nil)
            }
        }
    }

    private func startThread(_ multi: Handle) {
        let context = Unmanaged.passRetained(Driver(pool: self, multi: multi)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let driver = Unmanaged<Driver>.fromOpaque(context).takeRetainedValue()
            driver.pool.drive(driver.multi)
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Driver>.fromOpaque(context).release()
            // No thread: what was submitted fails with the reason, and the next submission tries again.
            let waiting = state.withLock { state in
                defer {
                    state.submitted.removeAll()
                    state.driverStarted = false
                }
                return state.submitted
            }
            let reason = "no thread for HTTP transfers could be started (\(String(cString: strerror(status))))"
            for transfer in waiting { transfer.finish(.failure(.other(reason))) }
            return
        }
        pthread_detach(thread)
    }

    private final class Driver {
        let pool: CurlMulti
        let multi: Handle
        init(pool: CurlMulti, multi: Handle) {
            self.pool = pool
            self.multi = multi
        }
    }
}
