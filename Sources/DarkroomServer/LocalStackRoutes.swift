import DarkroomBackend
import DarkroomCore
import Foundation
import Hummingbird

/// The local stack's routes, separate from the server so they read as a list.
enum LocalStackRoutes {
    static func router(
        handler: some RequestHandling, model: some ModelInvoking, modelRequestObserver: (@Sendable (BackendRequest) -> Void)? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("health") { _, _ in
            HTTPBridge.json(status: 200, Array(#"{"status":"ok"}"#.utf8))
        }
        router.post("image-generation") { request, _ in
            let backendRequest = try await HTTPBridge.backendRequest(request)
            return HTTPBridge.response(await handler.handle(backendRequest))
        }
        // Bedrock Runtime's InvokeModel, so the `bedrock` backend and AWS SDKs run against the local engine
        // (AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:PORT).
        router.post("model/:modelId/invoke") { request, context in
            let raw = try context.parameters.require("modelId")
            let modelID = ModelID(rawValue: raw.removingPercentEncoding ?? raw)
            let invocation = try await HTTPBridge.backendRequest(request)
            modelRequestObserver?(invocation)
            do throws(ModelInvocationError) {
                let answer = try await model.invokeModel(id: modelID, body: invocation.body)
                return HTTPBridge.json(status: 200, answer)
            } catch {
                return HTTPBridge.response(BedrockErrorResponse(error).backendResponse)
            }
        }
        return router
    }
}
