import Foundation
import Testing
@testable import DarkroomServer

/// The InvokeModel route's model id, decoded as Foundation's `removingPercentEncoding` decodes it.
@Suite struct PercentDecodingTests {
    @Test(arguments: ["amazon.titan-image-generator-v2%3A0", "arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fx", "plain",
                      "caf%C3%A9", "%e2%9c%93", "", "100%", "%4", "%zz", "%FF", "a%2"])
    func escapesDecodeAsFoundationDecodesThem(text: String) {
        #expect(text.removingPercentEscapes == text.removingPercentEncoding)
    }
}
