import DarkroomBackend
import DarkroomCore
import DarkroomThreads
import DarkroomTestSupport
import Foundation
import DarkroomTUITesting
import Testing
@testable import DarkroomTUI

/// Lets the test hand the loop (used by one thread at a time) to the UI thread.
private final class LoopHandle: @unchecked Sendable {
    let loop: AppLoop
    init(_ loop: AppLoop) { self.loop = loop }
}

/// The loop sleeps until something happens: no fixed tick, timers only when the screen asks for one.
@Suite struct AppLoopWakeUpTests {
    private func state(now: Date = Date()) -> AppState {
        AppState(screen: (100, 30), theme: Theme(colorMode: .xterm256, unicode: true),
                 connection: ConnectionInfo(backend: "local", location: "/tmp/none"), now: now)
    }

    @Test func anIdleLoopSleepsUntilAResultIsPostedAndPaintsIt() async throws {
        let folder = try TemporaryDirectory("loop-wake")
        defer { folder.remove() }
        let store = try DirectoryStorage(root: folder.url.appendingPathComponent("bucket"))
        let services = AppFixtures.localServices(store: store, folder: folder.url)
        let terminal = RecordingTerminal(width: 100, height: 30)
        let inbox = ActionInbox()
        let theme = Theme(colorMode: .xterm256, unicode: true)
        let handle = LoopHandle(AppLoop(screen: terminal, state: state(), runner: EffectRunner(services: services, inbox: inbox, theme: theme),
                                        inbox: inbox))
        // The post comes from a thread of its own, as a finished render's does, not from a task: in a whole run on
        // two cores the cooperative pool is busy with other suites' tests for tens of seconds, and a task posting
        // after 300 ms ran after the loop's 30 s deadline (CI, stop 22).
        BlockingWork.start {
            usleep(300_000)
            inbox.post(.showMessage(StatusMessage("a result from the background")))
        }
        let final = await BlockingWork.run {
            handle.loop.run(initialActions: [], deadline: Date().addingTimeInterval(30)) { $0.message != nil }
        }
        #expect(final.message?.text == "a result from the background")
        // A ticking loop would have woken every few milliseconds while it waited; this one woke for the post.
        #expect(handle.loop.wakeUps <= 2, "woke \(handle.loop.wakeUps) times")
        let screen = try #require(terminal.lastFrame).lines.joined(separator: "\n") as String
        #expect(screen.contains("a result from the background"))
    }

    @Test func nothingChangingAsksForNoTimer() {
        let now = Date(timeIntervalSince1970: 1_800_000_000.25)
        #expect(state(now: now).nextTimer(after: now) == nil)
    }

    @Test func aRunningJobAsksForTheNextSpinnerFrame() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000.25)
        var state = state(now: now)
        _ = state.jobs.queue.submit(GenerationParameters(prompt: "a fox", seed: 1), now: now)
        let timer = try #require(state.nextTimer(after: now))
        #expect(abs(timer.timeIntervalSince1970 - 1_800_000_000.3) < 0.0001)
    }

    @Test func aStatusMessageAsksToBeClearedWhenItExpires() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = state(now: now)
        state.message = StatusMessage("saved")
        #expect(state.nextTimer(after: now) == now.addingTimeInterval(StatusLineView.messageSeconds))
        let later = now.addingTimeInterval(StatusLineView.messageSeconds + 1)
        #expect(state.nextTimer(after: later) == nil)
    }

    @Test func escapeLeavesThePromptAndCtrlZSuspendsOnlyOutsideIt() {
        var state = state()
        state.focus = .prompt
        #expect(describe(KeyMap.action(for: KeyEvent(.escape), in: state)) == describe(.focus(.gallery)))
        #expect(describe(KeyMap.action(for: .ctrl("z"), in: state)) == describe(.edit(.undo)))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        #expect(describe(KeyMap.action(for: .char("q"), in: state)) == describe(.requestQuit))
        #expect(describe(KeyMap.action(for: .ctrl("z"), in: state)) == describe(.suspend))
        #expect(describe(KeyMap.action(for: .ctrl("c"), in: state)) == describe(.requestQuit))
        #expect(AppReducer.reduce(&state, .suspend) == [.suspend])
    }

    private func describe(_ action: AppAction?) -> String {
        action.map { String(describing: $0) } ?? "nothing"
    }
}
