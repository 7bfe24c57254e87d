/// The fuzz targets: each takes arbitrary bytes to one parser that faces the network or the user's files, and
/// checks what must hold of any answer it gives. A violated check stops the process (`FuzzCheck.fail`), which
/// libFuzzer reports as a crash with the input that caused it.
struct FuzzTarget: Sendable {
    /// The name on the command line (`darkroom-fuzz NAME`, `make fuzz`'s targets).
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    static let all = [
        FuzzTarget(name: "png", run: PNGFuzz.run),
        FuzzTarget(name: "s3-xml", run: S3XMLFuzz.run),
        FuzzTarget(name: "request-body", run: RequestBodyFuzz.run),
        FuzzTarget(name: "lambda-event", run: LambdaEventFuzz.run),
        FuzzTarget(name: "config-files", run: ConfigFilesFuzz.run),
        FuzzTarget(name: "key-decoder", run: KeyDecoderFuzz.run),
        FuzzTarget(name: "sigv4", run: SigV4Fuzz.run),
        FuzzTarget(name: "terminal-replies", run: TerminalRepliesFuzz.run),
        FuzzTarget(name: "search-query", run: SearchQueryFuzz.run),
    ]

    static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}

/// Stops the run when an invariant does not hold; libFuzzer keeps the input as a crash artifact.
enum FuzzCheck {
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz invariant violated: \(message())") }
    }
}
