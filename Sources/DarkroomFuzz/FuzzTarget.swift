/// The fuzz targets: each takes arbitrary bytes to one parser that faces the network or the user's files, and
/// checks what must hold of any answer it gives. A violated check stops the process (`FuzzCheck.fail`), which
/// libFuzzer reports as a crash with the input that caused it.
enum FuzzTarget: String, CaseIterable {
    case png = "png"
    case s3XML = "s3-xml"
    case requestBody = "request-body"
    case lambdaEvent = "lambda-event"
    case configFiles = "config-files"
    case keyDecoder = "key-decoder"
    case sigV4 = "sigv4"
    case terminalReplies = "terminal-replies"

    func run(_ bytes: [UInt8]) {
        switch self {
        case .png: PNGFuzz.run(bytes)
        case .s3XML: S3XMLFuzz.run(bytes)
        case .requestBody: RequestBodyFuzz.run(bytes)
        case .lambdaEvent: LambdaEventFuzz.run(bytes)
        case .configFiles: ConfigFilesFuzz.run(bytes)
        case .keyDecoder: KeyDecoderFuzz.run(bytes)
        case .sigV4: SigV4Fuzz.run(bytes)
        case .terminalReplies: TerminalRepliesFuzz.run(bytes)
        }
    }
}

/// Stops the run when an invariant does not hold; libFuzzer keeps the input as a crash artifact.
enum FuzzCheck {
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant violated: \(message())") }
    }
}
