#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The S3 calls darkroom needs, signed with SigV4 and sent over `HTTPClient`.
///
/// Path-style addressing (`endpoint/bucket/key`) is used when asked for, when the profile says so, when
/// the endpoint is not AWS's (moto, MinIO, LocalStack) or when the bucket name is not a DNS label;
/// otherwise virtual-hosted style (`bucket.s3.region.amazonaws.com/key`).
public struct S3Client: Sendable {
    public let configuration: AWSConfiguration
    public let http: HTTPClient
    public let forcePathStyle: Bool?
    public var timeouts: HTTPTimeouts
    public var retry: RetryPolicy
    /// Hears about each retry (for the app's job panel).
    public var onRetry: (@Sendable (RetryEvent) -> Void)?

    public init(configuration: AWSConfiguration, http: HTTPClient = .shared, forcePathStyle: Bool? = nil,
                timeouts: HTTPTimeouts = .standard, retry: RetryPolicy = .standard) {
        self.configuration = configuration
        self.http = http
        self.forcePathStyle = forcePathStyle
        self.timeouts = timeouts
        self.retry = retry
    }

    var signer: SigV4Signer {
        SigV4Signer(credentials: configuration.credentials, region: configuration.region, service: "s3", pathRules: .s3)
    }

    // MARK: - Calls

    /// One page of ListObjectsV2.
    public func listObjectsV2(
        bucket: String, prefix: String? = nil, delimiter: String? = nil, maxKeys: Int? = nil,
        continuationToken: String? = nil, startAfter: String? = nil
    ) async throws(S3Error) -> S3ListPage {
        var query: [(name: String, value: String)] = [("list-type", "2"), ("encoding-type", "url")]
        if let prefix { query.append(("prefix", prefix)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let startAfter { query.append(("start-after", startAfter)) }
        let response = try await send("GET", bucket: bucket, key: nil, query: query)
        try check(response, bucket: bucket, key: nil)
        return try Self.parseListPage(response.body)
    }

    /// Every object under `prefix`, page after page, in key order; the next page is fetched while the
    /// consumer handles the current one.
    public func listAllObjects(bucket: String, prefix: String? = nil, pageSize: Int = 1000) -> AsyncThrowingStream<S3Object, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var token: String?
                do {
                    repeat {
                        let page = try await listObjectsV2(bucket: bucket, prefix: prefix, maxKeys: pageSize, continuationToken: token)
                        for object in page.objects { continuation.yield(object) }
                        token = page.isTruncated ? page.nextContinuationToken : nil
                    } while token != nil && !Task.isCancelled
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// The object's bytes, or the bytes in `range` (inclusive offsets).
    public func getObject(bucket: String, key: String, range: ClosedRange<Int>? = nil) async throws(S3Error) -> S3ObjectData {
        var headers = HTTPHeaders()
        if let range { headers["Range"] = "bytes=\(range.lowerBound)-\(range.upperBound)" }
        let response = try await send("GET", bucket: bucket, key: key, headers: headers)
        try check(response, bucket: bucket, key: key)
        var head = S3ObjectHead(headers: response.headers)
        head.size = response.body.count
        let total = response.headers["Content-Range"]
            .flatMap { $0.split(separator: "/").last }.flatMap { Int($0) } ?? response.body.count
        return S3ObjectData(body: response.body, head: head, totalSize: total)
    }

    /// Size, entity tag, content type and user metadata, without the body.
    public func headObject(bucket: String, key: String) async throws(S3Error) -> S3ObjectHead {
        let response = try await send("HEAD", bucket: bucket, key: key)
        try check(response, bucket: bucket, key: key)
        return S3ObjectHead(headers: response.headers)
    }

    /// Stores an object and returns its entity tag; with `ifNoneMatch`, an existing key is
    /// `S3Error.alreadyExists` instead of being overwritten.
    @discardableResult
    public func putObject(
        bucket: String, key: String, body: [UInt8], contentType: String = "application/octet-stream",
        metadata: [String: String] = [:], ifNoneMatch: Bool = false
    ) async throws(S3Error) -> String {
        var headers: HTTPHeaders = ["Content-Type": contentType]
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) {
            headers["x-amz-meta-" + name.lowercased()] = value
        }
        if ifNoneMatch { headers["If-None-Match"] = "*" }
        let response = try await send("PUT", bucket: bucket, key: key, headers: headers, body: body)
        try check(response, bucket: bucket, key: key)
        return Self.unquoted(response.headers["ETag"] ?? "")
    }

    /// Deletes an object (deleting a missing key succeeds, as in S3).
    public func deleteObject(bucket: String, key: String) async throws(S3Error) {
        let response = try await send("DELETE", bucket: bucket, key: key)
        try check(response, bucket: bucket, key: key)
    }

    /// Creates a bucket (in the configured region); an existing bucket you own is not an error.
    public func createBucket(_ bucket: String) async throws(S3Error) {
        var body: [UInt8] = []
        if configuration.region != "us-east-1" {
            body = Array(("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
        }
        let response = try await send("PUT", bucket: bucket, key: nil, body: body)
        if response.awsErrorCode == "BucketAlreadyOwnedByYou" { return }
        try check(response, bucket: bucket, key: nil)
    }

    /// A URL anyone can GET for `expires` (at most 7 days), signed in the query.
    public func presignedGetURL(bucket: String, key: String, expires: Duration, date: Date = Date()) throws(S3Error) -> String {
        let seconds = Int(expires.components.seconds)
        guard (1...604_800).contains(seconds) else {
            throw .invalidArgument("A presigned URL must expire within 1 second to 7 days; \(seconds) s was asked for.")
        }
        let location = try location(bucket: bucket, key: key)
        let unsigned = SignableRequest(method: "GET", path: location.path, headers: ["host": location.authority])
        let signed = signer.presign(unsigned, date: date, expires: seconds, options: .init(payload: .unsigned))
        return location.base + location.path + "?" + SignableRequest.encodeQuery(signed.request.query)
    }

    // MARK: - Requests

    /// Where a bucket/key lives: `base` is `scheme://authority`, `path` the encoded path.
    struct Location {
        var base: String
        var authority: String
        var path: String
    }

    func usesPathStyle(bucket: String, endpoint: URLParts) -> Bool {
        if let forcePathStyle { return forcePathStyle }
        if let configured = configuration.s3PathStyle { return configured }
        let isAWS = endpoint.host.hasSuffix(".amazonaws.com")
        let isDNSLabel = bucket.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !bucket.isEmpty
        return !isAWS || !isDNSLabel
    }

    func location(bucket: String, key: String?) throws(S3Error) -> Location {
        let endpointURL = configuration.endpoint(for: .s3)
        guard let endpoint = URLParts(endpointURL) else { throw .transport(.invalidURL(endpointURL)) }
        let basePath = endpoint.path == "/" ? "" : endpoint.path
        let keyPath = key.map { "/" + PercentEncoding.encode($0, keepingSlashes: true) } ?? ""
        if usesPathStyle(bucket: bucket, endpoint: endpoint) {
            let path = basePath + "/" + PercentEncoding.encode(bucket) + (key == nil ? "" : keyPath)
            return Location(base: endpoint.scheme + "://" + endpoint.authority, authority: endpoint.authority, path: path)
        }
        let authority = bucket + "." + endpoint.authority
        return Location(base: endpoint.scheme + "://" + authority, authority: authority, path: basePath + (key == nil ? "/" : keyPath))
    }

    private func send(
        _ method: String, bucket: String, key: String?, query: [(name: String, value: String)] = [],
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []
    ) async throws(S3Error) -> HTTPResponse {
        let location = try location(bucket: bucket, key: key)
        var url = location.base + location.path
        if !query.isEmpty { url += "?" + SignableRequest.encodeQuery(query) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        do {
            let signed = try request.signed(with: signer, date: Date(), options: .init(payload: .hashed, addsContentHashHeader: true))
            return try await http.send(signed, timeouts: timeouts, retry: retry, onRetry: onRetry)
        } catch {
            throw .transport(error)
        }
    }

    /// Turns an error response into a typed error; success passes through.
    private func check(_ response: HTTPResponse, bucket: String, key: String?) throws(S3Error) {
        guard response.status >= 300 else { return }
        let document = XMLTree.parse(response.body)
        let code = document?.text(of: "Code") ?? ""
        let message = document?.text(of: "Message") ?? ""
        switch (code, response.status) {
        case ("NoSuchKey", _):
            throw .noSuchKey(bucket: bucket, key: key ?? "")
        case ("NoSuchBucket", _):
            throw .noSuchBucket(bucket)
        case ("", 404):
            // HEAD responses have no body: without a code, a missing key and a missing bucket look alike.
            if let key { throw .noSuchKey(bucket: bucket, key: key) }
            throw .noSuchBucket(bucket)
        case ("AccessDenied", _), ("", 403):
            throw .accessDenied(message.isEmpty ? "HTTP 403" : message)
        case ("PreconditionFailed", _), ("", 412):
            throw .alreadyExists(bucket: bucket, key: key ?? "")
        case ("SlowDown", _):
            throw .slowDown
        case ("InvalidAccessKeyId", _), ("SignatureDoesNotMatch", _), ("ExpiredToken", _), ("InvalidToken", _):
            throw .invalidCredentials(code: code)
        case ("InvalidRange", _), ("", 416):
            throw .invalidRange
        default:
            throw .service(status: response.status, code: code.isEmpty ? "(no code)" : code, message: message)
        }
    }

    // MARK: - Parsing

    /// Parses a ListObjectsV2 response body (public for the listing benchmark, which times it alone).
    public static func parseListPage(_ body: [UInt8]) throws(S3Error) -> S3ListPage {
        guard let document = XMLTree.parse(body), document.name == "ListBucketResult" else {
            throw .invalidResponse("the listing is not a ListBucketResult document")
        }
        // encoding-type=url: S3 percent-encodes keys (spaces as `+`) so any key survives XML.
        let encoded = document.text(of: "EncodingType") == "url"
        func decode(_ text: String) -> String {
            encoded ? PercentEncoding.decode(text.replacing("+", with: " ")) : text
        }
        var objects: [S3Object] = []
        objects.reserveCapacity(document.children.count)
        for entry in document.children("Contents") {
            guard let key = entry.text(of: "Key"), let modified = entry.text(of: "LastModified").flatMap(S3Timestamp.parseISO8601)
            else { throw .invalidResponse("a listing entry has no key or modification time") }
            // A size is a byte count: a negative or unreadable one would pass on as nonsense (the gallery's sizes,
            // the catalog's rows), so the page is refused. An entry without one counts as empty.
            let size = try entry.text(of: "Size").map { text throws(S3Error) in
                guard let bytes = Int(text), bytes >= 0 else { throw .invalidResponse("the listing entry \(key) has the size '\(text)', not a byte count") }
                return bytes
            } ?? 0
            objects.append(S3Object(key: decode(key), size: size, lastModified: modified, etag: unquoted(entry.text(of: "ETag") ?? "")))
        }
        return S3ListPage(
            objects: objects,
            commonPrefixes: document.children("CommonPrefixes").compactMap { $0.text(of: "Prefix") }.map(decode),
            isTruncated: document.text(of: "IsTruncated") == "true",
            nextContinuationToken: document.text(of: "NextContinuationToken"))
    }

    static func unquoted(_ etag: String) -> String {
        etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count >= 2 ? String(etag.dropFirst().dropLast()) : etag
    }
}
