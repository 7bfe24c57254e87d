import DarkroomBackend
import DarkroomCore
import DarkroomTerminal
import Foundation
import Testing
@testable import DarkroomTUI

/// Screens rendered from known states and checked as text.
@Suite struct AppViewTests {
    typealias F = AppFixtures
    static let longPrompt = "a cat running a marathon through a neon city at night, cinematic lighting, ultra detailed, 35mm film grain"
    static let bedrockError = "Bedrock refused the request: the account has no access to this model; enable it in the Bedrock console."

    /// A long prompt, one failed job selected in the job panel, 30 images with every other thumbnail loaded.
    private func busyState(width: Int, height: Int) throws -> AppState {
        var state = F.stateWithGallery(30, width: width, height: height)
        state.prompt.editor = TextEditor(text: Self.longPrompt)
        _ = AppReducer.reduce(&state, .submit)
        let id = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobFailed(id, message: Self.bedrockError))
        _ = AppReducer.reduce(&state, .focus(.jobs))
        for object in state.gallery.objects.enumerated() where object.offset % 2 == 0 {
            _ = AppReducer.reduce(&state, .thumbnailLoaded(key: object.element.key, F.picture(columns: 16, rows: 6)))
        }
        _ = AppReducer.reduce(&state, .tick(F.start.addingTimeInterval(60)))
        return state
    }

    @Test func at80x24TheLongPromptWrapsAndTheFailedJobShowsItsFullError() throws {
        let lines = AppView.render(try busyState(width: 80, height: 24)).lines
        #expect(lines.count == 24)
        #expect(lines[0] == "┌─ Prompt ───────────────────────────┐┌─ Gallery · 30 images ──────────────────┐")
        // Wrapped between words, four rows for three: the caret's (at the end) are shown.
        #expect(lines[1].hasPrefix("│neon city at night, cinematic       ││"))
        #expect(lines[2].hasPrefix("│lighting, ultra detailed, 35mm film ││"))
        #expect(lines[3].hasPrefix("│grain                               ││"))
        #expect(lines[5].hasPrefix("│                      106/2000 chars││"))
        #expect(lines[8].hasPrefix("│Model  ‹ SDXL 1.0 ›"))
        #expect(lines[11].hasPrefix("│CFG    ━━━━━─────────────────── 7.0"))
        #expect(lines[15].hasPrefix("┌─ Jobs · 1 job ─"))
        #expect(lines[16].hasPrefix("│✗ #1 failed a cat running a maratho…││"))
        #expect(lines[19].hasPrefix("│Bedrock refused the request: the    ││"))
        #expect(lines[20].hasPrefix("│account has no access to this model;││"))
        #expect(lines[21].hasPrefix("│enable it in the Bedrock console.   ││"))
        #expect(lines[23].hasPrefix(" local · /tmp/darkroom   "))
        #expect(lines[23].hasSuffix("Up/Down choose  c cancel  t retry  ? help"))
        #expect(lines[3].contains("▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀"))
    }

    /// Until the selected image's full rendering arrives (a download from S3 can take seconds), the preview shows its
    /// gallery thumbnail enlarged, not "loading…"; without a thumbnail it still says loading.
    @Test func whileThePreviewLoadsItsThumbnailStandsIn() throws {
        var state = F.stateWithGallery(2, width: 120, height: 36)
        let area = Layout(width: 120, height: 36).previewPictureArea(fullScreen: false)
        let inArea = { (lines: [String]) in lines[area.y..<area.maxY].map { String(Array($0)[area.x..<area.maxX]) } }
        #expect(inArea(AppView.render(state).lines).contains { $0.contains("loading…") })
        let key = try #require(state.gallery.selectedObject?.key)
        // A 16x6 thumbnail whose half blocks are red over the terminal's colour: enlarged twice, each half becomes a
        // whole cell, red rows and plain rows in turn, 32 cells wide.
        _ = AppReducer.reduce(&state, .thumbnailLoaded(key: key, F.picture(columns: 16, rows: 6)))
        let screen = AppView.render(state)
        #expect(!inArea(screen.lines).contains { $0.contains("loading…") })
        let redRows = (area.y..<area.maxY).filter { y in (area.x..<area.maxX).allSatisfy { screen[$0, y].style.background == .indexed(196) } }
        #expect(redRows.count == 6, "rows whose 32 cells are red: \(redRows) in \(area)")
    }

    @Test func at200x60TheGalleryShowsLargerTilesAndTheStatusLineEveryHint() throws {
        let lines = AppView.render(try busyState(width: 200, height: 60)).lines
        #expect(lines.count == 60)
        #expect(lines.allSatisfy { TextWidth.of($0) <= 200 })
        #expect(lines[0].hasPrefix("┌─ Prompt ─"))
        #expect(lines[1].contains("│a cat running a marathon through a neon city at night, cinematic      │"))
        #expect(lines[2].hasPrefix("│lighting, ultra detailed, 35mm film grain  "))
        let captions = lines.filter { $0.contains("20261126T0000") }
        #expect(captions.count == 4, "three rows of 20-column tiles and the preview's key")
        #expect(captions[0].components(separatedBy: "20261126T").count - 1 == 6)
        #expect(lines.contains { $0.contains("│Bedrock refused the request: the account has no access to this model; ") })
        #expect(lines[59].hasSuffix("r same seed  v variation  e edit  Tab/Shift-Tab focus  ? help"))
    }

    /// The selected slider keeps its bar the right way round: only its value is reversed. Reversed, the filled
    /// blocks took the background's colour and 10.0 of 0–35 looked like a bar filled from the left third on.
    /// While the selected image's parameters were being read, the preview said it had none ("written by another
    /// tool"); a read that failed said so too. Each state now says what it is, and `r` answers alike.
    @Test func thePreviewTellsReadingNoneAndUnreadableParametersApart() throws {
        var state = F.stateWithGallery(3, width: 120, height: 36)
        let key = try #require(state.gallery.selectedObject?.key)
        #expect(state.gallery.metadataRequested.contains(key), "the selection asks for its parameters")
        // The preview's details wrap at its width: phrases are looked for within a line.
        func text() -> String { AppView.render(state).lines.joined(separator: "\n") }

        #expect(text().contains("Reading parameters…"))
        #expect(!text().contains("No generation parameters"))
        _ = AppReducer.reduce(&state, .regenerate)
        #expect(state.message?.text == "The image's parameters are still loading; try again in a moment.")

        _ = AppReducer.reduce(&state, .metadataFailed(key: key, reason: "HTTP 503 SlowDown"))
        #expect(text().contains("Its parameters could not be read:") && text().contains("HTTP 503 SlowDown."))
        _ = AppReducer.reduce(&state, .regenerate)
        #expect(state.message?.text == "\(key)'s parameters could not be read (HTTP 503 SlowDown), so it cannot be regenerated.")

        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, nil))
        #expect(text().contains("No generation parameters in this"))
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, F.metadata(prompt: "a heron in reeds")))
        #expect(text().contains("a heron in reeds"))
    }

    @Test func theSelectedSliderShowsItsBarUnreversedAndItsValueReversed() {
        var state = F.stateWithGallery(1, width: 80, height: 24)
        _ = AppReducer.reduce(&state, .focus(.parameters))
        state.parameters.row = .cfgScale
        let screen = AppView.render(state)
        let y = 11, barStart = 8
        #expect(screen.lines[y].hasPrefix("│CFG    ━━━━━─────────────────── 7.0"))
        let bar = (barStart..<(barStart + 24)).map { screen[$0, y] }
        #expect(bar.allSatisfy { !$0.style.attributes.contains(.reverse) })
        #expect(bar.prefix(5).allSatisfy { $0.glyph == "━" && $0.style == state.theme.accent })
        #expect(bar.dropFirst(5).allSatisfy { $0.glyph == "─" && $0.style == state.theme.dim })
        let value = (barStart + 25..<(barStart + 28)).map { screen[$0, y] }
        #expect(String(value.map(\.glyph)) == "7.0")
        #expect(value.allSatisfy { $0.style.attributes.contains(.reverse) })
        // Another row selected: its text is reversed whole, as before.
        state.parameters.row = .size
        let sizeRow = AppView.render(state)
        #expect((barStart..<(barStart + 9)).allSatisfy { sizeRow[$0, 9].style.attributes.contains(.reverse) })
    }

    /// The preview's status line offers the sweep grid's keys only while a grid is open: arrows did nothing on a
    /// plain image but were offered as "arrows cells".
    @Test func thePreviewOffersTheGridsKeysOnlyWithAGridOpen() throws {
        var state = F.stateWithGallery(3, width: 160, height: 40)
        _ = AppReducer.reduce(&state, .focus(.preview))
        let plain = AppView.render(state).lines[39]
        #expect(plain.contains("f/Enter full screen") && !plain.contains("arrows cells"), "\(plain)")
        _ = PastSweepReducerTests.loaded([try PastSweepReducerTests.stored()], into: &state)
        let number = try #require(state.sweeps.groups.first?.number)
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: number)))
        let grid = AppView.render(state).lines[39]
        #expect(grid.contains("arrows cells"), "\(grid)")
        // Enter opens the cell in a grid: only f is offered for full screen (it said "f/Enter full screen").
        #expect(grid.contains("f full screen") && !grid.contains("f/Enter"), "\(grid)")
    }

    /// The sweep editor's examples are how a newcomer learns the syntax: they wrap to the end, not into an ellipsis.
    @Test func theSweepEditorShowsItsExamplesWhole() {
        var state = F.state(width: 100, height: 30)
        _ = AppReducer.reduce(&state, .focus(.parameters))
        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        let screen = AppView.render(state).lines.joined(separator: "\n")
        #expect(screen.contains("S/R cat,dog"), "\(screen)")
        #expect(screen.contains("at most 64 images"))
    }

    @Test func anEmptyGallerySaysHowToMakeTheFirstImage() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .galleryPageLoaded([], isFirstPage: true, isLastPage: true))
        let lines = AppView.render(state).lines
        #expect(lines[2].hasSuffix("│No images yet: write a prompt and press │"))
        #expect(lines[3].hasSuffix("│Enter.                                  │"))
        #expect(lines.contains { $0.contains("│Select an image in the gallery.") })
        #expect(lines.contains { $0.contains("│No jobs yet.") })
    }

    /// The usual first-run failures (no bucket, no access) are long sentences; cut to the header's width they could not be read.
    @Test func aFailedListingOverAnEmptyGalleryIsExplainedInFull() {
        var state = F.state()
        let reason = "Access to the store was denied (User: arn:aws:iam::123456789012:user/dev is not authorized to perform: "
            + "s3:ListBucket on resource: arn:aws:s3:::my-images); check the credentials and the bucket policy."
        _ = AppReducer.reduce(&state, .galleryListingFailed(reason))
        let gallery = AppView.render(state).lines.map { String($0.dropFirst(38)) }
        #expect(gallery[1] == "│the listing failed:                     │", "\(gallery[1])")
        let shown = gallery[2...].prefix { !$0.hasPrefix("└") }.map { $0.dropFirst().dropLast().trimmingCharacters(in: .whitespaces) }
        #expect(shown.joined(separator: " ").hasPrefix(reason + " Press Ctrl-R to try again."), "\(shown)")
    }

    @Test func countsAgreeWithTheirNouns() throws {
        var state = F.stateWithGallery(1)
        state.prompt.editor = TextEditor(text: "a fox")
        _ = AppReducer.reduce(&state, .submit)
        var lines = AppView.render(state).lines
        #expect(lines[0].contains("─ Gallery · 1 image ─"))
        #expect(lines.contains { $0.contains("─ Jobs · 1 running ─") })
        _ = AppReducer.reduce(&state, .galleryPageLoaded((0..<10_001).map(F.object), isFirstPage: true, isLastPage: true))
        _ = AppReducer.reduce(&state, .editFilter(.insert("000001")))
        lines = AppView.render(state).lines
        #expect(lines[0].contains("─ Gallery · 1 of 10,001 images ─"))
        let id = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobFailed(id, message: "no access"))
        #expect(AppView.render(state).lines.contains { $0.contains("─ Jobs · 1 job ─") })
    }

    @Test func at80ColumnsTheStatusLineShortensTheLocationAndKeepsThePanelsKeys() {
        var state = F.state()
        state.connection = ConnectionInfo(backend: "local", location: "/tmp/dr2/data/darkroom/bucket/of/a/deep/folder")
        let line = AppView.render(state).lines[23]
        #expect(line == " local · /tmp/dr2/data…a/deep/folder   Enter generate  Ctrl-T negative  F1 help")
    }

    @Test func aMessageTakesTheStatusLineBeforeTheKeys() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .submit)
        #expect(AppView.render(state).lines[23] == " Write a prompt first, then press Enter to generate.    Enter generate  F1 help")
    }

    /// While the filter is typed its letters are text, yet the status line offered "l grid/list", "r same seed" and
    /// "? help", which typed into it. It offers the filter's own keys now, and they do what it says.
    @Test func whileTheFilterIsTypedTheStatusLineOffersItsKeys() throws {
        var state = F.stateWithGallery(3, width: 110, height: 32)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        func press(_ key: KeyEvent) throws {
            _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: key, in: state), "\(key) does nothing"))
        }
        try press(.char("/"))
        let line = AppView.render(state).lines[31]
        #expect(line.hasSuffix("   Enter/Esc/Tab done  Ctrl-U delete back  F1 help"), "\(line)")
        try press(.char("l"))
        try press(.char("r"))
        #expect(state.gallery.filter.text == "lr" && state.gallery.layout == .grid)
        try press(.ctrl("u"))
        #expect(state.gallery.filter.text.isEmpty)
        try press(KeyEvent(.function(1)))
        #expect(state.overlay == .help(page: 0))
        try press(.char("x"))
        try press(KeyEvent(.escape))
        #expect(!state.gallery.isEditingFilter)
        #expect(AppView.render(state).lines[31].hasSuffix("? help"))
    }

    @Test func theConnectionTextAbbreviatesHomeAndLeavesOutWhatIsUnset() {
        let home = ConnectionInfo(backend: "local", location: "/home/ann/.local/share/darkroom/bucket")
        #expect(StatusLineView.connectionText(home, home: "/home/ann", columns: 80, ellipsis: "…") == "local · ~/.local/share/darkroom/bucket")
        #expect(StatusLineView.connectionText(home, home: "/home/an", columns: 80, ellipsis: "…") == "local · /home/ann/.local/share/darkroom/bucket")
        let bedrock = ConnectionInfo(backend: "bedrock", location: "s3://studio-images-eu-west-1-archive", region: "eu-west-1", profile: "studio")
        #expect(StatusLineView.connectionText(bedrock, home: nil, columns: 56, ellipsis: "…")
                == "bedrock · s3://stu…-archive · eu-west-1 · profile studio")
        #expect(StatusLineView.connectionText(bedrock, home: nil, columns: 20, ellipsis: "…") == "bedrock · s3://stud…")
    }

    @Test func aFilterShowsHowFarItsSearchHasGot() throws {
        var state = F.stateWithGallery(10_000)
        _ = AppReducer.reduce(&state, .startFilter)
        _ = AppReducer.reduce(&state, .editFilter(.insert("fox")))
        _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(9_990).key, F.metadata(prompt: "Fox in snow")))
        let lines = AppView.render(state).lines
        #expect(lines[0].contains("─ Gallery · 1 of 10,000 images ─"))
        #expect(lines[1].hasSuffix("│/ fox                 searching 1/10,000│"))
    }

    /// `fox seed:` put the catalog's whole refusal on the filter line, which scrolled the typed text out of sight
    /// (`/ :        The search was not understood: …`), and left the grid showing the answer to `fox` under it. The
    /// typed text stays, the line says "not understood", the reason is below in full, and nothing is shown as matching.
    @Test func aRefusedSearchKeepsTheTypedTextAndExplainsItselfInsteadOfTheLastAnswer() throws {
        var state = F.stateWithGallery(30)
        _ = AppReducer.reduce(&state, .catalogAttached(unread: 0))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .startFilter)
        _ = AppReducer.reduce(&state, .editFilter(.insert("fox")))
        let foxes = [F.object(29).key, F.object(3).key]
        _ = AppReducer.reduce(&state, .catalogSearchResults(text: "fox", offset: 0, keys: foxes, total: 2, unsearched: 0))
        #expect(state.gallery.visible.count == 2)
        _ = AppReducer.reduce(&state, .editFilter(.insert(" seed:")))
        let reason = "The search was not understood: `seed:` wants a whole number from 0 to 4294967295 right after it, such as `seed:42`."
        _ = AppReducer.reduce(&state, .catalogSearchFailed(text: "fox seed:", reason: reason))
        #expect(state.gallery.visible.isEmpty)
        let lines = AppView.render(state).lines
        let gallery = lines.map { String($0.dropFirst(38)) }
        #expect(gallery[0].hasPrefix("┌─ Gallery · 0 of 30 images ─"), "\(gallery[0])")
        #expect(gallery[1] == "│/ fox seed:               not understood│", "\(gallery[1])")
        let shown = gallery[2...].prefix { !$0.hasPrefix("└") }.map { $0.dropFirst().dropLast().trimmingCharacters(in: .whitespaces) }
        #expect(shown.joined(separator: " ").hasPrefix(reason), "\(shown)")
        // Typing on leaves the refusal behind with the text it was about.
        _ = AppReducer.reduce(&state, .editFilter(.insert("4")))
        #expect(state.gallery.searchProblem == nil)
        #expect(AppView.render(state).lines[1].hasSuffix("│/ fox seed:4                            │"))
    }

    @Test func theCaretFollowsThePromptText() {
        var state = F.state()
        F.type("hello", into: &state)
        #expect(AppView.render(state).cursor?.x == 6)
        #expect(AppView.render(state).cursor?.y == 1)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        #expect(AppView.render(state).cursor == nil)
    }

    @Test func helpListsEveryBinding() {
        var state = F.state(width: 200, height: 60)
        _ = AppReducer.reduce(&state, .toggleHelp)
        let text = AppView.render(state).lines.joined(separator: "\n")
        for binding in KeyMap.bindings {
            #expect(text.contains("\(binding.label): \(binding.summary)"), "missing \(binding.label)")
        }
    }

    /// At 80x24, an SSH session's default size, the help is two columns over pages: every binding in full (long
    /// ones wrapped under themselves), none cut short with an ellipsis, PgDn and PgUp turning pages.
    @Test func at80x24TheHelpPagesShowEveryBindingInFull() throws {
        var state = F.state(width: 80, height: 24)
        _ = AppReducer.reduce(&state, .toggleHelp)
        var pages: [[String]] = []
        while true {
            let lines = AppView.render(state).lines
            pages.append(lines)
            let before = state.overlay
            _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: KeyEvent(.pageDown), in: state)))
            if state.overlay == before { break }
        }
        #expect(pages.count == 2, "\(pages.count) pages")
        #expect(pages[0][0].contains("Keys · 1/2 · PgDn/PgUp pages"))
        #expect(pages[1][0].contains("Keys · 2/2"))
        // The help's own lines hold no ellipsis: nothing was cut.
        #expect(pages.allSatisfy { $0.dropFirst().dropLast(2).allSatisfy { !$0.contains("…") } })
        // Each binding is there whole once its wrapped lines are joined back.
        let columns = pages.flatMap { page in
            [(1, 39), (41, 79)].map { range in page.dropFirst().dropLast(2).map { line in
                String(line.dropFirst(range.0).prefix(range.1 - range.0)).trimmingCharacters(in: .whitespaces)
            } }
        }
        let text = columns.map { $0.joined(separator: " ") }.joined(separator: " ")
        for binding in KeyMap.bindings {
            #expect(text.contains("\(binding.label): \(binding.summary)"), "missing \(binding.label): \(binding.summary)")
        }
        // PgUp goes back; another key closes.
        _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: KeyEvent(.pageUp), in: state)))
        #expect(state.overlay == .help(page: 0))
        _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: .char("x"), in: state)))
        #expect(state.overlay == nil)
    }

    /// A sweep's images share their prompt, so the list shows, at each row's right end, the parameters that tell them
    /// apart, in one column so every prompt is cut at the same place: with cfg, steps and seed as far as 20 columns of
    /// prompt allow; in a narrow list (80 columns) only what tells them apart, beside 10 columns of prompt, in place
    /// of the size and most of the date.
    @Test func theListShowsTheParametersASweepVariesBesideThePrompt() throws {
        for (width, expected) in [(160, ["cfg 4 · 20 steps · seed 42", "cfg 10 · 40 steps · seed 42"]),
                                  (120, ["cfg 4 · 20 steps", "cfg 10 · 40 steps"]), (80, ["cfg 4 · 20 steps", "cfg 10 · 40 steps"])] {
            var state = F.stateWithGallery(2, width: width, height: 30)
            _ = AppReducer.reduce(&state, .toggleGalleryLayout)
            for (index, (cfg, steps)) in [(4.0, 20), (10.0, 40)].enumerated() {
                var metadata = F.metadata(prompt: "a koi pond under cherry blossoms, a stone lantern and a wooden bridge")
                metadata.parameters.cfgScale = cfg
                metadata.parameters.steps = steps
                _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(index).key, metadata))
            }
            // The images are of the state's day (their names carry no date): a narrow list gives their time alone.
            let rows = AppView.render(state).lines.filter { $0.contains(width > 80 ? "14:13   97 KB a koi" : "│14:13 a koi") }
            try #require(rows.count == 2, "\(width) columns: \(rows)")
            // Newest first: object 1 (cfg 10) on top.
            for (row, details) in zip(rows, expected.reversed()) {
                let inside = String(row.dropLast()).trimmingCharacters(in: .whitespaces)
                #expect(inside.hasSuffix(details), "\(width): \(row)")
            }
            let cuts = rows.map { Array($0).firstIndex(of: "…") }
            #expect(cuts[0] != nil && cuts[0] == cuts[1], "\(width): both prompts cut in one column: \(rows)")
        }
    }

    /// The narrow list's date is the part of the full one that says most beside today's: the time, the month and
    /// day, or the year.
    @Test func aNarrowListDatesImagesAsAMailClientDoes() {
        let now = F.date("2026-12-02T16:10:00Z")
        #expect(GalleryView.shortDateText(F.date("2026-12-02T00:05:59Z"), now: now) == "00:05")
        #expect(GalleryView.shortDateText(F.date("2026-12-01T23:59:00Z"), now: now) == "12-01")
        #expect(GalleryView.shortDateText(F.date("2026-01-01T00:00:00Z"), now: now) == "01-01")
        #expect(GalleryView.shortDateText(F.date("2025-12-02T16:10:00Z"), now: now) == "2025")
        // An image of a later day (a clock behind the bucket's) is dated, not timed.
        #expect(GalleryView.shortDateText(F.date("2026-12-03T01:00:00Z"), now: now) == "12-03")
    }

    /// A sweep over what the list does not always show (the style) puts it first: the rows must not read alike.
    @Test func theListLeadsWithWhatTellsAPromptsImagesApart() throws {
        var state = F.stateWithGallery(2, width: 160, height: 30)
        _ = AppReducer.reduce(&state, .toggleGalleryLayout)
        for (index, style) in ["anime", "origami"].enumerated() {
            var metadata = F.metadata(prompt: "a koi pond under cherry blossoms, a stone lantern and a wooden bridge")
            metadata.parameters.stylePreset = style
            _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(index).key, metadata))
        }
        let rows = AppView.render(state).lines.filter { $0.contains("97 KB a koi") }
        try #require(rows.count == 2, "\(rows)")
        for (row, style) in zip(rows, ["origami", "anime"]) {
            let inside = String(row.dropLast()).trimmingCharacters(in: .whitespaces)
            #expect(inside.hasSuffix("style \(style) · cfg 7 · 30 steps · seed 42"), "\(row)")
        }
    }

    /// In the grid, images that share a prompt (a sweep's) are captioned by what tells them apart; the others by
    /// their prompt, or their file name until it is read.
    @Test func gridCaptionsNameWhatTellsImagesOfOnePromptApart() {
        func tile(_ prompt: String, cfg: Double = 7, steps: Int = 30, seed: UInt32 = 42) -> (key: String, parameters: GenerationParameters?) {
            var metadata = F.metadata(prompt: prompt, seed: seed)
            metadata.parameters.cfgScale = cfg
            metadata.parameters.steps = steps
            return ("output-images/\(prompt).png", metadata.parameters)
        }
        let pond = "a koi pond"
        let tiles = [
            tile(pond, cfg: 4, steps: 20), tile(pond, cfg: 10, steps: 20), tile(pond, cfg: 4, steps: 40), tile("a lighthouse"),
            ("output-images/20261126T000001Z-1-abcd.png", nil),
            // The same prompt and parameters twice (made again with its seed): nothing tells them apart.
            tile("a fox", seed: 1), tile("a fox", seed: 1),
            tile("a wave", seed: 1), tile("a wave", seed: 2),
        ]
        #expect(GalleryView.gridCaptions(tiles, columns: 20) == [
            "cfg 4 · 20 steps", "cfg 10 · 20 steps", "cfg 4 · 40 steps", "a lighthouse", "20261126T000001Z-1-abcd.png",
            "a fox", "a fox", "seed 1", "seed 2",
        ])
        // Where one caption would not fit with dots, all of them on the screen are set apart with spaces.
        #expect(GalleryView.gridCaptions(tiles, columns: 16).prefix(3) == ["cfg 4 20 steps", "cfg 10 20 steps", "cfg 4 40 steps"])
    }

    @Test func theGridShowsASweepsImagesByTheirParameters() throws {
        var state = F.stateWithGallery(3, width: 120, height: 34)
        for (index, cfg) in [4.0, 7.5, 10.0].enumerated() {
            var metadata = F.metadata(prompt: "a koi pond under cherry blossoms")
            metadata.parameters.cfgScale = cfg
            _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(index).key, metadata))
        }
        let captions = try #require(AppView.render(state).lines.first { $0.contains("cfg 10") })
        // Newest first.
        #expect(captions.contains("cfg 10") && captions.contains("cfg 7.5") && captions.contains("cfg 4"), "\(captions)")
        #expect(!captions.contains("koi"))
        let order = ["cfg 10", "cfg 7.5", "cfg 4"].compactMap { captions.range(of: $0)?.lowerBound }
        #expect(order == order.sorted())
    }

    /// Keys stand out from what they do, in the help and on the status line, so the eye can run down them.
    @Test func keysAreDrawnInBoldInTheHelpAndTheStatusLine() throws {
        var state = F.state(width: 120, height: 40)
        let theme = state.theme
        _ = AppReducer.reduce(&state, .toggleHelp)
        var frame = AppView.render(state)
        let row = try #require(frame.lines.firstIndex { $0.contains("Ctrl-T: prompt / negative prompt") })
        let x = try #require(frame.line(at: row).range(of: "Ctrl-T:")).lowerBound.utf16Offset(in: frame.line(at: row))
        #expect((x..<x + 7).allSatisfy { frame[$0, row].style == theme.key }, "Ctrl-T: is drawn in the keys' style")
        #expect((x + 8..<x + 14).allSatisfy { frame[$0, row].style == theme.normal }, "what it does is plain")
        let heading = try #require(frame.lines.firstIndex { $0.contains("│Prompt ") })
        #expect(frame[1, heading].style == theme.accent.adding(.bold), "a heading keeps its own style")

        _ = AppReducer.reduce(&state, .toggleHelp)
        frame = AppView.render(state)
        let status = frame.line(at: 39)
        let help = try #require(status.range(of: "F1 help")).lowerBound.utf16Offset(in: status)
        #expect(frame[help, 39].style == theme.statusBar.adding(.bold) && frame[help + 1, 39].style == theme.statusBar.adding(.bold))
        #expect(frame[help + 3, 39].style == theme.statusBar, "help is plain")
        let generate = try #require(status.range(of: "Enter generate")).lowerBound.utf16Offset(in: status)
        #expect((generate..<generate + 5).allSatisfy { frame[$0, 39].style == theme.statusBar.adding(.bold) })
        #expect(frame[generate + 6, 39].style == theme.statusBar)

        // The sweep editor's own key line too.
        _ = AppReducer.reduce(&state, .focus(.parameters))
        _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: .char("w"), in: state)))
        frame = AppView.render(state)
        let editorRow = try #require(frame.lines.firstIndex { $0.contains("Enter run  Tab/Up/Down axis  Esc close") })
        let run = try #require(frame.line(at: editorRow).range(of: "Enter run")).lowerBound.utf16Offset(in: frame.line(at: editorRow))
        #expect(frame[run, editorRow].style == theme.accent.adding(.bold) && frame[run + 6, editorRow].style == theme.accent)
    }

    @Test func asciiThemeDrawsNoUnicodeChrome() throws {
        var state = F.stateWithGallery(3)
        state.theme = Theme(colorMode: .none, unicode: false)
        let frame = AppView.render(state)
        let text = frame.lines.joined()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(frame.lines[0].hasPrefix("+- Prompt -"))
        #expect(frame.cells.allSatisfy { $0.style.foreground == .terminalDefault && $0.style.background == .terminalDefault })
    }

    @Test func quittingWithRunningJobsAsks() {
        var state = F.state()
        F.type("cat", into: &state)
        _ = AppReducer.reduce(&state, .submit)
        _ = AppReducer.reduce(&state, .requestQuit)
        let text = AppView.render(state).lines.joined(separator: "\n")
        #expect(text.contains("1 job is still running or queued. Quit anyway? y/n"))
    }

    /// The question counted the jobs once, when q was pressed: "3 jobs are still running" stayed while they finished.
    /// It follows them now, and when none is left it says so and waits for y or n.
    @Test func theQuitQuestionFollowsTheJobsToTheirEnd() throws {
        var state = F.state()
        for prompt in ["a fox", "a hen", "a cow"] {
            state.prompt.editor = TextEditor(text: prompt)
            _ = AppReducer.reduce(&state, .submit)
        }
        _ = AppReducer.reduce(&state, .requestQuit)
        let question = { (state: AppState) in AppView.render(state).lines.joined(separator: "\n") }
        #expect(question(state).contains("3 jobs are still running or queued. Quit anyway? y/n"))
        let ids = state.jobs.queue.jobs.map(\.id)
        _ = AppReducer.reduce(&state, .jobFinished(ids[0], GenerationOutcome(key: F.object(1).key, seed: 1)))
        #expect(question(state).contains("2 jobs are still running or queued. Quit anyway? y/n"))
        _ = AppReducer.reduce(&state, .jobFailed(ids[1], message: "throttled"))
        _ = AppReducer.reduce(&state, .jobFinished(ids[2], GenerationOutcome(key: F.object(2).key, seed: 2)))
        #expect(question(state).contains("All jobs have finished. Quit? y/n"), "\(question(state))")
        #expect(!state.isQuitting)
        #expect(AppReducer.reduce(&state, try #require(KeyMap.action(for: .char("y"), in: state))) == [.quit])
    }

    /// Several problems at the start are all shown, each whole (the status line held only the first, cut off), and
    /// any key closes them.
    @Test func theStartsNoticesAreShownWholeUntilAKey() throws {
        var state = F.state(width: 100, height: 30)
        let notices = [
            "/home/someone/.config/darkroom/config line 2: concurrency must be a whole number above 0.",
            "/home/someone/.config/darkroom/config line 3: expected `key = value`.",
            "/home/someone/.local/share/darkroom/history is damaged; it was moved to /home/someone/.local/share/darkroom/history.corrupt-1796099112.",
        ]
        state.overlay = .notices(notices)
        let text = AppView.render(state).lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        for notice in notices {
            // Wrapped across lines, every word of every note is on screen.
            for word in notice.split(separator: " ") { #expect(text.contains(word), "\(word) is missing:\n\(text)") }
        }
        #expect(text.contains("At the start: 3 notes · any key closes"))
        let action = try #require(KeyMap.action(for: .char("x"), in: state))
        _ = AppReducer.reduce(&state, action)
        #expect(state.overlay == nil)
    }

    @Test func fullScreenPreviewShowsThePictureAndParameters() throws {
        var state = F.stateWithGallery(1)
        let key = try #require(state.gallery.selectedObject?.key)
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, F.metadata(prompt: "a lighthouse in fog", seed: 31)))
        _ = AppReducer.reduce(&state, .toggleFullScreen)
        let area = Layout(width: 80, height: 24).previewPictureArea(fullScreen: true)
        _ = AppReducer.reduce(&state, .previewLoaded(key: key, columns: area.width, rows: area.height,
                                                     F.picture(columns: 30, rows: area.height, glyph: "█")))
        let lines = AppView.render(state).lines
        #expect(lines[0].hasPrefix("┌─ Preview · Esc or f to return"))
        #expect(lines[1].contains("██████████████████████████████"))
        #expect(lines[20].contains("seed 31"))
        // The cfg as the gallery and sweeps write it: no `.0` on a whole number.
        #expect(lines[20].contains("30 steps · cfg 7 · local preview engine"), "\(lines[20])")
        #expect(lines[21].hasPrefix("│a lighthouse in fog"))
    }

    /// An image that cannot be shown says why where its picture would be; it read "loading…" for good once the
    /// status line had moved on. Ctrl-R asks for it again; another image does not inherit the reason.
    @Test func aPreviewThatFailedSaysWhyWhereThePictureGoes() throws {
        var state = F.stateWithGallery(2)
        _ = AppReducer.reduce(&state, .resize(width: 120, height: 36))
        let key = try #require(state.gallery.selectedObject?.key)
        let reason = "The PNG file is truncated: it ends before the image is complete; download or copy it again."
        _ = AppReducer.reduce(&state, .previewFailed(key: key, reason: reason))
        state.now = state.now.addingTimeInterval(StatusLineView.messageSeconds + 1)
        func pictureText(_ state: AppState) -> String {
            let area = Layout(width: 120, height: 36).previewPictureArea(fullScreen: false)
            return AppView.render(state).lines[area.y..<area.maxY]
                .map { String($0.dropFirst(area.x).prefix(area.width)).trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
        #expect(pictureText(state) == "This image could not be shown: " + reason.dropLast() + ". Press Ctrl-R to try again.",
                "\(pictureText(state))")

        let effects = AppReducer.reduce(&state, .refreshGallery)
        #expect(effects.contains { if case .loadPreview(let object, _, _) = $0 { object.key == key } else { false } })
        #expect(pictureText(state) == "loading…")
        _ = AppReducer.reduce(&state, .previewFailed(key: key, reason: reason))
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        #expect(state.gallery.selectedObject?.key != key)
        #expect(pictureText(state) == "loading…")
    }

    /// Text from a foreign image (its prompt, its key) never puts a control character into a cell: the terminal
    /// would act on it (ESC sequences, C1 CSI) instead of showing it.
    @Test func foreignTextWithControlCharactersIsShownWithoutThem() throws {
        var state = F.stateWithGallery(1)
        let key = try #require(state.gallery.selectedObject?.key)
        var metadata = F.metadata(prompt: "ok")
        metadata.parameters.prompt = "a fox\u{1B}]0;owned\u{07} in\u{9B}2J snow\r\nat dusk\u{7F}"
        metadata.parameters.negativePrompt = "rain\u{00}\u{85}"
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, metadata))
        for fullScreen in [false, true] {
            if fullScreen { _ = AppReducer.reduce(&state, .toggleFullScreen) }
            let buffer = AppView.render(state)
            let controls = buffer.cells.flatMap(\.glyph.unicodeScalars).filter(ControlCharacters.isRefused)
            #expect(controls.isEmpty, "cells hold \(controls.map { ControlCharacters.name($0) })")
            let text = buffer.lines.joined(separator: "\n")
            #expect(text.contains("a fox]0;owned in2J") && text.contains("snow"), "\(text)")
        }
    }

    /// Below 40×12 the screen says what size it needs in whole words, shorter the smaller the screen; only a screen
    /// narrower than "40×12" itself breaks it.
    @Test func aTerminalTooSmallSaysWhatSizeItNeedsInWholeWords() {
        #expect(AppView.render(F.state(width: 30, height: 8)).lines.prefix(3) == ["The terminal is 30×8; enlarge", "it to at least 40×12.", ""])
        #expect(AppView.render(F.state(width: 12, height: 6)).lines == ["The terminal", "is 12×6;", "enlarge it", "to at least", "40×12.", ""])
        #expect(AppView.render(F.state(width: 39, height: 1)).lines == ["Enlarge to at least 40×12."])
        #expect(AppView.render(F.state(width: 6, height: 3)).lines == ["Needs", "40×12", ""])
        #expect(AppView.render(F.state(width: 3, height: 2)).lines == ["40×", "12"])
    }

    /// Keys do nothing unseen on a screen too small for the panels: `g` ran a job there. Ctrl-C still quits, asking
    /// first, on that screen, while jobs run.
    @Test func aTerminalTooSmallTakesOnlyCtrlCAndShowsItsQuestion() throws {
        var state = F.state(width: 30, height: 10)
        state.focus = .parameters
        for key: KeyEvent in [.char("g"), KeyEvent(.enter), .char("c"), KeyEvent(.tab), .char("q")] {
            #expect(KeyMap.action(for: key, in: state) == nil, "\(key)")
        }
        #expect(AppReducer.reduce(&state, .paste("a fox")).isEmpty)
        _ = state.jobs.queue.submit(GenerationParameters(prompt: "a fox", seed: 1), now: Date())
        let quit = try #require(KeyMap.action(for: .ctrl("c"), in: state))
        _ = AppReducer.reduce(&state, quit)
        #expect(AppView.render(state).lines.joined(separator: " ").contains("1 job is still running or queued. Quit anyway? y/n"))
        #expect(KeyMap.action(for: .char("g"), in: state) == nil)
        let answer = try #require(KeyMap.action(for: .char("y"), in: state))
        #expect(AppReducer.reduce(&state, answer).contains(.quit))
    }

    /// At the smallest size, and on a narrow screen however tall, side by side the right-hand panels were two or ten
    /// columns of empty box: there each panel takes the whole screen above the status line, the focused one shown,
    /// and Tab goes through them in the usual order.
    /// A tall, narrow preview (one panel on a phone) puts the details under a picture as wide as the panel; a wide
    /// one keeps them beside it.
    @Test func aTallNarrowPreviewPutsTheDetailsBelowALargerPicture() throws {
        let portrait = Layout(width: 50, height: 32)
        let inner = portrait.preview.inset(by: 1)
        let above = portrait.previewPictureArea(fullScreen: false)
        #expect(above.width == inner.width && above.height == inner.height - Layout.detailsRowsBelow, "\(above) in \(inner)")

        var state = F.stateWithGallery(1, width: 50, height: 32)
        let key = try #require(state.gallery.selectedObject?.key)
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, F.metadata(prompt: "a lighthouse in fog", seed: 31)))
        _ = AppReducer.reduce(&state, .focus(.preview))
        let lines = AppView.render(state).lines
        #expect(lines[above.maxY].contains("a lighthouse in fog"), "\(lines.joined(separator: "\n"))")

        let wide = Layout(width: 100, height: 30)
        let beside = wide.previewPictureArea(fullScreen: false)
        #expect(beside.width < wide.preview.inset(by: 1).width / 2 + 1 && beside.height == wide.preview.inset(by: 1).height)
    }

    @Test func onASmallScreenEachPanelTakesTheWholeScreenInTurn() throws {
        for (width, height) in [(40, 12), (50, 32), (110, 18)] {
            var state = F.stateWithGallery(30, width: width, height: height)
            F.type("a lighthouse in fog", into: &state)
            var titles: [String] = []
            for _ in FocusArea.allCases {
                let lines = AppView.render(state).lines
                #expect(lines.count == height)
                #expect(lines[0].hasPrefix("┌─ ") && lines[0].hasSuffix("┐") && TextWidth.of(lines[0]) == width, "\(lines[0])")
                #expect(lines[height - 2].hasPrefix("└") && lines[height - 2].hasSuffix("┘") && TextWidth.of(lines[height - 2]) == width)
                #expect(lines.dropLast().filter { $0.contains("┌") }.count == 1, "one panel at \(width)×\(height): \(lines)")
                titles.append(String(lines[0].dropFirst(3).prefix { $0 != " " }))
                // The other panels are out of sight: the status line says where Tab goes.
                #expect(lines[height - 1].hasPrefix(" Tab → \(state.focus.next().title)"), "\(lines[height - 1])")
                let body = lines[1..<(height - 2)].joined(separator: "\n")
                switch state.focus {
                case .prompt: #expect(body.contains("a lighthouse in fog"))
                case .parameters: #expect(body.contains("Model"))
                case .jobs: #expect(body.contains("No jobs yet") || body.contains("#"), "\(body)")
                case .gallery: #expect(body.contains("20261126T"), "\(body)")
                case .preview: #expect(body.contains("output-images/"), "\(body)")
                }
                _ = AppReducer.reduce(&state, .focusNext)
            }
            #expect(titles == ["Prompt", "Parameters", "Jobs", "Gallery", "Preview"])
        }
        let sideBySide = AppView.render(F.stateWithGallery(30, width: 76, height: 19)).lines
        #expect(sideBySide[0].hasPrefix("┌─ Prompt ─") && sideBySide[0].contains("┐┌─ Gallery · 30 images ─"))
    }
}
