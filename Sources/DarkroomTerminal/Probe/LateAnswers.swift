/// The capability probe's answers that missed its deadline, gathered as they arrive among the app's input (its
/// key decoder hands each terminal report over whole). Once DA1, which the batch asks last, is among them, every
/// answer that will come has come, and the probe decides again with them.
public struct LateAnswers: Sendable {
    private var facts: CapabilityProbe.Facts

    init(facts: CapabilityProbe.Facts) {
        self.facts = facts
    }

    /// Adds one report (`ESC`, its introducer and the rest); the capabilities decided with every answer once DA1
    /// has come, nil before.
    public mutating func add(report: [UInt8]) -> TerminalCapabilities? {
        let replies = (facts.replies ?? TerminalReplies()).adding(TerminalReplies.parse(report))
        facts.replies = replies
        guard replies.isComplete else { return nil }
        var capabilities = CapabilityProbe.decide(facts)
        capabilities.reasons.append("the answers above came after the probe's deadline, once the app had started")
        return capabilities
    }
}

extension TerminalReplies {
    /// These replies with the answers in `later` that these lack (the first answer to each query counts).
    func adding(_ later: TerminalReplies) -> TerminalReplies {
        TerminalReplies(terminalVersion: terminalVersion ?? later.terminalVersion, kitty: kitty ?? later.kitty,
                        cellPixels: cellPixels ?? later.cellPixels, deviceAttributes: deviceAttributes ?? later.deviceAttributes,
                        background: background ?? later.background, other: other + later.other,
                        endsInsideSequence: later.endsInsideSequence)
    }
}
