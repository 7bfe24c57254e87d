/// How one error's message takes in another's. darkroom's messages are whole sentences that end with what to do;
/// put in another message's parentheses, with that message's advice after them, they nested: "The generation
/// failed (The model could not be reached (Could not connect to 127.0.0.1:9 (3 attempts); check the endpoint,
/// network and proxy settings.); check the network and endpoint.); try again."
public enum ErrorSentence {
    /// Whether `text` is one of darkroom's own messages rather than a server's words: a sentence that goes on
    /// after a semicolon or colon ("…; check the endpoint." or "The model failed: …") and ends with a full stop.
    public static func isComplete(_ text: String) -> Bool {
        text.hasSuffix(".") && (text.contains("; ") || text.contains(": "))
    }

    /// `detail` without its closing full stop, to end another sentence that adds its own: "The store failed: \(…)."
    /// with a detail that is a sentence already ("…; check the endpoint.") has one full stop, not two.
    public static func clause(_ detail: String) -> String {
        detail.hasSuffix(".") ? String(detail.dropLast()) : detail
    }

    /// `lead (detail); advice.` for a server's words; `lead: detail` for a complete message, whose own advice
    /// stands.
    public static func wrapping(_ detail: String, lead: String, advice: String) -> String {
        isComplete(detail) ? "\(lead): \(detail)" : "\(lead) (\(detail)); \(advice)."
    }

    /// `lead (detail); advice.` for a server's words; a complete message alone: it already says what failed and
    /// what to do (a client reading darkroom's own handler's answer).
    public static func replacing(_ detail: String, lead: String, advice: String) -> String {
        isComplete(detail) ? detail : "\(lead) (\(detail)); \(advice)."
    }
}
