import DarkroomAWS
import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// The local stack's routes, separate from the server so they read as a list.
enum LocalStackRoutes {
    static let health = LocalStackRoute(method: .get, path: "health")
    static let imageGeneration = LocalStackRoute(method: .post, path: "image-generation")
    /// Bedrock Runtime's InvokeModel, so the `bedrock` backend and AWS SDKs run against the local engine
    /// (AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:PORT).
    static let invokeModel = LocalStackRoute(method: .post, path: "model/:modelId/invoke")
    /// Every route, in the order a 404 names them.
    static let all = [health, imageGeneration, invokeModel]

    /// The largest body `/image-generation` reads; the handler refuses bodies over its own, smaller limit itself.
    static let imageGenerationBodyLimit = 16 << 20
    /// Bedrock Runtime's limit on an InvokeModel body (the API's `body` member: at most 25,000,000 bytes).
    static let invokeModelBodyLimit = 25_000_000

    /// `errorLog` takes one line per error answer (see `ErrorAnswerLog`).
    static func router(
        handler: some RequestHandling, model: some ModelInvoking, modelRequestObserver: (@Sendable (BackendRequest) -> Void)? = nil,
        errorLog: (@Sendable (String) -> Void)? = nil
    ) -> Router<BasicRequestContext> {
        let log = ErrorAnswerLog(write: errorLog)
        let router = Router()
        // Added first, so it also sees what no route takes.
        router.add(middleware: RouteRefusalMiddleware(routes: all, log: log))
        router.on(health.routerPath, method: health.method) { _, _ in
            HTTPBridge.json(status: 200, Array(#"{"status":"ok"}"#.utf8))
        }
        router.on(imageGeneration.routerPath, method: imageGeneration.method) { request, _ in
            let backendRequest = try await HTTPBridge.backendRequest(request, maxBodyBytes: imageGenerationBodyLimit)
            return log.answer(await handler.handle(backendRequest), to: request)
        }
        router.on(invokeModel.routerPath, method: invokeModel.method) { request, context in
            let raw = try context.parameters.require("modelId")
            let modelID = ModelID(rawValue: PercentEncoding.decode(raw))
            let invocation: BackendRequest
            do {
                invocation = try await HTTPBridge.backendRequest(request, maxBodyBytes: invokeModelBodyLimit)
            } catch RouteRefusal.bodyTooLarge(let limit, _) {
                // Bedrock refuses a body over its limit as it refuses any other invalid member: a ValidationException.
                let error = ModelInvocationError.validation("The request body is larger than \(limit) bytes, the most InvokeModel accepts.")
                return log.answer(BedrockErrorResponse(error).backendResponse, to: request)
            }
            modelRequestObserver?(invocation)
            do throws(ModelInvocationError) {
                let answer = try await model.invokeModel(id: modelID, body: invocation.body)
                return HTTPBridge.json(status: 200, answer.body, headers: [ModelResponse.engineHeader: answer.engine])
            } catch {
                return log.answer(BedrockErrorResponse(error).backendResponse, to: request)
            }
        }
        return router
    }
}
