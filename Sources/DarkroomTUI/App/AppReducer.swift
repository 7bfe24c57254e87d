import DarkroomBackend
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The app's only state transition: `(state, action) → (state, effects)`, with no I/O, so every behaviour is
/// testable by feeding actions and reading the state and effects back.
public enum AppReducer {
    /// Finished jobs kept in the persisted history.
    public static let jobHistoryLimit = 200

    public static func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
        // Sweeps first: their group rows and grid give some job and image keys another meaning.
        let effects = SweepReducer.intercept(&state, action) ?? reduceAction(&state, action)
        if let request = state.message?.request, request.isDone(in: state) { state.message = nil }
        return effects + SweepReducer.follow(&state)
    }

    private static func reduceAction(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
        switch action {
        case .sweep(let action):
            return SweepReducer.reduce(&state, action)
        case .resize(let width, let height):
            let before = Layout(width: state.screen.width, height: state.screen.height).thumbnailSize
            state.screen = (width, height)
            let after = Layout(width: width, height: height).thumbnailSize
            if before != after {
                // Thumbnails are rendered for one tile size; the new tiles need their own.
                state.gallery.thumbnails = ThumbnailMemory(capacity: state.gallery.thumbnails.capacity)
                state.gallery.thumbnailsRequested = []
            }
            return galleryLoads(&state)
        case .tick(let now):
            state.now = now
            if let due = state.gallery.tileLoadsDue, now >= due {
                state.gallery.tileLoadsDue = nil
                return galleryLoads(&state)
            }
            return []
        case .focusNext, .focusPrevious:
            return focus(&state, state.focus.next(by: { if case .focusNext = action { 1 } else { -1 } }()))
        case .focus(let area):
            return focus(&state, area)
        case .toggleHelp:
            if case .help = state.overlay { state.overlay = nil } else { state.overlay = .help(page: 0) }
            return []
        case .helpPage(let delta):
            guard case .help(let page) = state.overlay else { return [] }
            state.overlay = .help(page: min(max(0, page + delta), HelpLayout(state: state).pages.count - 1))
            return []
        case .dismiss:
            state.overlay = nil
            return []
        case .requestQuit:
            if state.jobs.unfinishedCount > 0 {
                state.overlay = .confirmQuit
                return []
            }
            return quit(&state)
        case .confirmQuit:
            return quit(&state)
        case .suspend:
            return [.suspend]

        case .edit(let command):
            return edit(&state, command)
        case .historyPrevious:
            return recallHistory(&state, previous: true)
        case .historyNext:
            return recallHistory(&state, previous: false)
        case .toggleNegativePrompt:
            guard state.model.supportsNegativePrompt else {
                state.message = StatusMessage("\(state.model.displayName) takes no negative prompt.", isError: true)
                return []
            }
            state.prompt.field = state.prompt.field == .prompt ? .negative : .prompt
            return []
        case .openExternalEditor:
            return [.openExternalEditor(activeEditor(state).text)]
        case .externalEditorFinished(.failed(let reason)):
            state.message = StatusMessage(reason, isError: true)
            return []
        case .externalEditorFinished(.edited(let text)):
            // An editor's file is pasted text too: line ends kept, tabs as spaces, and no control character (an
            // escape sequence the prompt would keep out of sight and submit would then refuse).
            let cleaned = PastedText.cleaned(text, multiline: true)
            modifyActiveEditor(&state) { $0.replace(with: cleaned.hasSuffix("\n") ? String(cleaned.dropLast()) : cleaned) }
            return []
        case .submit:
            return submit(&state)
        case .paste(let text):
            return paste(&state, text)

        case .selectParameter(let delta):
            let rows = ParameterRow.allCases
            let index = rows.firstIndex(of: state.parameters.row) ?? 0
            state.parameters.row = rows[min(rows.count - 1, max(0, index + delta))]
            state.parameters.typedNumber = nil
            return []
        case .adjustParameter(let direction, let coarse):
            state.parameters.typedNumber = nil
            return ParameterEditing.adjust(&state, direction: direction, coarse: coarse)
        case .typeDigit(let digit):
            state.parameters.typedNumber = (state.parameters.typedNumber ?? "") + String(digit)
            return []
        case .eraseTypedDigit:
            let remaining = state.parameters.typedNumber.map { String($0.dropLast()) } ?? ""
            state.parameters.typedNumber = remaining.isEmpty ? nil : remaining
            return []
        case .cancelTypedNumber:
            state.parameters.typedNumber = nil
            return []
        case .commitTypedNumber:
            return ParameterEditing.commitTypedNumber(&state)
        case .toggleSeedLock:
            // Before any image there is no seed to keep: `l` locks a newly drawn one, as `n` does.
            if !state.parameters.seedLocked, state.parameters.values.seed == nil {
                return [.drawRandomSeed(state.model.seedRange)]
            }
            state.parameters.seedLocked.toggle()
            return []
        case .randomizeSeed:
            return [.drawRandomSeed(state.model.seedRange)]
        case .seedGenerated(let seed):
            state.parameters.values.seed = seed
            state.parameters.seedLocked = true
            return []

        case .selectJob(let delta):
            let jobs = state.jobs.queue.jobs
            guard !jobs.isEmpty else { return [] }
            // The panel lists newest first, so "down" goes to older jobs.
            let current = jobs.firstIndex { $0.id == state.jobs.selectedJob?.id } ?? jobs.count - 1
            state.jobs.selected = jobs[min(jobs.count - 1, max(0, current - delta))].id
            return []
        case .cancelSelectedJob:
            guard let job = state.jobs.selectedJob else { return [] }
            let effects = jobEffects(&state, state.jobs.queue.cancel(job.id, now: state.now))
            noteJobEnd(&state, job.id)
            return effects
        case .retrySelectedJob:
            guard let job = state.jobs.selectedJob else { return [] }
            let actions = state.jobs.queue.retry(job.id, now: state.now)
            if actions.isEmpty, state.jobs.queue[job.id]?.state != .queued {
                state.message = StatusMessage("Only failed or cancelled jobs can be retried; press r to regenerate a saved one.")
            }
            return jobEffects(&state, actions)
        case .openSelectedJob:
            guard let key = state.jobs.selectedJob?.output?.key else {
                state.message = StatusMessage("This job has no image yet.")
                return []
            }
            return openImage(&state, key: key)
        case .jobRetrying(let id, let reason):
            state.jobs.queue.recordRetry(id, reason: reason)
            return []
        case .jobFinished(let id, let outcome):
            // While the seed is random, `l` offers to lock the seed of the image just made, so liking it and pressing
            // `l` keeps it; it offered the model's default seed, which makes another picture.
            if !state.parameters.seedLocked, state.model.seedRange.contains(outcome.seed) {
                state.parameters.values.seed = outcome.seed
            }
            var effects = jobEffects(&state, state.jobs.queue.finish(id, output: outcome, now: state.now))
            effects.append(.fetchObject(key: outcome.key))
            noteJobEnd(&state, id)
            return effects
        case .interruptedJobsRecovered(let found):
            let recovered = found.filter { state.jobs.queue.recover($0.id, output: $0.outcome, finishedAt: $0.storedAt) }
            guard let first = recovered.first else { return [] }
            state.message = StatusMessage(recovered.count == 1
                ? "Job \(first.id), interrupted when darkroom last ended, had finished: its image is saved with seed \(first.outcome.seed)."
                : "\(recovered.count) jobs interrupted when darkroom last ended had finished: their images are saved.")
            return [.saveJobs(state.jobsToSave)]
        case .jobFailed(let id, let message):
            let effects = jobEffects(&state, state.jobs.queue.fail(id, message: message, now: state.now))
            noteJobEnd(&state, id)
            return effects

        case .regenerate:
            return regenerate(&state, newSeed: false)
        case .vary:
            return regenerate(&state, newSeed: true)
        case .loadIntoEditor:
            guard let parameters = selectedParameters(&state) else { return [] }
            let before = (state.prompt, state.parameters)
            state.prompt.editor.replace(with: parameters.prompt)
            state.prompt.negativeEditor.replace(with: parameters.negativePrompt)
            state.prompt.field = .prompt
            state.parameters.values = parameters
            state.parameters.values.prompt = ""
            state.parameters.values.negativePrompt = ""
            state.parameters.seedLocked = parameters.seed != nil
            // A prompt loaded over the same text pushes no undo step; then the very next undo is the one that reaches the load.
            state.prompt.loadUndo = PromptState.LoadUndo(editor: before.0.editor, negativeEditor: before.0.negativeEditor, field: before.0.field,
                                                         parameters: before.1, depthAfterLoad: state.prompt.editor.undoDepth)
            state.message = StatusMessage("Loaded the parameters and seed; edit and press Enter to generate (Ctrl-Z puts back what was there).")
            return focus(&state, .prompt)

        case .moveGallerySelection(let columns, let rows):
            return moveGallerySelection(&state, columns: columns, rows: rows)
        case .moveGalleryPage(let delta):
            let shape = Layout(width: state.screen.width, height: state.screen.height).galleryShape(state.gallery.layout)
            return moveGallerySelection(&state, columns: 0, rows: delta * shape.rows)
        case .toggleGalleryLayout:
            state.gallery.layout = state.gallery.layout == .grid ? .list : .grid
            state.gallery.scrollRow = 0
            return galleryLoads(&state)
        case .startFilter:
            state.gallery.isEditingFilter = true
            return []
        case .finishFilter:
            state.gallery.isEditingFilter = false
            return []
        case .editFilter(let command):
            let before = state.gallery.filter.text
            state.gallery.filter.apply(command)
            guard state.gallery.filter.text != before else { return [] }
            state.gallery.refilter(keepingKey: state.gallery.selectedObject?.key)
            var search: [AppEffect] = []
            if state.gallery.usesCatalogSearch, !state.gallery.filter.isEmpty {
                state.gallery.catalogPageRequested = 0
                search = [.searchCatalog(state.gallery.filter.text, offset: 0, limit: matchWindow)]
                // Its answer comes next: the tiles of this one wait for the typing to pause.
                state.gallery.tileLoadsDue = state.now.addingTimeInterval(tileLoadPause)
            } else {
                state.gallery.tileLoadsDue = nil
            }
            return search + galleryLoads(&state)
        case .refreshGallery:
            state.gallery.listing = .loading
            // Past sweeps' manifests live beside the images and are listed with them. Jobs interrupted when
            // darkroom last ended are looked for too: their backend may have finished them since.
            let interrupted = state.jobs.queue.jobs.compactMap { job in
                state.jobs.queue.interruptedWhileRunning[job.id].map { InterruptedJob(id: job.id, request: job.request, startedAt: $0) }
            }
            // A preview that failed is asked for again: the download may have failed for a moment, or the image been replaced.
            if state.preview.failure != nil {
                state.preview.failure = nil
                state.preview.requested = nil
            }
            return [.listGallery, .sweep(.listPastSweeps)] + (interrupted.isEmpty ? [] : [.findInterruptedJobImages(interrupted)])
                + previewLoads(&state)
        case .galleryPageLoaded(let objects, let isFirstPage, let isLastPage):
            state.gallery.merge(objects, replacing: isFirstPage)
            state.gallery.listing = isLastPage ? .loaded : .loading
            return galleryLoads(&state)
        case .galleryEntriesRemoved(let keys, let isLastPage):
            state.gallery.remove(keys: keys)
            if isLastPage { state.gallery.listing = .loaded }
            return galleryLoads(&state)
        case .galleryEntriesLoaded(let entries, let isFirstPage, let isLastPage):
            state.gallery.merge(entries: entries, replacing: isFirstPage)
            state.gallery.listing = isLastPage ? .loaded : .loading
            return galleryLoads(&state)
        case .catalogAttached(let unread):
            state.gallery.usesCatalogSearch = true
            state.gallery.unsearchedCount = unread
            return []
        case .catalogSearchResults(let text, let offset, let keys, let total, let unsearched):
            state.gallery.catalogSearchAnswered(text: text, offset: offset, keys: keys, total: total, unsearched: unsearched)
            if state.gallery.isEditingFilter, offset == 0, text == state.gallery.filter.text {
                state.gallery.tileLoadsDue = state.now.addingTimeInterval(tileLoadPause)
            }
            return galleryLoads(&state)
        case .catalogSearchFailed(let text, let reason):
            state.gallery.catalogSearchRefused(text: text, reason: reason)
            return []
        case .catalogMetadataProgress(let unread):
            state.gallery.unsearchedCount = unread
            // Newly read parameters may match: search again.
            guard !state.gallery.filter.isEmpty, state.gallery.usesCatalogSearch else { return [] }
            // The matches may have grown: the window from the top again, as large as the one held.
            state.gallery.catalogPageRequested = 0
            return [.searchCatalog(state.gallery.filter.text, offset: 0, limit: max(matchWindow, state.gallery.catalogMatchKeys.count))]
        case .catalogRebuilt(let notice):
            state.message = StatusMessage(notice)
            state.gallery.listing = .loading
            return [.listGallery]
        case .galleryListingFailed(let reason):
            state.gallery.listing = .failed(reason)
            return []
        case .galleryObjectAdded(let object):
            // A finished job's image: show it when the user was watching the newest image (or had none), but leave
            // a selection they moved elsewhere alone.
            let followsNewest = state.gallery.selection == 0 || state.gallery.selectedObject == nil
            state.gallery.merge([object], replacing: false)
            if followsNewest, let position = state.gallery.visible.firstIndex(where: { state.gallery.objects[$0].key == object.key }) {
                state.gallery.selection = position
            }
            return galleryLoads(&state)
        case .thumbnailLoaded(let key, let picture):
            evict(&state, state.gallery.thumbnails.store(.picture(picture), for: key))
            return []
        case .thumbnailFailed(let key, let reason):
            evict(&state, state.gallery.thumbnails.store(.failed(reason), for: key))
            return []
        case .metadataLoaded(let key, let metadata):
            // A new match may be on screen and need its thumbnail (galleryLoads continues the search too).
            return state.gallery.metadataArrived(key: key, metadata) ? galleryLoads(&state) : searchLoads(&state)
        case .metadataFailed(let key, let reason):
            state.gallery.metadataFailed(key: key, reason: reason)
            return searchLoads(&state)

        case .previewLoaded(let key, let columns, let rows, let picture):
            state.preview.picture = (key, columns, rows, picture)
            if state.preview.failure?.key == key { state.preview.failure = nil }
            return []
        case .previewFailed(let key, let reason):
            state.preview.failure = (key, reason)
            state.message = StatusMessage("Could not show \(key): \(reason)", isError: true)
            return []
        case .toggleFullScreen:
            state.preview.isFullScreen.toggle()
            return previewLoads(&state)
        case .downloadSelected:
            guard let object = previewedObject(&state) else { return [] }
            return [.download(object)]
        case .copyURI:
            guard let object = previewedObject(&state) else { return [] }
            let uri = state.connection.location.hasPrefix("s3://")
                ? "\(state.connection.location)/\(object.key)"
                : URL(fileURLWithPath: state.connection.location).appendingPathComponent(object.key).path
            state.message = StatusMessage("Copied \(uri) to the clipboard.")
            return [.copyToClipboard(uri)]
        case .copyPresignedURL:
            guard let object = previewedObject(&state) else { return [] }
            return [.copyPresignedURL(key: object.key)]

        case .presignedURLReady(let url):
            state.message = StatusMessage("Copied a presigned URL (valid for an hour) to the clipboard.")
            return [.copyToClipboard(url)]

        case .showMessage(let message):
            state.message = message
            return []
        case .pixelsEncoded:
            return []
        }
    }

    // MARK: - Focus and quitting

    static func focus(_ state: inout AppState, _ area: FocusArea) -> [AppEffect] {
        state.focus = area
        state.gallery.isEditingFilter = false
        return area == .preview ? previewLoads(&state) : []
    }

    private static func quit(_ state: inout AppState) -> [AppEffect] {
        state.overlay = nil
        state.isQuitting = true
        return [.quit]
    }

    // MARK: - Prompt

    private static func activeEditor(_ state: AppState) -> TextEditor {
        state.prompt.field == .prompt ? state.prompt.editor : state.prompt.negativeEditor
    }

    private static func modifyActiveEditor(_ state: inout AppState, _ change: (inout TextEditor) -> Void) {
        switch state.prompt.field {
        case .prompt: change(&state.prompt.editor)
        case .negative: change(&state.prompt.negativeEditor)
        }
    }

    private static func edit(_ state: inout AppState, _ command: TextEditor.Command) -> [AppEffect] {
        if command == .undo, state.prompt.field == .prompt, let load = state.prompt.loadUndo,
           state.prompt.editor.undoDepth == load.depthAfterLoad {
            (state.prompt.editor, state.prompt.negativeEditor, state.prompt.field) = (load.editor, load.negativeEditor, load.field)
            state.parameters = load.parameters
            state.prompt.loadUndo = nil
            state.message = StatusMessage("Put back the prompt and parameters from before e.")
            return []
        }
        var outcome = TextEditor.Outcome.unchanged
        modifyActiveEditor(&state) { outcome = $0.apply(command) }
        switch outcome {
        case .atTopEdge where state.prompt.field == .prompt:
            return recallHistory(&state, previous: true)
        case .atBottomEdge where state.prompt.field == .prompt && state.prompt.history.isBrowsing:
            return recallHistory(&state, previous: false)
        default:
            return []
        }
    }

    /// A paste goes where typing would go: the sweep editor, the gallery filter or the prompt, each taking it as
    /// one edit (one undo step). Elsewhere no key reads text, so it is refused with a note rather than run as keys.
    private static func paste(_ state: inout AppState, _ text: String) -> [AppEffect] {
        // Nothing but the size it needs is shown on a screen too small for the panels (see KeyMap).
        guard state.sweeps.confirming == nil, state.showsPanels else { return [] }
        if state.sweeps.editor != nil {
            return reduce(&state, .sweep(.editorPaste(text)))
        }
        guard state.overlay == nil else { return [] }
        if state.focus == .gallery, state.gallery.isEditingFilter {
            return reduce(&state, .editFilter(.insert(PastedText.cleaned(text, multiline: false))))
        }
        guard state.focus == .prompt else {
            state.message = StatusMessage("Paste into the prompt or the gallery filter; this panel takes keys, not text.")
            return []
        }
        return edit(&state, .insert(PastedText.cleaned(text, multiline: true)))
    }

    private static func recallHistory(_ state: inout AppState, previous: Bool) -> [AppEffect] {
        let recalled = previous ? state.prompt.history.previous(current: state.prompt.editor.text) : state.prompt.history.next()
        if let recalled {
            state.prompt.field = .prompt
            state.prompt.editor.replace(with: recalled)
        }
        return []
    }

    private static func submit(_ state: inout AppState) -> [AppEffect] {
        var parameters = state.parameters.values
        parameters.prompt = state.prompt.editor.text
        parameters.negativePrompt = state.model.supportsNegativePrompt ? state.prompt.negativeEditor.text : ""
        parameters.seed = state.parameters.seedLocked ? state.parameters.values.seed : nil
        guard validate(&state, parameters) else { return [] }
        state.prompt.history.record(parameters.prompt)
        return enqueue(&state, parameters) + [.saveHistory(state.prompt.history.entries)]
    }

    /// Checks parameters the way the backend will, reporting the first problem in the status line.
    private static func validate(_ state: inout AppState, _ parameters: GenerationParameters) -> Bool {
        if parameters.prompt.allSatisfy(\.isWhitespace) {
            state.message = StatusMessage("Write a prompt first, then press Enter to generate.", isError: true, request: .writePrompt)
            return false
        }
        var probe = parameters
        // A missing seed means "random"; validation would draw one, which a pure reducer must not do.
        probe.seed = probe.seed ?? state.model.seedRange.lowerBound
        do throws(ParameterError) {
            _ = try probe.validated(using: state.model)
            return true
        } catch {
            state.message = StatusMessage(error.description(naming: .plain), isError: true)
            return false
        }
    }

    private static func enqueue(_ state: inout AppState, _ parameters: GenerationParameters) -> [AppEffect] {
        let (id, actions) = state.jobs.queue.submit(parameters, now: state.now)
        state.jobs.selected = id
        let seed = parameters.seed.map { "seed \($0)" } ?? "a random seed"
        state.message = StatusMessage("Job \(id) queued with \(seed).", job: id)
        return jobEffects(&state, actions)
    }

    // MARK: - Jobs

    /// Puts how job `id` ended in the status line if the latest note is still about that job ("Job #3 queued…"),
    /// so the note never says queued about an image already saved.
    private static func noteJobEnd(_ state: inout AppState, _ id: JobID) {
        guard state.message?.job == id, let job = state.jobs.queue[id] else { return }
        switch job.state {
        case .queued, .running: return
        case .saved(let output, _, _): state.message = StatusMessage("Job \(id) saved with seed \(output.seed).")
        case .failed(let message, _): state.message = StatusMessage("Job \(id) failed: \(message)", isError: true)
        case .cancelled: state.message = StatusMessage("Job \(id) cancelled.")
        }
    }

    static func jobEffects(_ state: inout AppState, _ actions: [GenerationJobs.Action]) -> [AppEffect] {
        var effects: [AppEffect] = actions.map { action in
            switch action {
            case .start(let id, let parameters): return .startGeneration(id, parameters)
            case .cancel(let id): return .cancelGeneration(id)
            }
        }
        state.jobs.queue.trimFinished(keeping: jobHistoryLimit)
        effects.append(.saveJobs(state.jobsToSave))
        return effects
    }

    // MARK: - Regeneration

    /// The exact parameters of the selected job (saved: with the seed it used), sweep grid cell or gallery image.
    private static func selectedParameters(_ state: inout AppState) -> GenerationParameters? {
        // A sweep grid takes the preview's place: the cell under its cursor is the image on screen, not the
        // gallery's selection hidden behind it.
        if state.focus == .preview, let cell = SweepReducer.cursorCell(state) {
            return cell.parameters
        }
        if state.focus == .jobs {
            guard let job = state.jobs.selectedJob else {
                state.message = StatusMessage("No job selected.")
                return nil
            }
            var parameters = job.request
            if let seed = job.output?.seed { parameters.seed = seed }
            return parameters
        }
        guard let object = state.gallery.selectedObject else {
            _ = noSelection(&state)
            return nil
        }
        switch state.gallery.metadataStatus(of: object.key) {
        case .known(let metadata):
            return metadata.parameters
        case .none:
            state.message = StatusMessage("\(object.key) carries no generation parameters (written by another tool), so it cannot be regenerated.", isError: true)
        case .failed(let reason):
            state.message = StatusMessage("\(object.key)'s parameters could not be read (\(reason)), so it cannot be regenerated.", isError: true)
        case .pending:
            state.message = StatusMessage("The image's parameters are still loading; try again in a moment.")
        }
        return nil
    }

    private static func regenerate(_ state: inout AppState, newSeed: Bool) -> [AppEffect] {
        if state.focus == .jobs, !newSeed, let job = state.jobs.selectedJob {
            switch job.state {
            case .failed, .cancelled: return reduce(&state, .retrySelectedJob)
            case .queued, .running, .saved: break
            }
        }
        guard var parameters = selectedParameters(&state) else { return [] }
        if newSeed {
            parameters.seed = nil
        } else if parameters.seed == nil {
            state.message = StatusMessage("This job's seed is not known yet; wait for it to finish.")
            return []
        }
        guard let descriptor = ModelCatalog.descriptor(for: parameters.model) else {
            state.message = StatusMessage("The model \(parameters.model) is not in the catalog, so this image cannot be regenerated.", isError: true)
            return []
        }
        var probe = parameters
        probe.seed = probe.seed ?? descriptor.seedRange.lowerBound
        do throws(ParameterError) {
            _ = try probe.validated(using: descriptor)
        } catch {
            state.message = StatusMessage(error.description(naming: .plain), isError: true)
            return []
        }
        return enqueue(&state, parameters)
    }

    // MARK: - Gallery and preview

    static func openImage(_ state: inout AppState, key: String) -> [AppEffect] {
        func shown() -> Int? { state.gallery.visible.firstIndex { state.gallery.objects[$0].key == key } }
        // The filter stays when the image passes it; one that hides it goes, and the user is told (it went silently).
        var clearedFilter: String?
        if shown() == nil, !state.gallery.filter.isEmpty {
            clearedFilter = state.gallery.filter.text
            state.gallery.filter = TextEditor()
            state.gallery.refilter()
        }
        guard let position = shown() else {
            state.message = StatusMessage("\(key) is not in the gallery yet; refresh with Ctrl-R.")
            return []
        }
        if let clearedFilter {
            state.message = StatusMessage("The gallery's filter \"\(clearedFilter.escapingControlCharacters())\" hid this image, so it was cleared.")
        }
        state.gallery.selection = position
        state.gallery.selectionFollowsNewest = false
        // The preview shows this image, not a sweep grid left open there.
        state.sweeps.grid = nil
        return galleryLoads(&state) + focus(&state, .preview)
    }

    private static func moveGallerySelection(_ state: inout AppState, columns: Int, rows: Int) -> [AppEffect] {
        let count = state.gallery.visible.count
        guard count > 0 else { return [] }
        let perRow = Layout(width: state.screen.width, height: state.screen.height).galleryShape(state.gallery.layout).perRow
        state.gallery.selection = min(count - 1, max(0, state.gallery.selection + columns + rows * perRow))
        // From now on the selection stays on this image as more pages arrive.
        state.gallery.selectionFollowsNewest = false
        return galleryLoads(&state)
    }

    /// The image the preview shows, for d, y and Y: the cell under a sweep grid's cursor (the gallery's selection is
    /// hidden behind the grid), else the gallery's selection. Says why when there is none.
    private static func previewedObject(_ state: inout AppState) -> StoredObject? {
        guard state.sweeps.grid != nil else {
            guard let object = state.gallery.selectedObject else {
                _ = noSelection(&state)
                return nil
            }
            return object
        }
        guard let key = SweepReducer.cursorCell(state)?.key else {
            state.message = StatusMessage("This cell has no image yet.")
            return nil
        }
        // A cell's picture is loaded with its object (size, ETag); the gallery has it too once listed.
        guard let object = state.sweeps.cellImages[key] ?? state.gallery.objects.first(where: { $0.key == key }) else {
            state.message = StatusMessage("This cell's image is still loading; try again in a moment.")
            return nil
        }
        return object
    }

    private static func noSelection(_ state: inout AppState) -> [AppEffect] {
        state.message = StatusMessage("Select an image in the gallery first.", request: .changePanel(from: state.focus))
        return []
    }

    private static func evict(_ state: inout AppState, _ keys: [String]) {
        for key in keys { state.gallery.thumbnailsRequested.remove(key) }
    }

    /// Scrolls the selection into view and asks for thumbnails and metadata of what is now visible, once each.
    static func galleryLoads(_ state: inout AppState) -> [AppEffect] {
        let layout = Layout(width: state.screen.width, height: state.screen.height)
        let gallery = state.gallery
        let (perRow, visibleRows) = layout.galleryShape(gallery.layout)
        let rowCount = (gallery.visible.count + perRow - 1) / perRow
        state.gallery.scrollRow = ScrollWindow.offset(selection: gallery.selection / perRow, visibleRows: visibleRows,
                                                      count: rowCount, previousOffset: gallery.scrollRow)
        // While the filter's answers still change with each key, its tiles wait (`tileLoadPause`).
        guard state.gallery.tileLoadsDue == nil else { return matchWindowLoads(&state) }
        let first = state.gallery.scrollRow * perRow
        let last = min(gallery.visible.count, first + visibleRows * perRow)
        var effects: [AppEffect] = []
        for position in first..<max(first, last) {
            let object = gallery.objects[gallery.visible[position]]
            if gallery.layout == .grid, !state.gallery.thumbnailsRequested.contains(object.key) {
                state.gallery.thumbnailsRequested.insert(object.key)
                let size = layout.thumbnailSize
                effects.append(.loadThumbnail(object, columns: size.columns, rows: size.rows))
            }
            if !state.gallery.metadataRequested.contains(object.key) {
                state.gallery.metadataRequested.insert(object.key)
                effects.append(.loadMetadata(object))
            }
        }
        return effects + previewLoads(&state) + searchLoads(&state) + matchWindowLoads(&state)
    }

    /// While the filter is typed, the tiles an answer shows (thumbnails, parameters, the preview) are loaded once
    /// no key or answer has come for this long: typing `golden` is six answers, and loading every one's screenful
    /// would put dozens of downloads and decodes between the user and the next answer.
    static let tileLoadPause: TimeInterval = 0.15

    /// Catalog matches are held a window at a time (a few screens of tiles): the next one is asked for when
    /// the selection comes within `matchWindowMargin` matches of the end of what is loaded.
    static let matchWindow = 600
    static let matchWindowMargin = 200

    /// Asks for the next window of catalog matches when the selection nears the end of the loaded ones.
    static func matchWindowLoads(_ state: inout AppState) -> [AppEffect] {
        let gallery = state.gallery
        guard gallery.moreCatalogMatches, gallery.catalogPageRequested == nil,
              gallery.selection + matchWindowMargin >= gallery.visible.count
        else { return [] }
        let offset = gallery.catalogMatchKeys.count
        state.gallery.catalogPageRequested = offset
        return [.searchCatalog(gallery.filter.text, offset: offset, limit: matchWindow)]
    }

    /// Metadata heads the filter's search may fetch at once: enough to keep a remote store busy, few enough
    /// that the rows on screen still load promptly.
    static let searchConcurrency = 4

    /// With a filter active, asks for the metadata of listed images not requested yet, newest first, keeping
    /// `searchConcurrency` requests in flight, so the filter finds prompts beyond the rows seen so far.
    static func searchLoads(_ state: inout AppState) -> [AppEffect] {
        // The catalog's background reader reads every image's parameters instead.
        guard !state.gallery.filter.isEmpty, !state.gallery.usesCatalogSearch else { return [] }
        var effects: [AppEffect] = []
        let objects = state.gallery.objects
        while state.gallery.searchInFlight.count < searchConcurrency, state.gallery.searchCursor < objects.count {
            let object = objects[state.gallery.searchCursor]
            state.gallery.searchCursor += 1
            guard !state.gallery.metadataRequested.contains(object.key) else { continue }
            state.gallery.metadataRequested.insert(object.key)
            state.gallery.searchInFlight.insert(object.key)
            effects.append(.loadMetadata(object))
        }
        return effects
    }

    /// Asks for the selected image's large rendering when the preview shows something else or another size.
    static func previewLoads(_ state: inout AppState) -> [AppEffect] {
        guard let object = state.gallery.selectedObject else { return [] }
        let area = Layout(width: state.screen.width, height: state.screen.height)
            .previewPictureArea(fullScreen: state.preview.isFullScreen)
        guard area.width > 0, area.height > 0 else { return [] }
        if let requested = state.preview.requested, requested.key == object.key,
           requested.columns == area.width, requested.rows == area.height {
            return []
        }
        state.preview.requested = (object.key, area.width, area.height)
        return [.loadPreview(object, columns: area.width, rows: area.height)]
    }
}
