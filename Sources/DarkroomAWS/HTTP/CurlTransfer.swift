import CCurl
import Synchronization

/// One request on an easy handle: set up here, performed by `CurlMulti` (the process's one multi handle), its
/// outcome read back here when libcurl reports it done.
struct CurlTransfer {
    /// What went wrong below HTTP, before the retry decision.
    enum Failure: Error, Equatable {
        case cannotConnect
        case timedOut
        case connectionLost
        case tls(String)
        case cancelled
        case other(String)

        var retryable: Bool {
            switch self {
            case .cannotConnect, .timedOut, .connectionLost: return true
            case .tls, .cancelled, .other: return false
            }
        }

        var reason: String {
            switch self {
            case .cannotConnect: return "could not connect"
            case .timedOut: return "timed out"
            case .connectionLost: return "connection lost"
            case .tls(let detail): return "TLS failure: \(detail)"
            case .cancelled: return "cancelled"
            case .other(let detail): return detail
            }
        }
    }

    /// Settings that come from the environment rather than from each request.
    struct Settings: Sendable {
        var httpProxy: String?
        var httpsProxy: String?
        var noProxy: String?
        var caBundle: String?
    }

    let request: HTTPRequest
    let timeouts: HTTPTimeouts
    let settings: Settings
    let cancellation: CancellationFlag

    /// Collects the response as libcurl hands it over; owned by the transfer, passed to callbacks unretained.
    final class Sink {
        var status = 0
        var headers = HTTPHeaders()
        var body: [UInt8] = []
        let cancellation: CancellationFlag

        init(cancellation: CancellationFlag) {
            self.cancellation = cancellation
        }
    }

    /// What a transfer in flight owns until libcurl is done with it: the response collected so far, the header
    /// list and a copy of the body (libcurl reads both while the transfer runs, long after `prepare` returns).
    final class Prepared: @unchecked Sendable {
        let handle: CurlEasyHandle
        let sink: Sink
        fileprivate var headerList: UnsafeMutablePointer<curl_slist>?
        fileprivate var body: UnsafeMutableBufferPointer<UInt8>

        fileprivate init(handle: CurlEasyHandle, sink: Sink, body: [UInt8]) {
            self.handle = handle
            self.sink = sink
            self.body = .allocate(capacity: max(1, body.count))
            _ = self.body.initialize(from: body)
        }

        deinit {
            curl_slist_free_all(headerList)
            body.deallocate()
        }
    }

    /// Sets up `handle` for the request (options, callbacks), ready to be added to a multi handle.
    func prepare(on handle: CurlEasyHandle) -> Prepared {
        let prepared = Prepared(handle: handle, sink: Sink(cancellation: cancellation), body: request.body)
        let curl = handle.raw
        for field in request.headers {
            prepared.headerList = curl_slist_append(prepared.headerList, "\(field.name): \(field.value)")
        }
        // libcurl adds these on its own; the signature does not cover them and S3 would store the type.
        if request.headers["Content-Type"] == nil { prepared.headerList = curl_slist_append(prepared.headerList, "Content-Type:") }
        prepared.headerList = curl_slist_append(prepared.headerList, "Expect:")

        let context = Unmanaged.passUnretained(prepared.sink).toOpaque()
        // String options are copied by libcurl; the body is not (POSTFIELDS), so it points into `prepared`.
        darkroom_curl_setopt_pointer(curl, CURLOPT_URL, request.url)
        darkroom_curl_setopt_long(curl, CURLOPT_NOSIGNAL, 1)
        darkroom_curl_setopt_long(curl, CURLOPT_PROTOCOLS, Int(CURLPROTO_HTTP | CURLPROTO_HTTPS))
        darkroom_curl_setopt_int64(curl, CURLOPT_CONNECTTIMEOUT_MS, curl_off_t(Self.milliseconds(timeouts.connect)))
        // No data for `read` seconds fails the transfer: a read timeout that also covers the wait for headers.
        darkroom_curl_setopt_long(curl, CURLOPT_LOW_SPEED_LIMIT, 1)
        darkroom_curl_setopt_long(curl, CURLOPT_LOW_SPEED_TIME, max(1, Int(Self.milliseconds(timeouts.read) / 1000)))
        darkroom_curl_setopt_pointer(curl, CURLOPT_HTTPHEADER, prepared.headerList)
        configureMethod(curl, body: UnsafeBufferPointer(rebasing: prepared.body[..<request.body.count]))
        configureEnvironment(curl)
        darkroom_curl_setopt_write_function(curl, CURLOPT_WRITEFUNCTION, Self.receiveBody)
        darkroom_curl_setopt_pointer(curl, CURLOPT_WRITEDATA, context)
        darkroom_curl_setopt_write_function(curl, CURLOPT_HEADERFUNCTION, Self.receiveHeader)
        darkroom_curl_setopt_pointer(curl, CURLOPT_HEADERDATA, context)
        darkroom_curl_setopt_long(curl, CURLOPT_NOPROGRESS, 0)
        darkroom_curl_setopt_xferinfo_function(curl, Self.checkCancellation)
        darkroom_curl_setopt_pointer(curl, CURLOPT_XFERINFODATA, context)
        return prepared
    }

    /// The outcome of a finished transfer, from libcurl's result code and what the callbacks collected.
    static func outcome(of prepared: Prepared, code: CURLcode) -> Result<HTTPResponse, Failure> {
        guard code == CURLE_OK else { return .failure(failure(for: code)) }
        var status = 0
        darkroom_curl_getinfo_long(prepared.handle.raw, CURLINFO_RESPONSE_CODE, &status)
        return .success(HTTPResponse(status: status, headers: prepared.sink.headers, body: prepared.sink.body))
    }

    private func configureMethod(_ curl: UnsafeMutableRawPointer, body: UnsafeBufferPointer<UInt8>) {
        switch request.method.uppercased() {
        case "GET" where body.isEmpty:
            darkroom_curl_setopt_long(curl, CURLOPT_HTTPGET, 1)
        case "HEAD":
            darkroom_curl_setopt_long(curl, CURLOPT_NOBODY, 1)
        default:
            if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(request.method.uppercased()) {
                // POSTFIELDS with an explicit size sends the bytes as they are, empty bodies included.
                darkroom_curl_setopt_int64(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
                if let bytes = body.baseAddress {
                    darkroom_curl_setopt_pointer(curl, CURLOPT_POSTFIELDS, bytes)
                } else {
                    // Size 0: libcurl never reads through the pointer, it only needs one to send a body.
                    darkroom_curl_setopt_pointer(curl, CURLOPT_POSTFIELDS, "")
                }
            }
            darkroom_curl_setopt_pointer(curl, CURLOPT_CUSTOMREQUEST, request.method.uppercased())
        }
    }

    private func configureEnvironment(_ curl: UnsafeMutableRawPointer) {
        let isHTTPS = request.url.lowercased().hasPrefix("https:")
        if let proxy = isHTTPS ? settings.httpsProxy : settings.httpProxy {
            darkroom_curl_setopt_pointer(curl, CURLOPT_PROXY, proxy)
        }
        if let noProxy = settings.noProxy {
            darkroom_curl_setopt_pointer(curl, CURLOPT_NOPROXY, noProxy)
        }
        if let caBundle = settings.caBundle {
            darkroom_curl_setopt_pointer(curl, CURLOPT_CAINFO, caBundle)
        }
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    private static func failure(for code: CURLcode) -> Failure {
        switch code {
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .cannotConnect
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_GOT_NOTHING, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE:
            return .connectionLost
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            return .tls(String(cString: curl_easy_strerror(code)))
        default:
            return .other(String(cString: curl_easy_strerror(code)))
        }
    }

    // MARK: - libcurl callbacks (C function pointers: no captures, the sink comes through the user pointer)

    private static let receiveBody: curl_write_callback = { data, size, count, user in
        guard let data, let user else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
        let length = size * count
        data.withMemoryRebound(to: UInt8.self, capacity: length) {
            sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
        }
        return length
    }

    private static let receiveHeader: curl_write_callback = { data, size, count, user in
        guard let data, let user else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
        let length = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }.trimming(["\r\n", "\r", "\n"])
        if line.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a redirect) starts a new header block.
            sink.headers = HTTPHeaders()
        } else if let colon = line.firstIndex(of: ":") {
            sink.headers.add(
                name: String(line[..<colon]),
                value: line[line.index(after: colon)...].trimming([" ", "\t"]))
        }
        return length
    }

    private static let checkCancellation: curl_xferinfo_callback = { user, _, _, _, _ in
        guard let user else { return 0 }
        let sink = Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue()
        return sink.cancellation.isSet ? 1 : 0
    }
}

/// Set when the task awaiting a transfer is cancelled; the transfer's progress callback checks it.
final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    var isSet: Bool { value.load(ordering: .relaxed) }

    func set() { value.store(true, ordering: .relaxed) }
}
