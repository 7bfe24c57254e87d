#if canImport(Glibc)
import Glibc
#endif
import Testing
import DarkroomBackend

/// The runtime contract's trace export, each case in a process of its own (an exit test): `setenv` in this one would
/// move the environment while the suites running beside it read it.
@Suite struct TraceExportTests {
    @Test func eachInvocationsTraceReplacesTheLastAndOneWithoutRemovesIt() async {
        await #expect(processExitsWith: .success) {
            func exported() -> String? {
                getenv(LambdaTrace.environmentVariable).map { String(cString: $0) }
            }
            LambdaTrace.exportToEnvironment("Root=1-5e1b4151-5ac6c58f5b5dbd6a2b4e8d7c")
            guard exported() == "Root=1-5e1b4151-5ac6c58f5b5dbd6a2b4e8d7c" else { exit(1) }
            LambdaTrace.exportToEnvironment("Root=1-5e1b4152-0000")
            guard exported() == "Root=1-5e1b4152-0000" else { exit(2) }
            LambdaTrace.exportToEnvironment(nil)
            guard exported() == nil else { exit(3) }
        }
    }
}
