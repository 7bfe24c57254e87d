import DarkroomCore
import DarkroomTerminal
import Testing
@testable import DarkroomTUI

/// Clicks and the wheel, mapped and applied as the app's loop does (`MouseMap`, then `AppReducer` for each action).
/// Where a click lands is taken from the views' own geometry (`Layout.tilePicture`, the panels' rectangles).
@Suite struct MouseMapTests {
    typealias F = AppFixtures

    static func mouse(_ kind: MouseEvent.Kind, x: Int, y: Int, in state: inout AppState) -> [AppAction] {
        let actions = MouseMap.actions(for: MouseEvent(kind, x: x, y: y), in: state)
        for action in actions { _ = AppReducer.reduce(&state, action) }
        return actions
    }

    @Test func aClickOnATilePicksThatImageAndFocusesTheGallery() {
        var state = F.stateWithGallery(6, width: 120, height: 40)
        let layout = Layout(width: 120, height: 40)
        #expect(layout.gridColumns >= 3 && layout.gridRows >= 2 && state.focus == .prompt)
        // The middle of the second tile of the second row, then its caption row.
        let tile = layout.tilePicture(column: 1, row: 1)
        _ = Self.mouse(.press, x: tile.x + tile.width / 2, y: tile.y + tile.height / 2, in: &state)
        #expect(state.focus == .gallery)
        #expect(state.gallery.selection == layout.gridColumns + 1)
        let first = layout.tilePicture(column: 0, row: 0)
        _ = Self.mouse(.press, x: first.x, y: first.maxY, in: &state)
        #expect(state.gallery.selection == 0, "a tile's caption is part of it")
        // The gap between two tiles and the filter line pick nothing.
        _ = Self.mouse(.press, x: first.maxX, y: first.y + 1, in: &state)
        _ = Self.mouse(.press, x: first.x, y: layout.galleryBody.y - 1, in: &state)
        #expect(state.gallery.selection == 0)
        // Past the last image, nothing.
        let empty = layout.tilePicture(column: layout.gridColumns - 1, row: layout.gridRows - 1)
        #expect(layout.gridColumns * layout.gridRows > 6)
        _ = Self.mouse(.press, x: empty.x + 1, y: empty.y + 1, in: &state)
        #expect(state.gallery.selection == 0)
    }

    @Test func aClickInTheListPicksItsLineBelowTheScrolledRows() {
        var state = F.stateWithGallery(60, width: 120, height: 40)
        _ = AppReducer.reduce(&state, .toggleGalleryLayout)
        let body = Layout(width: 120, height: 40).galleryBody
        _ = AppReducer.reduce(&state, .moveGalleryPage(delta: 2))
        let scrolled = state.gallery.scrollRow
        #expect(scrolled > 0)
        _ = Self.mouse(.press, x: body.x + 20, y: body.y + 3, in: &state)
        #expect(state.gallery.selection == scrolled + 3)
        #expect(state.gallery.scrollRow == scrolled, "a line on screen is picked where it is")
    }

    @Test func theWheelMovesThroughTheGalleryTheJobsAndThePreview() {
        var state = F.stateWithGallery(12, width: 120, height: 40)
        let layout = Layout(width: 120, height: 40)
        let gallery = layout.galleryBody
        _ = Self.mouse(.wheel(1), x: gallery.x + 2, y: gallery.y + 2, in: &state)
        #expect(state.focus == .gallery && state.gallery.selection == layout.gridColumns, "a row down")
        _ = Self.mouse(.wheel(-1), x: gallery.x + 2, y: gallery.y + 2, in: &state)
        #expect(state.gallery.selection == 0)
        // Over the preview the wheel steps image by image, as in an image viewer; full screen too.
        _ = Self.mouse(.wheel(1), x: layout.preview.x + 3, y: layout.preview.y + 3, in: &state)
        #expect(state.focus == .preview && state.gallery.selection == 1)
        _ = AppReducer.reduce(&state, .toggleFullScreen)
        _ = Self.mouse(.wheel(1), x: 1, y: 1, in: &state)
        #expect(state.gallery.selection == 2)
        #expect(Self.mouse(.press, x: 1, y: 1, in: &state).isEmpty, "a click in full screen does nothing")
        _ = AppReducer.reduce(&state, .toggleFullScreen)
        // Over the prompt and the parameters the wheel changes nothing.
        #expect(Self.mouse(.wheel(1), x: layout.prompt.x + 2, y: layout.prompt.y + 2, in: &state).isEmpty)
        #expect(Self.mouse(.wheel(1), x: layout.parameters.x + 2, y: layout.parameters.y + 2, in: &state).isEmpty)
        #expect(Self.mouse(.other, x: gallery.x + 2, y: gallery.y + 2, in: &state).isEmpty, "a release does nothing")
    }

    @Test func aClickPicksAJobOrAParameterInItsRow() {
        var state = F.state(width: 120, height: 40)
        for prompt in ["a koi pond", "a heron", "a crane"] {
            state.prompt.editor = TextEditor(text: prompt)
            _ = AppReducer.reduce(&state, .submit)
        }
        let layout = Layout(width: 120, height: 40)
        let jobs = layout.jobs.inset(by: 1)
        // Newest first: the third line is the first job.
        _ = Self.mouse(.press, x: jobs.x + 4, y: jobs.y + 2, in: &state)
        #expect(state.focus == .jobs && state.jobs.selectedJob?.request.prompt == "a koi pond")
        _ = Self.mouse(.press, x: jobs.x + 4, y: jobs.y + 1, in: &state)
        #expect(state.jobs.selectedJob?.request.prompt == "a heron")
        _ = Self.mouse(.press, x: jobs.x + 4, y: jobs.y + 6, in: &state)
        #expect(state.jobs.selectedJob?.request.prompt == "a heron", "below the last job, nothing")
        _ = Self.mouse(.wheel(-1), x: jobs.x + 4, y: jobs.y + 6, in: &state)
        #expect(state.jobs.selectedJob?.request.prompt == "a crane")

        let parameters = layout.parameters.inset(by: 1)
        let seedRow = ParameterRow.allCases.firstIndex(of: .seed) ?? 0
        _ = Self.mouse(.press, x: parameters.x + 3, y: parameters.y + seedRow, in: &state)
        #expect(state.focus == .parameters && state.parameters.row == .seed)
        _ = Self.mouse(.press, x: parameters.x + 3, y: parameters.y, in: &state)
        #expect(state.parameters.row == ParameterRow.allCases[0])
        // Nothing was generated, cancelled or changed by the clicks.
        #expect(state.jobs.queue.jobs.count == 3 && state.jobs.queue.jobs.allSatisfy { !$0.state.isFinished })

        _ = Self.mouse(.press, x: layout.prompt.x + 3, y: layout.prompt.y + 2, in: &state)
        #expect(state.focus == .prompt)
    }

    @Test func overlaysTakeOnlyWhatTheirKeysWould() {
        // At 80x24 the help takes two pages.
        var state = F.stateWithGallery(4)
        let gallery = Layout(width: 80, height: 24).galleryBody
        state.overlay = .help(page: 0)
        _ = Self.mouse(.wheel(1), x: 3, y: 3, in: &state)
        #expect(state.overlay == .help(page: 1), "the wheel pages through the help")
        _ = Self.mouse(.press, x: gallery.x + 2, y: gallery.y + 2, in: &state)
        #expect(state.overlay == nil && state.focus == .prompt, "a click closes the help, as any other key does, and only that")
        state.overlay = .notices(["config line 3: mouse maybe is unknown; use on or off."])
        _ = Self.mouse(.press, x: 3, y: 3, in: &state)
        #expect(state.overlay == nil)
        state.overlay = .confirmQuit
        #expect(Self.mouse(.press, x: gallery.x + 2, y: gallery.y + 2, in: &state).isEmpty, "quitting is answered with y or n")
        state.overlay = nil
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        #expect(state.sweeps.editor != nil)
        #expect(Self.mouse(.press, x: gallery.x + 2, y: gallery.y + 2, in: &state).isEmpty)
    }

    /// A click in the prompt puts the caret before the character drawn there, found on the wrapped rows as drawn; past a
    /// line's end it goes to that end, below the text to the text's end. Nothing is typed or deleted.
    @Test func aClickInThePromptPutsTheCaretThere() throws {
        var state = F.state(width: 120, height: 40)
        F.type("a lighthouse at dusk, oil painting of a stormy sea with gulls", into: &state)
        _ = AppReducer.reduce(&state, .edit(.insert("\nsecond line")))
        let text = state.prompt.editor.text
        let area = PromptView.areas(inside: Layout(width: 120, height: 40).prompt.inset(by: 1)).editor
        let screen = AppView.render(state).lines
        // The rows as drawn: find "stormy" on screen and click its "s".
        let row = try #require(screen.firstIndex { $0.contains("stormy") })
        let column = TextWidth.of(String(screen[row][..<(try #require(screen[row].range(of: "stormy"))).lowerBound]))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = Self.mouse(.press, x: column, y: row, in: &state)
        #expect(state.focus == .prompt)
        let before = Array(text)[..<state.prompt.editor.cursor]
        #expect(String(before).hasSuffix("a "), "the caret stands before \"stormy\": \(String(before))")
        #expect(String(Array(text)[state.prompt.editor.cursor...]).hasPrefix("stormy"))
        // Past the end of the first line of text (the one ended by the newline), then below the text.
        let secondLine = try #require(screen.firstIndex { $0.contains("second line") })
        _ = Self.mouse(.press, x: area.maxX - 2, y: secondLine - 1, in: &state)
        #expect(Array(text)[state.prompt.editor.cursor] == "\n", "a click past a line's end goes to that end")
        _ = Self.mouse(.press, x: area.x + 1, y: area.maxY - 1, in: &state)
        #expect(state.prompt.editor.cursor == Array(text).count)
        #expect(state.prompt.editor.text == text)
    }

    /// A click on a sweep grid's cell moves the grid's cursor there, beside the preview and full screen alike.
    @Test func aClickPicksASweepGridsCell() throws {
        var (state, _) = SweepReducerTests.running()
        let grid = try #require(state.sweeps.grid)
        #expect((grid.x, grid.y) == (0, 0))
        func cellCentre() throws -> (x: Int, y: Int) {
            let group = try #require(state.sweeps.group(grid.group))
            let tiles = SweepGridLayout(area: SweepReducer.gridArea(state), manifest: group.manifest(jobs: state.jobs.queue), cursor: grid)
            #expect(tiles.shows(x: 2, y: 1))
            let tile = tiles.tile(x: 2, y: 1)
            return (tile.x + tile.width / 2, tile.y + tile.height / 2)
        }
        let beside = try cellCentre()
        _ = Self.mouse(.press, x: beside.x, y: beside.y, in: &state)
        #expect(state.focus == .preview && state.sweeps.grid?.x == 2 && state.sweeps.grid?.y == 1)

        state.sweeps.grid?.x = 0
        state.sweeps.grid?.y = 0
        _ = AppReducer.reduce(&state, .toggleFullScreen)
        let full = try cellCentre()
        #expect(full != beside)
        _ = Self.mouse(.press, x: full.x, y: full.y, in: &state)
        #expect(state.sweeps.grid?.x == 2 && state.sweeps.grid?.y == 1)
        // The column labels above the cells pick nothing.
        _ = Self.mouse(.press, x: full.x, y: SweepReducer.gridArea(state).y, in: &state)
        #expect(state.sweeps.grid?.x == 2 && state.sweeps.grid?.y == 1)
    }

    /// The help says what the mouse does where the terminal reports it, and only there.
    @Test func theHelpListsTheMouseWhileItIsReported() {
        var state = F.state(width: 120, height: 40)
        state.overlay = .help(page: 0)
        #expect(!AppView.render(state).lines.joined().contains("wheel:"))
        state.reportsMouse = true
        let help = AppView.render(state).lines.joined(separator: "\n")
        #expect(help.contains("Mouse") && help.contains("click: focus the panel") && help.contains("wheel: move through"))
    }

    /// On a small screen only the focused panel is drawn, over the whole screen: a click there is that panel's.
    @Test func onASmallScreenAClickIsTheFocusedPanels() {
        var state = F.stateWithGallery(6, width: 60, height: 18)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        let layout = Layout(width: 60, height: 18)
        #expect(layout.isSinglePanel)
        let tile = layout.tilePicture(column: 1, row: 0)
        _ = Self.mouse(.press, x: tile.x + 1, y: tile.y + 1, in: &state)
        #expect(state.focus == .gallery && state.gallery.selection == 1)
        #expect(Self.mouse(.press, x: 3, y: 17, in: &state).isEmpty, "the status line is no panel")
        var tooSmall = F.stateWithGallery(6, width: 30, height: 10)
        #expect(Self.mouse(.press, x: 3, y: 3, in: &tooSmall).isEmpty)
    }
}
