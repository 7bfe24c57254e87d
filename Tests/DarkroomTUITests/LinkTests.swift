import Testing
import DarkroomTUI

@Test func ncursesIsLinked() {
    #expect(TUI.ncursesVersion.contains("ncurses"))
}
