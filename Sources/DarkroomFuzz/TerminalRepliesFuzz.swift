import DarkroomTerminal

/// The capability probe's reply parser over whatever a terminal (or a user typing during the probe) sends back.
enum TerminalRepliesFuzz {
    static func run(_ bytes: [UInt8]) {
        let replies = TerminalReplies.parse(bytes)
        FuzzCheck.require(replies.other.count <= bytes.count, "left-over bytes come from the input")
        FuzzCheck.require(TerminalReplies.parse(bytes) == replies, "parsing is a pure function of the bytes")
    }
}
