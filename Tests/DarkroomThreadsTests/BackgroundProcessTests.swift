import DarkroomTestSupport
import DarkroomThreads
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// How the tests run their peers: output captured whole from both streams, endings told apart, nothing of the test
/// process inherited, and a program that has ended still answers how it ended.
@Suite struct BackgroundProcessTests {
    /// 256 KiB on standard error before a byte on standard output: a reader that finished one pipe before it looked
    /// at the other would wait on a program blocked writing the other (a pipe holds 64 KiB), until `timeout` ended it.
    @Test func bothStreamsAreReadWholeWhateverTheOrder() throws {
        let run = try Subprocess.run(["timeout", "60", "python3", "-c", """
            import sys
            sys.stderr.write("e" * 262144); sys.stderr.flush()
            sys.stdout.write("o" * 200000); sys.stdout.flush()
            sys.stderr.write("!")
            """])
        #expect(run.status == 0)
        #expect(run.standardError.utf8.count == 262_145)
        #expect(run.standardError.hasSuffix("e!"))
        #expect(run.standardOutput.utf8.count == 200_000)
        #expect(run.standardOutput.utf8.allSatisfy { $0 == UInt8(ascii: "o") })
    }

    @Test func anExitStatusAndASignalAreReportedAsProcessDidBefore() throws {
        #expect(try Subprocess.run(["sh", "-c", "exit 3"]).status == 3)
        #expect(try Subprocess.run(["sh", "-c", "kill -TERM $$"]).status == SIGTERM)
        #expect(try Subprocess.run(["darkroom-no-such-program"]).status == 127, "env's status for a program not found")
    }

    /// The child gets standard input on /dev/null and the three standard streams only: no pipe or socket of
    /// another test running in parallel.
    @Test func theChildInheritsOnlyItsStandardStreams() throws {
        let run = try Subprocess.run(["sh", "-c", "ls /proc/$$/fd; read line; echo \"read: $?\""])
        #expect(run.standardOutput.split(separator: "\n") == ["0", "1", "2", "read: 1"], "\(run.output)")
    }

    /// `isRunning` looks without collecting the ending, so the program's status is still there to wait for.
    @Test func anEndedProgramStillAnswersHowItEnded() throws {
        let program = try BackgroundProcess(["sh", "-c", "exit 7"])
        let deadline = ContinuousClock.now + .seconds(30)
        while program.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        #expect(!program.isRunning)
        #expect(program.waitForExit() == .exited(7))
        #expect(program.waitForExit() == .exited(7), "asked again")
        program.signal(SIGKILL)
        #expect(program.stop() == .exited(7), "a signal after the end is not sent")
    }

    /// SIGTERM reaches the child although the test runner's threads block it: `stop` ends a program without
    /// waiting out its grace.
    @Test func stopEndsAProgramWithSIGTERM() throws {
        let program = try BackgroundProcess(["sleep", "600"])
        #expect(program.isRunning)
        let started = ContinuousClock.now
        #expect(program.stop(grace: .seconds(60)) == .signaled(SIGTERM))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func aLineIsReadAndWhatFollowsItIsKept() throws {
        let program = try BackgroundProcess(["printf", "port 8080\\nsecond\\nthird"], standardOutput: .piped)
        let output = try #require(program.standardOutput)
        #expect(output.readLine() == "port 8080")
        #expect(String(decoding: output.readToEnd(), as: UTF8.self) == "second\nthird")
        #expect(output.readLine() == nil)
        #expect(program.waitForExit() == .exited(0))
    }

    /// A stream the test closed itself (`| head` having read enough) is passed over, not polled for ever: the
    /// other is read to its end. Run on a thread of its own, so a regression fails the test instead of hanging it.
    @Test func aClosedStreamIsPassedOverWhenBothAreRead() throws {
        let program = try BackgroundProcess(["sh", "-c", "echo note >&2"], standardOutput: .piped, standardError: .piped)
        program.standardOutput?.close()
        let done = Semaphore()
        let errors = Mutex<[UInt8]?>(nil)
        Thread.detachNewThread {
            errors.withLock { $0 = program.readOutputToEnd().errors }
            done.signal()
        }
        try #require(done.wait(timeout: .seconds(30)), "reading both streams did not end")
        #expect(errors.withLock { $0 } == Array("note\n".utf8))
        #expect(program.waitForExit() == .exited(0))
    }
}
