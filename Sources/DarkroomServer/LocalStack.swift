import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The local stack: the backend's routes on a loopback HTTP server, started in-process by `darkroom serve`
/// and by the app in `local` mode.
///
/// Routes: `POST /image-generation` (the handler), `POST /model/{modelId}/invoke` (Bedrock Runtime's
/// InvokeModel, answered by a `ModelInvoking`), `GET /health`.
public struct LocalStack: Sendable {
    /// The address the stack binds to unless told otherwise: loopback only.
    public static let defaultHost = "127.0.0.1"
    /// The port `darkroom serve` listens on unless told otherwise.
    public static let defaultPort = 8765

    /// How long a connection may send nothing before it is closed.
    public static let defaultIdleTimeout: Duration = .seconds(30)
    /// The largest request head (all header lines) accepted; SigV4-signed requests need about 2 KB.
    public static let maxHeaderBytes = 32 * 1024
    /// The most header lines one request may have.
    public static let maxHeaderCount = 100

    /// The interface it listens on.
    public let host: String
    /// The port it listens on (the kernel's choice when started with port 0).
    public let port: Int
    private let services: ServiceGroup
    private let server: Task<Void, any Error>

    /// `http://host:port`, the base URL clients use.
    public var baseURL: String { "http://\(host):\(port)" }

    /// The complete local stack over the folder bucket at `bucket`: the image-generation handler with the
    /// local preview engine, asynchronous requests run as background tasks of this process. `errorLog` takes one
    /// line per error answer: method, path, status and the answer's sentence (`POST /elsewhere 404: There is no route …`).
    public static func start(
        bucket: URL, host: String = defaultHost, port: Int = 0, logLevel: Logger.Level = .warning, stopsOnSignals: Bool = false,
        idleTimeout: Duration = defaultIdleTimeout, errorLog: (@Sendable (String) -> Void)? = nil
    ) async throws(LocalStackError) -> LocalStack {
        try await start(host: host, port: port, router: router(bucket: bucket, errorLog: errorLog), logLevel: logLevel,
                        stopsOnSignals: stopsOnSignals, idleTimeout: idleTimeout)
    }

    /// The complete stack's routes over the folder bucket at `bucket`, as `start(bucket:)` serves them (tests
    /// drive them without a socket through HummingbirdTesting).
    public static func router(bucket: URL, errorLog: (@Sendable (String) -> Void)? = nil) throws(LocalStackError) -> Router<BasicRequestContext> {
        let store: DirectoryStorage
        do {
            store = try DirectoryStorage(root: bucket)
        } catch {
            throw .bucketUnavailable(path: bucket.path, reason: error.description)
        }
        let engine = LocalPreviewEngine()
        // The job runner needs no dispatcher of its own: it only runs jobs that were already accepted.
        let jobRunner = ImageGenerationHandler(store: store, model: engine)
        let dispatcher = BackgroundTaskDispatcher { job in
            _ = await jobRunner.handle(BackendRequest(
                method: "POST", path: ImageGenerationHandler.jobPath,
                headers: [LambdaEvent.directInvocationHeader: "1"], body: job.eventPayload()
            ))
        }
        let handler = ImageGenerationHandler(store: store, model: engine, dispatcher: dispatcher)
        return router(handler: handler, model: engine, errorLog: errorLog)
    }

    /// The routes over `handler` and `model`; `modelRequestObserver` sees each InvokeModel request as it
    /// arrives (headers included), so a client's signing can be checked; `errorLog` takes one line per error answer.
    public static func router(
        handler: some RequestHandling, model: some ModelInvoking, modelRequestObserver: (@Sendable (BackendRequest) -> Void)? = nil,
        errorLog: (@Sendable (String) -> Void)? = nil
    ) -> Router<BasicRequestContext> {
        LocalStackRoutes.router(handler: handler, model: model, modelRequestObserver: modelRequestObserver, errorLog: errorLog)
    }

    /// Starts listening and returns once the port is bound; `port` 0 asks for any free port.
    /// `modelRequestObserver` sees each InvokeModel request as it arrives (headers included), so a client's
    /// signing can be checked. With `stopsOnSignals`, SIGINT and SIGTERM stop it gracefully (for `darkroom serve`).
    /// A connection that sends nothing for `idleTimeout` is closed.
    public static func start(
        host: String = defaultHost, port: Int = 0, handler: some RequestHandling, model: some ModelInvoking,
        logLevel: Logger.Level = .warning, modelRequestObserver: (@Sendable (BackendRequest) -> Void)? = nil,
        stopsOnSignals: Bool = false, idleTimeout: Duration = defaultIdleTimeout
    ) async throws(LocalStackError) -> LocalStack {
        try await start(host: host, port: port, router: router(handler: handler, model: model, modelRequestObserver: modelRequestObserver),
                        logLevel: logLevel, stopsOnSignals: stopsOnSignals, idleTimeout: idleTimeout)
    }

    private static func start(
        host: String, port: Int, router: Router<BasicRequestContext>, logLevel: Logger.Level, stopsOnSignals: Bool, idleTimeout: Duration
    ) async throws(LocalStackError) -> LocalStack {
        var logger = Logger(label: "darkroom.local-stack")
        logger.logLevel = logLevel
        let (bound, announce) = AsyncThrowingStream.makeStream(of: Int.self)
        // Bounded per connection, so idle or hostile clients cannot hold the server: an idle connection is closed,
        // and a request head larger than any real client sends is refused (NIO answers 431 or 400 and closes).
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .nanoseconds(Int64(idleTimeout / .nanoseconds(1))),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: maxHeaderBytes, maxHeaderListSize: maxHeaderBytes, maxHeaderFieldCount: maxHeaderCount)
        )
        let application = Application(
            router: router,
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(host, port: port), serverName: "darkroom-local-stack", backlog: 1024),
            onServerRunning: { channel in
                announce.yield(channel.localAddress?.port ?? port)
            },
            logger: logger
        )
        // Our own service group, so `stop()` can shut down gracefully instead of cancelling connections. A stop signal
        // `serve` was started with ignored is not watched: a script's `darkroom serve &` outlives a Ctrl-C.
        let stopSignals = stopsOnSignals ? [UnixSignal.sigint, .sigterm].filter { !InheritedSignals.isIgnored($0.rawValue) } : []
        let services = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: stopSignals, logger: logger))
        let server = Task {
            do {
                try await services.run()
                announce.finish()
            } catch {
                announce.finish(throwing: error)
                throw error
            }
        }
        do {
            for try await boundPort in bound {
                return LocalStack(host: host, port: boundPort, services: services, server: server)
            }
            throw LocalStackError.cannotListen(host: host, port: port, reason: "the server stopped before listening")
        } catch let error as LocalStackError {
            throw error
        } catch where error is SocketAddressError || error is SocketAddressError.UnknownHost {
            // An unresolvable name (or 999.1.1.1): another port would not help, as the old advice said.
            throw .cannotListen(host: host, port: port, reason: "no address of this machine has that name", addressIsForeign: true)
        } catch let error as IOError {
            // NIO's description names the system call and the errno; a person needs the system's sentence.
            throw .cannotListen(host: host, port: port, reason: String(cString: strerror(error.errnoCode)),
                                addressIsForeign: error.errnoCode == EADDRNOTAVAIL)
        } catch {
            throw .cannotListen(host: host, port: port, reason: String(describing: error))
        }
    }

    /// Serves until stopped: by `stop()`, by cancelling the surrounding task, or by a signal when started with
    /// `stopsOnSignals`. Requests in flight finish first.
    public func waitUntilStopped() async throws {
        try await withTaskCancellationHandler {
            try await server.value
        } onCancel: {
            Task { await services.triggerGracefulShutdown() }
        }
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when the server is down.
    public func stop() async {
        await services.triggerGracefulShutdown()
        _ = await server.result
    }
}
