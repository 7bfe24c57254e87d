import DarkroomBackend
import DarkroomCore
import Foundation
import Testing
@testable import DarkroomTUI

@Suite struct AppReducerTests {
    typealias F = AppFixtures

    @Test func resizeRecordsTheSizeAndLoadsNewlyVisibleThumbnails() {
        var state = F.stateWithGallery(60, width: 80, height: 24)
        let before = state.gallery.thumbnailsRequested.count
        let effects = AppReducer.reduce(&state, .resize(width: 200, height: 60))
        #expect(state.screen == (200, 60))
        #expect(state.gallery.thumbnailsRequested.count > before)
        #expect(effects.contains { if case .loadThumbnail = $0 { true } else { false } })
    }

    @Test func aLargerGalleryGetsLargerThumbnailsRequestedAfresh() {
        var state = F.stateWithGallery(60, width: 80, height: 24)
        #expect(Layout(width: 80, height: 24).thumbnailSize == (16, 6))
        let effects = AppReducer.reduce(&state, .resize(width: 200, height: 60))
        #expect(effects.contains(.loadThumbnail(F.object(59), columns: 20, rows: 8)))
        #expect(!effects.contains { if case .loadThumbnail(_, 16, _) = $0 { true } else { false } })
    }

    /// Opening an image (a job's, a sweep cell's) cleared the gallery's filter silently, even when the image passed
    /// it. A filter that shows the image stays; one that hides it goes, and the status line says so.
    @Test func openingAnImageKeepsAFilterThatShowsItAndSaysWhenItClearsOne() {
        var state = F.stateWithGallery(5)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .startFilter)
        for character in "000003Z" { _ = AppReducer.reduce(&state, .editFilter(.insert(String(character)))) }
        _ = AppReducer.reduce(&state, .finishFilter)
        #expect(state.gallery.visible.count == 1)
        state.message = nil

        _ = AppReducer.openImage(&state, key: F.object(3).key)
        #expect(state.gallery.filter.text == "000003Z")
        #expect(state.gallery.selectedObject?.key == F.object(3).key)
        #expect(state.message == nil)

        _ = AppReducer.openImage(&state, key: F.object(1).key)
        #expect(state.gallery.filter.isEmpty)
        #expect(state.gallery.selectedObject?.key == F.object(1).key)
        #expect(state.message?.text == "The gallery's filter \"000003Z\" hid this image, so it was cleared.")
    }

    @Test func tickAdvancesTheClockWithoutEffects() {
        var state = F.state()
        #expect(AppReducer.reduce(&state, .tick(F.start.addingTimeInterval(3))).isEmpty)
        #expect(state.now == F.start.addingTimeInterval(3))
    }

    @Test func focusCyclesForwardAndBackwardAndJumps() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .focusNext)
        #expect(state.focus == .parameters)
        _ = AppReducer.reduce(&state, .focusPrevious)
        _ = AppReducer.reduce(&state, .focusPrevious)
        #expect(state.focus == .preview)
        _ = AppReducer.reduce(&state, .focus(.jobs))
        #expect(state.focus == .jobs)
    }

    @Test func helpTogglesAndDismissCloses() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .toggleHelp)
        #expect(state.overlay == .help(page: 0))
        _ = AppReducer.reduce(&state, .toggleHelp)
        #expect(state.overlay == nil)
        _ = AppReducer.reduce(&state, .toggleHelp)
        _ = AppReducer.reduce(&state, .dismiss)
        #expect(state.overlay == nil)
    }

    @Test func quittingIsImmediateWithoutJobsAndConfirmedWithThem() {
        var idle = F.state()
        #expect(AppReducer.reduce(&idle, .requestQuit) == [.quit])
        var busy = F.state()
        F.type("a cat", into: &busy)
        _ = AppReducer.reduce(&busy, .submit)
        #expect(AppReducer.reduce(&busy, .requestQuit).isEmpty)
        #expect(busy.overlay == .confirmQuit)
        #expect(AppReducer.reduce(&busy, .confirmQuit) == [.quit])
        #expect(busy.isQuitting)
    }

    @Test func editingGoesToTheActiveField() {
        var state = F.state()
        F.type("cat", into: &state)
        _ = AppReducer.reduce(&state, .toggleNegativePrompt)
        F.type("dog", into: &state)
        #expect(state.prompt.editor.text == "cat")
        #expect(state.prompt.negativeEditor.text == "dog")
    }

    @Test func upOnTheFirstLineWalksHistoryAndDownComesBack() {
        var state = F.state()
        state.prompt.history = PromptHistory(entries: ["old prompt"])
        F.type("draft", into: &state)
        _ = AppReducer.reduce(&state, .edit(.up))
        #expect(state.prompt.editor.text == "old prompt")
        _ = AppReducer.reduce(&state, .edit(.down))
        #expect(state.prompt.editor.text == "draft")
    }

    @Test func ctrlPAndCtrlNWalkHistory() {
        var state = F.state()
        state.prompt.history = PromptHistory(entries: ["one", "two"])
        _ = AppReducer.reduce(&state, .historyPrevious)
        _ = AppReducer.reduce(&state, .historyPrevious)
        #expect(state.prompt.editor.text == "one")
        _ = AppReducer.reduce(&state, .historyNext)
        #expect(state.prompt.editor.text == "two")
    }

    @Test func negativePromptIsRefusedForModelsWithoutOne() {
        var state = F.state()
        state.parameters.values = ModelDescriptor.stableImageCore.defaults
        if ModelDescriptor.stableImageCore.supportsNegativePrompt { return }
        _ = AppReducer.reduce(&state, .toggleNegativePrompt)
        #expect(state.prompt.field == .prompt)
        #expect(state.message?.isError == true)
    }

    @Test func theExternalEditorsTextReplacesThePrompt() {
        var state = F.state()
        F.type("short", into: &state)
        #expect(AppReducer.reduce(&state, .openExternalEditor) == [.openExternalEditor("short")])
        _ = AppReducer.reduce(&state, .externalEditorFinished(.edited("a much longer prompt\n")))
        #expect(state.prompt.editor.text == "a much longer prompt")
        _ = AppReducer.reduce(&state, .externalEditorFinished(.failed("The editor `nano` was not found; set VISUAL or EDITOR.")))
        #expect(state.prompt.editor.text == "a much longer prompt")
        #expect(state.message == StatusMessage("The editor `nano` was not found; set VISUAL or EDITOR.", isError: true))
    }

    /// What an editor saves is cleaned as a paste is: the prompt never holds a character it cannot show.
    @Test func theExternalEditorsControlCharactersAreDropped() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .externalEditorFinished(.edited("bell\u{07} esc\u{1B}[31mred tab\there\r\nline two\r\n")))
        #expect(state.prompt.editor.text == "bell esc[31mred tab here\nline two")
        #expect(AppReducer.reduce(&state, .submit).count > 0, "the cleaned prompt is accepted")
    }

    @Test func submitQueuesAJobRecordsHistoryAndSavesBoth() throws {
        var state = F.state()
        F.type("a cat running a marathon", into: &state)
        let effects = AppReducer.reduce(&state, .submit)
        let job = try #require(state.jobs.queue.jobs.first)
        #expect(job.request.prompt == "a cat running a marathon")
        #expect(job.request.seed == nil)
        #expect(effects.contains(.startGeneration(job.id, job.request)))
        #expect(effects.contains(.saveHistory(["a cat running a marathon"])))
        #expect(effects.contains(.saveJobs(state.jobs.queue.jobs)))
    }

    @Test func submitWithALockedSeedUsesThatSeed() throws {
        var state = F.state()
        F.type("cat", into: &state)
        _ = AppReducer.reduce(&state, .seedGenerated(1234))
        _ = AppReducer.reduce(&state, .submit)
        #expect(try #require(state.jobs.queue.jobs.first).request.seed == 1234)
    }

    @Test func anEmptyOrTooLongPromptIsAMessageNotAJob() {
        var state = F.state()
        #expect(AppReducer.reduce(&state, .submit).isEmpty)
        #expect(state.message?.isError == true)
        F.type(String(repeating: "x", count: state.model.maxPromptLength + 1), into: &state)
        #expect(AppReducer.reduce(&state, .submit).isEmpty)
        #expect(state.jobs.queue.jobs.isEmpty)
    }

    @Test func parameterSelectionStaysInRange() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .selectParameter(delta: -10))
        #expect(state.parameters.row == .model)
        _ = AppReducer.reduce(&state, .selectParameter(delta: 10))
        #expect(state.parameters.row == .seed)
    }

    @Test func cfgAndStepsMoveByTheCatalogsStepsAndClamp() throws {
        var state = F.state()
        let model = state.model
        let cfg = try #require(model.cfgScale)
        state.parameters.row = .cfgScale
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false))
        #expect(state.parameters.values.cfgScale == cfg.defaultValue + cfg.step)
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: true))
        #expect(state.parameters.values.cfgScale == cfg.defaultValue + cfg.step + cfg.coarseStep)
        for _ in 0..<100 { _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: true)) }
        #expect(state.parameters.values.cfgScale == cfg.bounds.upperBound)
        let steps = try #require(model.steps)
        state.parameters.row = .steps
        _ = AppReducer.reduce(&state, .adjustParameter(direction: -1, coarse: true))
        #expect(state.parameters.values.steps == steps.defaultValue - steps.coarseStep)
    }

    @Test func pickersCycleThroughTheModelsChoices() {
        var state = F.state()
        state.parameters.row = .size
        let sizes = state.model.sizes
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false))
        #expect(state.parameters.values.size == sizes[1])
        state.parameters.row = .style
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false))
        #expect(state.parameters.values.stylePreset == state.model.stylePresets.first)
        state.parameters.row = .model
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false))
        #expect(state.parameters.values.model == ModelCatalog.all[1].id)
        #expect(state.model.sizes.contains(state.parameters.values.size))
    }

    @Test func nudgingTheSeedLocksIt() {
        var state = F.state()
        state.parameters.row = .seed
        state.parameters.values.seed = 10
        _ = AppReducer.reduce(&state, .adjustParameter(direction: -1, coarse: false))
        #expect(state.parameters.values.seed == 9)
        #expect(state.parameters.seedLocked)
        _ = AppReducer.reduce(&state, .adjustParameter(direction: -1, coarse: true))
        #expect(state.parameters.values.seed == 0)
    }

    /// A locked seed the next model cannot take was lowered without a word (4000000000 became 858993459 on Nova
    /// Canvas, and stayed so back on SDXL). The status line says what it became.
    @Test func aLockedSeedTheNextModelCannotTakeIsLoweredAndSaidSo() {
        var state = F.state()
        state.parameters.row = .seed
        for digit in "4000000000" { _ = AppReducer.reduce(&state, .typeDigit(digit)) }
        _ = AppReducer.reduce(&state, .commitTypedNumber)
        #expect(state.parameters.values.seed == 4_000_000_000 && state.parameters.seedLocked)
        state.parameters.row = .model
        while state.model.id != ModelDescriptor.novaCanvas.id { _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false)) }
        #expect(state.parameters.values.seed == 858_993_459)
        #expect(state.message?.text == "Nova Canvas takes seeds up to 858993459: the locked seed 4000000000 is now 858993459.")
        // A seed the next model takes is kept, without a note.
        state.message = nil
        _ = AppReducer.reduce(&state, .adjustParameter(direction: 1, coarse: false))
        #expect(state.parameters.values.seed == 858_993_459 && state.message == nil)
    }

    @Test func typedNumbersSetValuesExactlyOrExplainTheRange() {
        var state = F.state()
        state.parameters.row = .steps
        for digit in "42" { _ = AppReducer.reduce(&state, .typeDigit(digit)) }
        #expect(state.parameters.typedNumber == "42")
        _ = AppReducer.reduce(&state, .commitTypedNumber)
        #expect(state.parameters.values.steps == 42)
        for digit in "9999" { _ = AppReducer.reduce(&state, .typeDigit(digit)) }
        _ = AppReducer.reduce(&state, .commitTypedNumber)
        #expect(state.parameters.values.steps == 42)
        #expect(state.message?.text.contains("10 to 150") == true)
    }

    /// A number being typed could not be corrected: Backspace and Esc left "CFG    = 3_  Enter sets" as it was.
    @Test func aTypedNumberIsErasedWithBackspaceAndCancelledWithEscape() throws {
        var state = F.state()
        _ = AppReducer.reduce(&state, .focus(.parameters))
        state.parameters.row = .cfgScale
        let cfg = state.parameters.values.cfgScale
        func press(_ key: KeyEvent) throws {
            _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: key, in: state), "\(key) does nothing"))
        }
        try press(.char("1"))
        try press(.char("2"))
        try press(KeyEvent(.backspace))
        #expect(state.parameters.typedNumber == "1")
        try press(KeyEvent(.backspace))
        #expect(state.parameters.typedNumber == nil, "nothing left to erase: the entry ends")
        try press(.char("3"))
        try press(KeyEvent(.escape))
        #expect(state.parameters.typedNumber == nil)
        #expect(state.parameters.values.cfgScale == cfg)
        #expect(AppView.render(state).lines[11].hasPrefix("│CFG    ━━━━━─────────────────── 7.0"))
    }

    /// A person who likes the image a random seed made presses `l` to keep that seed: it locks the seed of the image
    /// just finished, not the model's default (which makes another picture), and a locked seed is never replaced.
    @Test func whileTheSeedIsRandomLockingKeepsTheLastImagesSeed() throws {
        var state = stateWithJobs(["a koi pond", "a heron"])
        let (first, second) = (state.jobs.queue.jobs[0].id, state.jobs.queue.jobs[1].id)
        #expect(state.jobs.queue.jobs.allSatisfy { $0.request.seed == nil }, "both drew a random seed")
        _ = AppReducer.reduce(&state, .jobFinished(first, GenerationOutcome(key: F.object(1).key, seed: 903_064_261)))
        _ = AppReducer.reduce(&state, .focus(.parameters))
        state.parameters.row = .seed
        #expect(AppView.render(state).lines.contains { $0.contains("Seed   random (l locks 903064261)") })
        _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: .char("l"), in: state)))
        #expect(state.parameters.seedLocked && state.parameters.values.seed == 903_064_261)
        _ = AppReducer.reduce(&state, .jobFinished(second, GenerationOutcome(key: F.object(2).key, seed: 5)))
        #expect(state.parameters.values.seed == 903_064_261, "a locked seed stays")

        // A seed the current model cannot take is not offered: Nova Canvas takes up to 858993459.
        var nova = stateWithJobs(["a"])
        _ = AppReducer.reduce(&nova, .focus(.parameters))
        nova.parameters.row = .model
        while nova.model.id != ModelDescriptor.novaCanvas.id { _ = AppReducer.reduce(&nova, .adjustParameter(direction: 1, coarse: false)) }
        let offered = nova.parameters.values.seed
        _ = AppReducer.reduce(&nova, .jobFinished(nova.jobs.queue.jobs[0].id, GenerationOutcome(key: F.object(1).key, seed: 4_000_000_000)))
        #expect(nova.parameters.values.seed == offered)
    }

    @Test func seedLockTogglesAndRandomSeedsComeFromAnEffect() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .seedGenerated(12))
        _ = AppReducer.reduce(&state, .toggleSeedLock)
        #expect(!state.parameters.seedLocked)
        _ = AppReducer.reduce(&state, .toggleSeedLock)
        #expect(state.parameters.seedLocked)
        #expect(AppReducer.reduce(&state, .randomizeSeed) == [.drawRandomSeed(state.model.seedRange)])
        _ = AppReducer.reduce(&state, .seedGenerated(77))
        #expect(state.parameters.values.seed == 77)
    }

    /// A first start offers no seed (it offered 1, a number no image had): `l` then locks a newly drawn one. After a
    /// restart the newest image's seed is offered, as it was when that image finished.
    @Test func theSeedOfferedIsTheNewestImagesOrANewOne() throws {
        var fresh = F.state()
        _ = AppReducer.reduce(&fresh, .focus(.parameters))
        fresh.parameters.row = .seed
        #expect(fresh.parameters.values.seed == nil)
        #expect(AppView.render(fresh).lines.contains { $0.contains("Seed   random (l locks a new one)") })
        let effects = AppReducer.reduce(&fresh, try #require(KeyMap.action(for: .char("l"), in: fresh)))
        #expect(effects == [.drawRandomSeed(fresh.model.seedRange)])
        #expect(!fresh.parameters.seedLocked, "locked once the drawn seed arrives")
        _ = AppReducer.reduce(&fresh, .seedGenerated(2_718_281_828))
        #expect(fresh.parameters.seedLocked && fresh.parameters.values.seed == 2_718_281_828)
        #expect(AppView.render(fresh).lines.contains { $0.contains("Seed   2718281828 locked") })

        var earlier = stateWithJobs(["a koi pond", "a heron", "a crane"])
        let ids = earlier.jobs.queue.jobs.map(\.id)
        _ = AppReducer.reduce(&earlier, .jobFinished(ids[0], GenerationOutcome(key: F.object(1).key, seed: 31)))
        _ = AppReducer.reduce(&earlier, .jobFinished(ids[1], GenerationOutcome(key: F.object(2).key, seed: 4_000_000_000)))
        _ = AppReducer.reduce(&earlier, .jobFailed(ids[2], message: "throttled"))
        let restored = GenerationJobs(restoring: earlier.jobs.queue.jobs, now: F.start)
        let restarted = AppState(screen: (120, 40), theme: Theme(colorMode: .xterm256, unicode: true),
                                 connection: ConnectionInfo(backend: "local", location: "/tmp/darkroom"), now: F.start, jobs: restored)
        #expect(restarted.parameters.values.seed == 4_000_000_000, "the newest saved image's, past the failed job")
        #expect(!restarted.parameters.seedLocked)
    }

    private func stateWithJobs(_ prompts: [String]) -> AppState {
        var state = F.state()
        for prompt in prompts {
            state.prompt.editor = TextEditor(text: prompt)
            _ = AppReducer.reduce(&state, .submit)
        }
        return state
    }

    @Test func jobSelectionMovesFromNewestToOlder() {
        var state = stateWithJobs(["a", "b", "c"])
        #expect(state.jobs.selectedJob?.request.prompt == "c")
        _ = AppReducer.reduce(&state, .selectJob(delta: 1))
        #expect(state.jobs.selectedJob?.request.prompt == "b")
        _ = AppReducer.reduce(&state, .selectJob(delta: -5))
        #expect(state.jobs.selectedJob?.request.prompt == "c")
    }

    @Test func cancellingARunningJobStopsItsWork() throws {
        var state = stateWithJobs(["a"])
        let id = try #require(state.jobs.selected)
        #expect(AppReducer.reduce(&state, .cancelSelectedJob).contains(.cancelGeneration(id)))
    }

    @Test func retryingAFailedJobStartsItAgain() throws {
        var state = stateWithJobs(["a"])
        let id = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobFailed(id, message: "The model timed out; try again."))
        let effects = AppReducer.reduce(&state, .retrySelectedJob)
        #expect(effects.contains { if case .startGeneration(id, _) = $0 { true } else { false } })
        #expect(state.jobs.queue[id]?.retries == 1)
    }

    @Test func automaticRetriesAreCounted() throws {
        var state = stateWithJobs(["a"])
        let id = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobRetrying(id, reason: "throttled"))
        #expect(state.jobs.queue[id]?.retries == 1)
    }

    @Test func aFinishedJobFetchesItsObjectAndOpensIntoThePreview() throws {
        var state = stateWithJobs(["a"])
        let id = try #require(state.jobs.selected)
        let object = F.object(7)
        let effects = AppReducer.reduce(&state, .jobFinished(id, GenerationOutcome(key: object.key, seed: 5)))
        #expect(effects.contains(.fetchObject(key: object.key)))
        _ = AppReducer.reduce(&state, .galleryObjectAdded(object))
        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .openSelectedJob)
        #expect(state.focus == .preview)
        #expect(state.gallery.selectedObject == object)
    }

    /// "Job #1 queued…" must not stay up after the image is saved: the note follows its job to the end, and a later
    /// note about something else is left alone.
    @Test func theQueuedNoteIsReplacedByHowItsJobEnded() throws {
        var state = stateWithJobs(["a"])
        let first = try #require(state.jobs.selected)
        #expect(state.message?.text == "Job #1 queued with a random seed.")
        _ = AppReducer.reduce(&state, .jobFinished(first, GenerationOutcome(key: F.object(1).key, seed: 99)))
        #expect(state.message == StatusMessage("Job #1 saved with seed 99."))

        state.prompt.editor = TextEditor(text: "b")
        _ = AppReducer.reduce(&state, .submit)
        let second = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobFailed(second, message: "Bedrock throttled the request."))
        #expect(state.message == StatusMessage("Job #2 failed: Bedrock throttled the request.", isError: true))

        state.prompt.editor = TextEditor(text: "c")
        _ = AppReducer.reduce(&state, .submit)
        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .cancelSelectedJob)
        #expect(state.message == StatusMessage("Job #3 cancelled."))

        state.prompt.editor = TextEditor(text: "d")
        _ = AppReducer.reduce(&state, .submit)
        let fourth = try #require(state.jobs.selected)
        let unrelated = StatusMessage("Copied s3://bucket/key to the clipboard.")
        state.message = unrelated
        _ = AppReducer.reduce(&state, .jobFinished(fourth, GenerationOutcome(key: F.object(2).key, seed: 7)))
        #expect(state.message == unrelated)
    }

    /// A paste is text in the field being edited, one undo step; never keys (its newline would submit, its letters
    /// run commands), and control characters from it never reach the prompt.
    @Test func aPasteGoesIntoTheFieldBeingEditedAsText() throws {
        var state = F.state()
        F.type("a ", into: &state)
        #expect(AppReducer.reduce(&state, .paste("red fox\r\nin snow\tq\u{1B}[31m!")).isEmpty)
        #expect(state.prompt.editor.text == "a red fox\nin snow q[31m!")
        #expect(state.jobs.queue.jobs.isEmpty)
        _ = AppReducer.reduce(&state, .edit(.undo))
        #expect(state.prompt.editor.text == "a ")

        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .startFilter)
        _ = AppReducer.reduce(&state, .paste("fox\nsnow"))
        #expect(state.gallery.filter.text == "fox snow")
        // The prompts' own rule decides what is dropped: a right-to-left override too, which submit would refuse.
        _ = AppReducer.reduce(&state, .editFilter(.killToLineStart))
        _ = AppReducer.reduce(&state, .paste("cat\u{202E}god\r"))
        #expect(state.gallery.filter.text == "catgod ")
        _ = AppReducer.reduce(&state, .finishFilter)

        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .paste("c"))
        #expect(state.message?.text == "Paste into the prompt or the gallery filter; this panel takes keys, not text.")

        _ = AppReducer.reduce(&state, .sweep(.openEditor))
        _ = AppReducer.reduce(&state, .paste("steps=20,30\n"))
        #expect(state.sweeps.editor?.axes[0].text.hasSuffix("steps=20,30 ") == true)
    }

    @Test func regenerateFromAJobReusesItsParametersAndSeed() throws {
        var state = stateWithJobs(["a cat"])
        let id = try #require(state.jobs.selected)
        _ = AppReducer.reduce(&state, .jobFinished(id, GenerationOutcome(key: F.object(1).key, seed: 99)))
        _ = AppReducer.reduce(&state, .focus(.jobs))
        _ = AppReducer.reduce(&state, .regenerate)
        let newJob = try #require(state.jobs.queue.jobs.last)
        #expect(newJob.id != id)
        #expect(newJob.request.seed == 99)
        #expect(newJob.request.prompt == "a cat")
    }

    @Test func regenerateFromTheGalleryUsesTheImagesMetadata() throws {
        var state = F.stateWithGallery(3)
        let object = try #require(state.gallery.selectedObject)
        _ = AppReducer.reduce(&state, .metadataLoaded(key: object.key, F.metadata(prompt: "a lighthouse", seed: 31)))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .regenerate)
        _ = AppReducer.reduce(&state, .vary)
        let jobs = state.jobs.queue.jobs
        #expect(jobs.count == 2)
        #expect(jobs[0].request.seed == 31)
        #expect(jobs[1].request.seed == nil)
        #expect(jobs[1].request.prompt == "a lighthouse")
    }

    @Test func imagesWithoutMetadataCannotBeRegeneratedAndSaySo() {
        var state = F.stateWithGallery(1)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        let key = state.gallery.selectedObject?.key ?? ""
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, nil))
        _ = AppReducer.reduce(&state, .regenerate)
        #expect(state.jobs.queue.jobs.isEmpty)
        #expect(state.message?.text.contains("no generation parameters") == true)
    }

    @Test func loadIntoEditorCopiesPromptParametersAndLocksTheSeed() throws {
        var state = F.stateWithGallery(1)
        let key = try #require(state.gallery.selectedObject?.key)
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, F.metadata(prompt: "foggy harbour", seed: 8)))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .loadIntoEditor)
        #expect(state.prompt.editor.text == "foggy harbour")
        #expect(state.parameters.values.seed == 8)
        #expect(state.parameters.seedLocked)
        #expect(state.focus == .prompt)
    }

    /// Ctrl-Z after `e` put back only the prompt: the loaded negative prompt, steps and locked seed stayed. Loading
    /// is one step now, reached after the edits made since are undone.
    @Test func undoAfterLoadingPutsBackThePromptAndTheParameters() throws {
        var state = F.stateWithGallery(1)
        let key = try #require(state.gallery.selectedObject?.key)
        F.type("my own idea", into: &state)
        _ = AppReducer.reduce(&state, .toggleNegativePrompt)
        F.type("blurry", into: &state)
        _ = AppReducer.reduce(&state, .toggleNegativePrompt)
        state.parameters.values.steps = 44
        let before = state.parameters
        var loaded = F.metadata(prompt: "foggy harbour", seed: 8)
        loaded.parameters.negativePrompt = "people"
        _ = AppReducer.reduce(&state, .metadataLoaded(key: key, loaded))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .loadIntoEditor)
        #expect(state.prompt.negativeEditor.text == "people" && state.parameters.seedLocked)

        // An edit after the load is undone first, on its own.
        F.type(" dawn", into: &state)
        _ = AppReducer.reduce(&state, .edit(.undo))
        #expect(state.prompt.editor.text == "foggy harbour")
        #expect(state.parameters.values.seed == 8)
        // The next undo takes the whole load back.
        _ = AppReducer.reduce(&state, .edit(.undo))
        #expect(state.prompt.editor.text == "my own idea")
        #expect(state.prompt.negativeEditor.text == "blurry")
        #expect(state.parameters == before)
        #expect(!state.parameters.seedLocked && state.parameters.values.steps == 44)
        // And the prompt's own history goes on from there.
        _ = AppReducer.reduce(&state, .edit(.undo))
        #expect(state.prompt.editor.text != "my own idea")
    }

    /// d, y and Y on a sweep grid saved and copied the gallery's hidden selection: they take the cell under the
    /// cursor, and say so when it has no image yet. Opening a job's image from Jobs closes the grid to show it.
    @Test func downloadAndCopyOnASweepGridTakeTheCellUnderTheCursor() throws {
        var (state, _) = SweepReducerTests.running()
        _ = AppReducer.reduce(&state, .galleryPageLoaded([F.object(1)], isFirstPage: true, isLastPage: true))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        let id = try #require(state.sweeps.groups.first?.cellJobs[0])
        _ = AppReducer.reduce(&state, .jobFinished(id, SweepReducerTests.outcome(id)))
        _ = AppReducer.reduce(&state, .tick(F.start))
        let tile = try #require(state.sweeps.tilesRequested.first)
        _ = AppReducer.reduce(&state, .sweep(.tileLoaded(tileKey: tile, F.picture(columns: 4, rows: 2), image: F.cellImage(tile))))
        let cell = F.cellImage(tile)
        #expect(cell.key != F.object(1).key)
        #expect(AppReducer.reduce(&state, .downloadSelected) == [.download(cell)])
        #expect(AppReducer.reduce(&state, .copyPresignedURL) == [.copyPresignedURL(key: cell.key)])
        let copied = AppReducer.reduce(&state, .copyURI)
        #expect(copied.count == 1 && state.message?.text.contains(cell.key) == true)

        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 1, dy: 0)))
        #expect(AppReducer.reduce(&state, .downloadSelected).isEmpty)
        #expect(state.message?.text == "This cell has no image yet.")

        // A job of its own, opened from Jobs while the grid is up: the preview shows its image, and d saves that.
        let single = state.jobs.queue.submit(GenerationParameters(prompt: "a heron", seed: 3), now: F.start).id
        for job in state.jobs.queue.jobs { _ = AppReducer.reduce(&state, .jobFinished(job.id, SweepReducerTests.outcome(job.id))) }
        let image = F.cellImage(SweepReducerTests.outcome(single).key)
        _ = AppReducer.reduce(&state, .galleryPageLoaded([image, F.object(1)], isFirstPage: true, isLastPage: true))
        _ = AppReducer.reduce(&state, .focus(.jobs))
        state.jobs.selected = single
        _ = AppReducer.reduce(&state, .openSelectedJob)
        #expect(state.sweeps.grid == nil && state.focus == .preview)
        #expect(AppReducer.reduce(&state, .downloadSelected) == [.download(image)])
    }

    /// With a sweep grid in the preview, e and v took the gallery's selection hidden behind the grid ("a dog")
    /// while r ran the grid again: they take the cell under the cursor now.
    @Test func editAndVariationOnASweepGridTakeTheCellUnderTheCursor() throws {
        var (state, _) = SweepReducerTests.running()
        _ = AppReducer.reduce(&state, .galleryPageLoaded([F.object(1)], isFirstPage: true, isLastPage: true))
        _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(1).key, F.metadata(prompt: "a dog", seed: 5)))
        _ = AppReducer.reduce(&state, .sweep(.showGrid(group: 1)))
        _ = AppReducer.reduce(&state, .sweep(.moveCell(dx: 2, dy: 1)))
        let jobs = state.jobs.queue.jobs.count
        _ = AppReducer.reduce(&state, .vary)
        let variation = try #require(state.jobs.queue.jobs.last?.request)
        #expect(state.jobs.queue.jobs.count == jobs + 1)
        #expect(variation.prompt == "a lighthouse" && variation.cfgScale == 10 && variation.steps == 30)
        #expect(variation.seed == nil, "a variation draws a new seed")

        state.prompt.editor = TextEditor()
        _ = AppReducer.reduce(&state, .loadIntoEditor)
        #expect(state.prompt.editor.text == "a lighthouse")
        #expect(state.parameters.values.cfgScale == 10 && state.parameters.values.steps == 30)
        #expect(state.parameters.values.seed == 42 && state.parameters.seedLocked)
    }

    @Test func gallerySelectionMovesByTilesAndRowsWithinBounds() {
        var state = F.stateWithGallery(50, width: 200, height: 60)
        let perRow = Layout(width: 200, height: 60).gridColumns
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        #expect(state.gallery.selection == 1)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 0, rows: 1))
        #expect(state.gallery.selection == 1 + perRow)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 0, rows: 1000))
        #expect(state.gallery.selection == 49)
    }

    /// PgDn/PgUp moved ten rows whatever the layout showed: at 110x32 that skipped five screens of the grid's two
    /// rows, and was less than the list's fourteen lines. A page is the rows on screen now.
    @Test func pageDownAndUpMoveByTheRowsOnScreen() throws {
        var state = F.stateWithGallery(300, width: 110, height: 32)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        let layout = Layout(width: 110, height: 32)
        #expect(layout.gridRows == 2 && layout.listRows == 14)
        let pageDown = try #require(KeyMap.action(for: KeyEvent(.pageDown), in: state))
        _ = AppReducer.reduce(&state, pageDown)
        #expect(state.gallery.selection == layout.gridRows * layout.gridColumns)
        _ = AppReducer.reduce(&state, try #require(KeyMap.action(for: KeyEvent(.pageUp), in: state)))
        #expect(state.gallery.selection == 0)
        _ = AppReducer.reduce(&state, .toggleGalleryLayout)
        _ = AppReducer.reduce(&state, pageDown)
        _ = AppReducer.reduce(&state, pageDown)
        #expect(state.gallery.selection == 2 * layout.listRows)
    }

    @Test func scrollingTheGalleryLoadsOnlyNewlyVisibleThumbnailsOnce() {
        var state = F.stateWithGallery(200)
        let first = state.gallery.thumbnailsRequested
        let effects = AppReducer.reduce(&state, .moveGallerySelection(columns: 0, rows: 20))
        let loads = effects.compactMap { if case .loadThumbnail(let object, _, _) = $0 { object.key } else { nil } }
        #expect(!loads.isEmpty)
        #expect(Set(loads).isDisjoint(with: first))
        #expect(state.gallery.thumbnailsRequested.count < 200)
    }

    @Test func layoutTogglesBetweenGridAndList() {
        var state = F.stateWithGallery(3)
        _ = AppReducer.reduce(&state, .toggleGalleryLayout)
        #expect(state.gallery.layout == .list)
        // A row shows the time it is sorted by, the one in its name, not the file's (a copy made two months later).
        let copied = StoredObject(key: "output-images/20261126T101500Z-7-0a1b2c3d.png", size: 10, lastModified: F.start, etag: "c")
        _ = AppReducer.reduce(&state, .galleryObjectAdded(copied))
        // At 80 columns, the month and day only (the file's would be 14:13, the state's day).
        let narrow = AppView.render(state).lines
        #expect(narrow.contains { $0.contains("│11-26 output-images/20261126T101500Z") }, "\(narrow.joined(separator: "\n"))")
        _ = AppReducer.reduce(&state, .resize(width: 160, height: 30))
        let wide = AppView.render(state).lines
        #expect(wide.contains { $0.contains("2026-11-26 10:15") }, "\(wide.joined(separator: "\n"))")
        _ = AppReducer.reduce(&state, .toggleGalleryLayout)
        #expect(state.gallery.layout == .grid)
    }

    @Test func filteringMatchesPromptsAndKeysIncrementally() {
        var state = F.stateWithGallery(5)
        _ = AppReducer.reduce(&state, .metadataLoaded(key: F.object(2).key, F.metadata(prompt: "A Red Fox")))
        _ = AppReducer.reduce(&state, .startFilter)
        #expect(state.gallery.isEditingFilter)
        for character in "fox" { _ = AppReducer.reduce(&state, .editFilter(.insert(String(character)))) }
        #expect(state.gallery.visible.count == 1)
        #expect(state.gallery.selectedObject?.key == F.object(2).key)
        _ = AppReducer.reduce(&state, .finishFilter)
        #expect(!state.gallery.isEditingFilter)
        #expect(state.gallery.visible.count == 1)
    }

    @Test func aFilterSearchesTheMetadataOfEveryListedImageFourAtATime() throws {
        var state = F.stateWithGallery(40)
        let onScreen = state.gallery.metadataRequested
        #expect(!onScreen.isEmpty && onScreen.count < 40)
        for key in onScreen { _ = AppReducer.reduce(&state, .metadataLoaded(key: key, nil)) }
        var pending = metadataLoads(AppReducer.reduce(&state, .editFilter(.insert("fox"))))
        let offScreen = state.gallery.objects.filter { !onScreen.contains($0.key) }
        #expect(pending == Array(offScreen.prefix(4)))
        #expect(state.gallery.visible.isEmpty)
        #expect(state.gallery.searchProgress.map { [$0.searched, $0.total] } == [onScreen.count, 40])
        var fetched = pending
        while !pending.isEmpty {
            let object = pending.removeFirst()
            let metadata = object == F.object(3) ? F.metadata(prompt: "a red fox") : nil
            let more = metadataLoads(AppReducer.reduce(&state, .metadataLoaded(key: object.key, metadata)))
            pending += more
            fetched += more
            #expect(pending.count <= AppReducer.searchConcurrency)
        }
        #expect(fetched == offScreen)
        #expect(state.gallery.selectedObject == F.object(3))
        #expect(state.gallery.visible.count == 1)
        #expect(state.gallery.searchProgress == nil)
    }

    private func metadataLoads(_ effects: [AppEffect]) -> [StoredObject] {
        effects.compactMap { if case .loadMetadata(let object) = $0 { object } else { nil } }
    }

    @Test func refreshListsAgainAndPagesArriveNewestFirst() {
        var state = F.state()
        #expect(AppReducer.reduce(&state, .refreshGallery) == [.listGallery, .sweep(.listPastSweeps)])
        #expect(state.gallery.listing == .loading)
        _ = AppReducer.reduce(&state, .galleryPageLoaded([F.object(1), F.object(3)], isFirstPage: true, isLastPage: false))
        _ = AppReducer.reduce(&state, .galleryPageLoaded([F.object(2)], isFirstPage: false, isLastPage: true))
        #expect(state.gallery.objects.map(\.key) == [F.object(3).key, F.object(2).key, F.object(1).key])
        #expect(state.gallery.listing == .loaded)
    }

    @Test func catalogMatchesArriveAWindowAtATimeAndTheNextIsAskedNearItsEnd() {
        var state = F.stateWithGallery(2_000)
        _ = AppReducer.reduce(&state, .catalogAttached(unread: 0))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .startFilter)
        let effects = AppReducer.reduce(&state, .editFilter(.insert("a")))
        #expect(effects.contains(.searchCatalog("a", offset: 0, limit: AppReducer.matchWindow)))
        // Every other image matches: the first window, and the number of all matches.
        let matches = state.gallery.objects.enumerated().filter { $0.offset % 2 == 0 }.map(\.element.key)
        _ = AppReducer.reduce(&state, .catalogSearchResults(text: "a", offset: 0, keys: Array(matches.prefix(AppReducer.matchWindow)),
                                                            total: matches.count, unsearched: 0))
        #expect(state.gallery.visible.count == AppReducer.matchWindow)
        #expect(state.gallery.matchCount == 1_000)
        #expect(state.gallery.selectedObject?.key == matches[0])
        // Moving towards the window's end asks for the next one, once.
        var asked: [AppEffect] = []
        for _ in 0..<(AppReducer.matchWindow - AppReducer.matchWindowMargin + 1) {
            asked += AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        }
        let next = asked.filter { if case .searchCatalog = $0 { true } else { false } }
        #expect(next == [.searchCatalog("a", offset: AppReducer.matchWindow, limit: AppReducer.matchWindow)])
        let selected = state.gallery.selectedObject?.key
        _ = AppReducer.reduce(&state, .catalogSearchResults(text: "a", offset: AppReducer.matchWindow,
                                                            keys: Array(matches[AppReducer.matchWindow...]), total: matches.count, unsearched: 0))
        #expect(state.gallery.visible.map { state.gallery.objects[$0].key } == matches)
        #expect(state.gallery.selectedObject?.key == selected, "the selection stays on its image")
        // An answer for text no longer typed is ignored.
        _ = AppReducer.reduce(&state, .editFilter(.insert("b")))
        _ = AppReducer.reduce(&state, .catalogSearchResults(text: "a", offset: 0, keys: [], total: 0, unsearched: 0))
        #expect(state.gallery.visible.count == 1_000)
    }

    @Test func whileTheFilterIsTypedItsTilesLoadOnceTheAnswersPause() throws {
        var state = F.stateWithGallery(300)
        _ = AppReducer.reduce(&state, .catalogAttached(unread: 0))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .startFilter)
        let start = state.now
        let matches = state.gallery.objects.suffix(100).map(\.key)
        func loads(_ effects: [AppEffect]) -> [AppEffect] {
            effects.filter { if case .loadThumbnail = $0 { true } else if case .loadMetadata = $0 { true } else { false } }
        }
        // Two keys and their answers in quick succession: no tile of theirs is loaded yet.
        var effects = AppReducer.reduce(&state, .editFilter(.insert("h")))
        effects += AppReducer.reduce(&state, .catalogSearchResults(text: "h", offset: 0, keys: matches, total: 100, unsearched: 0))
        effects += AppReducer.reduce(&state, .tick(start.addingTimeInterval(0.05)))
        effects += AppReducer.reduce(&state, .editFilter(.insert("e")))
        effects += AppReducer.reduce(&state, .catalogSearchResults(text: "he", offset: 0, keys: Array(matches.suffix(50)), total: 50, unsearched: 0))
        #expect(loads(effects).isEmpty)
        #expect(state.gallery.visible.count == 50)
        let due = try #require(state.gallery.tileLoadsDue)
        #expect(state.nextTimer(after: state.now) == due, "the loop wakes for them")
        #expect(loads(AppReducer.reduce(&state, .tick(start.addingTimeInterval(0.1)))).isEmpty)
        // The pause: the last answer's tiles, and only those.
        let loaded = loads(AppReducer.reduce(&state, .tick(start.addingTimeInterval(1))))
        #expect(!loaded.isEmpty)
        #expect(loaded.allSatisfy {
            switch $0 {
            case .loadThumbnail(let object, _, _), .loadMetadata(let object): matches.suffix(50).contains(object.key)
            default: false
            }
        })
        #expect(state.gallery.tileLoadsDue == nil)
        #expect(state.nextTimer(after: state.now) == nil)
    }

    @Test func imagesAFullListingNoLongerFoundLeaveAndTheSelectionStaysOnItsImage() {
        var state = F.stateWithGallery(5)
        _ = AppReducer.reduce(&state, .focus(.gallery))
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        let selected = state.gallery.selectedObject?.key
        state.gallery.listing = .loading
        _ = AppReducer.reduce(&state, .galleryEntriesRemoved([F.object(4).key, F.object(0).key, "output-images/unknown.png"], isLastPage: true))
        #expect(state.gallery.objects.map(\.key) == [F.object(3).key, F.object(2).key, F.object(1).key])
        #expect(state.gallery.selectedObject?.key == selected)
        #expect(state.gallery.listing == .loaded)
    }

    @Test func aFailedListingKeepsTheReason() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .galleryListingFailed("The bucket does not exist; check --bucket."))
        #expect(state.gallery.listing == .failed("The bucket does not exist; check --bucket."))
    }

    @Test func newImagesAppearAtTheTopWithoutMovingTheSelection() {
        var state = F.stateWithGallery(3)
        _ = AppReducer.reduce(&state, .moveGallerySelection(columns: 1, rows: 0))
        let selected = state.gallery.selectedObject
        _ = AppReducer.reduce(&state, .galleryObjectAdded(F.object(10)))
        #expect(state.gallery.objects.first == F.object(10))
        #expect(state.gallery.selectedObject == selected)
    }

    @Test func aNewImageIsSelectedWhenTheNewestWasSelectedOrNothing() {
        var state = F.stateWithGallery(3)
        #expect(state.gallery.selection == 0)
        let effects = AppReducer.reduce(&state, .galleryObjectAdded(F.object(10)))
        #expect(state.gallery.selectedObject == F.object(10))
        #expect(effects.contains { if case .loadPreview(F.object(10), _, _) = $0 { true } else { false } })

        var empty = F.stateWithGallery(0)
        _ = AppReducer.reduce(&empty, .galleryObjectAdded(F.object(1)))
        #expect(empty.gallery.selectedObject == F.object(1))
    }

    @Test func thumbnailsAreStoredAndFailuresRemembered() {
        var state = F.stateWithGallery(2)
        _ = AppReducer.reduce(&state, .thumbnailLoaded(key: "a", F.picture(columns: 2, rows: 1)))
        _ = AppReducer.reduce(&state, .thumbnailFailed(key: "b", reason: "not a PNG"))
        #expect(state.gallery.thumbnails["a"] == .picture(F.picture(columns: 2, rows: 1)))
        #expect(state.gallery.thumbnails["b"] == .failed("not a PNG"))
    }

    @Test func previewPicturesAreKeptAndFailuresReported() {
        var state = F.stateWithGallery(1)
        let key = state.gallery.selectedObject?.key ?? ""
        _ = AppReducer.reduce(&state, .previewLoaded(key: key, columns: 4, rows: 2, F.picture(columns: 4, rows: 2)))
        #expect(state.preview.picture?.key == key)
        _ = AppReducer.reduce(&state, .previewFailed(key: key, reason: "truncated"))
        #expect(state.message?.isError == true)
    }

    @Test func fullScreenAsksForALargerPreview() throws {
        var state = F.stateWithGallery(1)
        let effects = AppReducer.reduce(&state, .toggleFullScreen)
        #expect(state.preview.isFullScreen)
        let load = try #require(effects.first)
        guard case .loadPreview(_, let columns, let rows) = load else {
            Issue.record("expected a preview load")
            return
        }
        let area = Layout(width: 80, height: 24).previewPictureArea(fullScreen: true)
        #expect(columns == area.width && rows == area.height)
    }

    @Test func downloadAndCopiesActOnTheSelectedImage() throws {
        var state = F.stateWithGallery(1)
        let object = try #require(state.gallery.selectedObject)
        #expect(AppReducer.reduce(&state, .downloadSelected) == [.download(object)])
        #expect(AppReducer.reduce(&state, .copyURI) == [.copyToClipboard("/tmp/darkroom/\(object.key)")])
        #expect(AppReducer.reduce(&state, .copyPresignedURL) == [.copyPresignedURL(key: object.key)])
        var s3 = state
        s3.connection.location = "s3://bucket"
        #expect(AppReducer.reduce(&s3, .copyURI) == [.copyToClipboard("s3://bucket/\(object.key)")])
        var empty = F.state()
        #expect(AppReducer.reduce(&empty, .downloadSelected).isEmpty)
    }

    /// A note asking the user to do something stayed its six seconds after they did it. It goes once done; other
    /// notes stay.
    @Test func aNoteAskingForSomethingGoesOnceItIsDone() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .submit)
        #expect(state.message?.text == "Write a prompt first, then press Enter to generate.")
        F.type(" ", into: &state)
        #expect(state.message != nil, "a space is no prompt")
        F.type("a", into: &state)
        #expect(state.message == nil)

        _ = AppReducer.reduce(&state, .focus(.preview))
        _ = AppReducer.reduce(&state, .downloadSelected)
        #expect(state.message?.text == "Select an image in the gallery first.")
        _ = AppReducer.reduce(&state, .sweep(.closeGrid))
        #expect(state.message != nil, "still in the preview")
        _ = AppReducer.reduce(&state, .focus(.gallery))
        #expect(state.message == nil)

        _ = AppReducer.reduce(&state, .focus(.parameters))
        state.parameters.row = .cfgScale
        for character in "1.5.5" { _ = AppReducer.reduce(&state, .typeDigit(character)) }
        _ = AppReducer.reduce(&state, .commitTypedNumber)
        #expect(state.message?.text == "1.5.5 is not a valid CFG scale; type a number from 0 to 35.")
        _ = AppReducer.reduce(&state, .typeDigit("3"))
        #expect(state.message == nil)

        let copied = StatusMessage("Copied /tmp/darkroom/a.png to the clipboard.")
        _ = AppReducer.reduce(&state, .showMessage(copied))
        _ = AppReducer.reduce(&state, .focus(.gallery))
        F.type("x", into: &state)
        #expect(state.message == copied)
    }

    @Test func messagesShowInTheStatusLine() {
        var state = F.state()
        _ = AppReducer.reduce(&state, .showMessage(StatusMessage("Saved to ./a.png")))
        #expect(state.message == StatusMessage("Saved to ./a.png"))
    }
}
