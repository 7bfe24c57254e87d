import DarkroomAWS
import Foundation
import Testing

/// The InvokeModel route's model id goes through the SigV4 decoder: for the escapes a client sends, it decodes as
/// Foundation's `removingPercentEncoding` does (a malformed `%` it keeps as it is, where Foundation gives up).
@Suite struct PercentDecodingTests {
    @Test(arguments: ["amazon.titan-image-generator-v2%3A0", "arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fx", "plain",
                      "caf%C3%A9", "%e2%9c%93", ""])
    func escapesDecodeAsFoundationDecodesThem(text: String) {
        #expect(PercentEncoding.decode(text) == text.removingPercentEncoding)
    }
}
