import Testing
@testable import DarkroomAWS

/// Every error type Bedrock documents maps to its reason, and each reason reads as one sentence with Bedrock's
/// own message in it and what to do after it.
struct BedrockErrorTests {
    static let sentences: [(errorType: String, sentence: String)] = [
        ("ValidationException", "Bedrock rejected the request (the message); check the model's parameters."),
        ("AccessDeniedException",
         "Bedrock denied access (the message); enable the model in the Bedrock console and check the IAM policy."),
        ("ThrottlingException", "Bedrock is throttling requests (the message); wait a moment and try again."),
        ("TooManyRequestsException", "Bedrock is throttling requests (the message); wait a moment and try again."),
        ("ServiceQuotaExceededException", "Bedrock is throttling requests (the message); wait a moment and try again."),
        ("ModelTimeoutException", "The model took too long (the message); try again or lower the steps."),
        ("ServiceUnavailableException", "Bedrock is unavailable (the message); try again later."),
        ("ModelNotReadyException", "The model is not ready yet (the message); try again in a minute."),
        ("ResourceNotFoundException", "Bedrock does not know this model here (the message); check the model id and region."),
        ("ModelErrorException", "The model failed (the message); try other parameters."),
        ("ModelStreamErrorException", "The model failed (the message); try other parameters."),
        ("InternalServerException", "Bedrock had an internal error (the message); try again later."),
        ("ExpiredTokenException", "Bedrock refused the credentials (ExpiredTokenException); check the access key, secret and clock."),
        ("SomethingNewException", "Bedrock answered HTTP 400 SomethingNewException: the message."),
    ]

    @Test(arguments: sentences)
    func anErrorTypeReadsAsItsSentence(_ errorType: String, _ sentence: String) {
        var headers = HTTPHeaders()
        headers["x-amzn-errortype"] = errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/"
        let error = BedrockError(response: HTTPResponse(status: 400, headers: headers, body: Array(#"{"message": "the message"}"#.utf8)))
        #expect(error.description == sentence)
    }

    @Test func everyReasonHasAnErrorTypeOfItsOwn() {
        let named = Self.sentences.compactMap { BedrockError.Reason(errorType: $0.errorType) }
        #expect(Set(named) == Set(BedrockError.Reason.allCases))
    }
}
