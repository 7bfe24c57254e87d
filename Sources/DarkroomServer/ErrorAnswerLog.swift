import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Hummingbird

/// One line for each error answer the local stack gives: method, path, status and the answer's own sentence
/// (`error` in darkroom's answers, `message` in Bedrock's), e.g. `POST /elsewhere 404: There is no route …`.
struct ErrorAnswerLog: Sendable {
    /// Takes each line (without a line feed); nil writes nothing.
    let write: (@Sendable (String) -> Void)?

    /// `answer` as Hummingbird's response, its line written first when it is an error.
    func answer(_ answer: BackendResponse, to request: Request) -> Response {
        if let write, answer.status >= 400 {
            let fields = try? JSONDecoder().decode(ReasonFields.self, from: Data(answer.body))
            let reason = fields?.error ?? fields?.message ?? "(the answer gives no reason)"
            // The path and the reason may quote what a client sent; the line shows controls rather than sending them.
            write("\(request.method) \(request.uri.path) \(answer.status): \(reason)".escapingControlCharacters(includingLineBreaks: true))
        }
        return HTTPBridge.response(answer)
    }

    private struct ReasonFields: Decodable {
        let error: String?
        let message: String?
    }
}
