import DarkroomBackend
import DarkroomCore
import Foundation
import Hummingbird

/// One line for each error answer the local stack gives: method, path, status and the answer's own sentence
/// (`error` in darkroom's answers, `message` in Bedrock's), e.g. `POST /elsewhere 404: There is no route …`.
struct ErrorAnswerLog: Sendable {
    /// Takes each line (without a line feed); nil writes nothing.
    let write: (@Sendable (String) -> Void)?

    /// `answer` as Hummingbird's response, its line written first when it is an error.
    func answer(_ answer: BackendResponse, to request: Request) -> Response {
        if let write, answer.status >= 400 {
            let fields = (try? JSONSerialization.jsonObject(with: Data(answer.body))) as? [String: Any]
            let reason = (fields?["error"] ?? fields?["message"]) as? String ?? "(the answer gives no reason)"
            // The path and the reason may quote what a client sent; the line shows controls rather than sending them.
            write("\(request.method) \(request.uri.path) \(answer.status): \(reason)".escapingControlCharacters(includingLineBreaks: true))
        }
        return HTTPBridge.response(answer)
    }
}
