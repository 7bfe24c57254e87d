import DarkroomTUI
import DarkroomTUITesting
import Foundation
import Testing

/// The whole-screen assertions of DarkroomTUITesting: what they report, and the app's first screen as a snapshot.
@Suite struct ScreenAssertionTests {
    @Test func theDiffShowsWhatChangedLineByLine() {
        let diff = LineDiff.describe(expected: ["┌─ Prompt ─┐", "│a cat    │", "└─────────┘"],
                                     actual: ["┌─ Prompt ─┐", "│a dog    │", "└─────────┘"])
        #expect(diff == "  ┌─ Prompt ─┐\n+ │a dog    │\n- │a cat    │\n  └─────────┘")
        #expect(LineDiff.describe(expected: ["a"], actual: ["a", "b"]) == "  a\n+ b")
    }

    @Test func aMatchingScreenPassesAndAChangedOneFailsWithTheDiff() {
        var buffer = CellBuffer(width: 6, height: 2)
        _ = buffer.put("hello", x: 0, y: 0)
        ScreenAssertions.expect(buffer, equals: "hello\n")
        withKnownIssue {
            ScreenAssertions.expect(buffer, equals: "help\n")
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("+ hello\n- help") }
        }
    }

    @Test func theFirstScreenMatchesItsSnapshot() {
        let state = AppFixtures.stateWithGallery(0, width: 80, height: 24)
        ScreenAssertions.expect(AppView.render(state), matchesSnapshot: "first-screen-80x24")
    }
}
