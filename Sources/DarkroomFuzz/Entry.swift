#if canImport(Glibc)
import Glibc
#endif

/// `darkroom-fuzz TARGET [libFuzzer options and corpus folders…]`.
///
/// Built by `make fuzz` (`-sanitize=fuzzer,address -DDARKROOM_FUZZ`), it hands the rest of the command line to
/// libFuzzer's driver with TARGET's function. In a regular build, `darkroom-fuzz TARGET FILE…` runs TARGET over
/// saved inputs, to reproduce a crash artifact under a debugger or to check a fix.
@main
struct FuzzMain {
    static func main() {
        var arguments = CommandLine.arguments
        guard arguments.count > 1, let target = FuzzTarget.named(arguments[1]) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: "|")
            printError("usage: darkroom-fuzz \(names) [libFuzzer options] [corpus folders or input files…]")
            exit(2)
        }
        selectedTarget = target
        arguments.remove(at: 1)
        #if DARKROOM_FUZZ
        exit(runLibFuzzer(arguments))
        #else
        for path in arguments.dropFirst() where !path.hasPrefix("-") {
            guard let file = fopen(path, "rb") else {
                printError("darkroom-fuzz: cannot read \(path)")
                exit(1)
            }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[0..<count] }
            fclose(file)
            target.run(bytes)
            print("\(target.name): \(path) ok")
        }
        #endif
    }
}

private func printError(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// Set once in `main` before any input runs.
nonisolated(unsafe) private var selectedTarget: FuzzTarget?

#if DARKROOM_FUZZ
/// libFuzzer's driver (from the fuzzer runtime `-sanitize=fuzzer` links): parses its options, runs the inputs.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

private func runLibFuzzer(_ arguments: [String]) -> CInt {
    // The driver keeps pointers into argv for the whole run: these copies are never freed.
    var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var argc = CInt(arguments.count)
    return pointers.withUnsafeMutableBufferPointer { buffer in
        var argv = buffer.baseAddress
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            selectedTarget?.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        }
    }
}
#endif
