import DarkroomBackend
import DarkroomGallery
import DarkroomCore
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything that can happen to the app: user intents (from the key map) and completed background work.
public enum AppAction: Sendable {
    // Terminal and time.
    case resize(width: Int, height: Int)
    case tick(Date)

    // Focus, overlays, quitting.
    case focusNext, focusPrevious
    case focus(FocusArea)
    case toggleHelp
    /// The key help's next (1) or previous (-1) page.
    case helpPage(delta: Int)
    case dismiss
    case requestQuit, confirmQuit
    /// Ctrl-Z outside the prompt editor: hand the terminal back to the shell and stop until `fg`.
    case suspend

    // Prompt editing.
    case edit(TextEditor.Command)
    case historyPrevious, historyNext
    case toggleNegativePrompt
    case openExternalEditor
    case externalEditorFinished(ExternalEditor.Outcome)
    case submit
    /// Text pasted as a whole (bracketed paste): it goes into the field being edited, never read as keys.
    case paste(String)

    // Parameters.
    case selectParameter(delta: Int)
    case adjustParameter(direction: Int, coarse: Bool)
    case typeDigit(Character)
    /// Backspace while a number is typed: its last character goes; the last one ends the entry.
    case eraseTypedDigit
    /// Esc while a number is typed: the entry goes and the value stays as it was.
    case cancelTypedNumber
    case commitTypedNumber
    case toggleSeedLock, randomizeSeed
    case seedGenerated(UInt32)

    // Jobs.
    case selectJob(delta: Int)
    case cancelSelectedJob, retrySelectedJob, openSelectedJob
    case jobRetrying(JobID, reason: String)
    case jobFinished(JobID, GenerationOutcome)
    case jobFailed(JobID, message: String)
    /// Jobs interrupted when darkroom last ended whose images were found stored after all.
    case interruptedJobsRecovered([RecoveredJob])

    // Regeneration from the selected gallery image or finished job.
    case regenerate, vary, loadIntoEditor

    // Gallery.
    case moveGallerySelection(columns: Int, rows: Int)
    /// PgDn (1) or PgUp (-1): as many rows as the grid or list shows.
    case moveGalleryPage(delta: Int)
    case toggleGalleryLayout
    case startFilter, finishFilter
    case editFilter(TextEditor.Command)
    case refreshGallery
    case galleryPageLoaded([StoredObject], isFirstPage: Bool, isLastPage: Bool)
    /// Listed entries whose place is known (the catalog's rows, in order).
    case galleryEntriesLoaded([GalleryEntry], isFirstPage: Bool, isLastPage: Bool)
    /// Images a full listing no longer found (deleted from the bucket).
    case galleryEntriesRemoved([String], isLastPage: Bool)
    case galleryListingFailed(String)
    /// The gallery has a catalog: `/` searches it; `unread` images are not searchable yet.
    case catalogAttached(unread: Int)
    /// A window of the catalog's matches for `text` from `offset`, with the number of matches in all.
    case catalogSearchResults(text: String, offset: Int, keys: [String], total: Int, unsearched: Int)
    case catalogSearchFailed(text: String, reason: String)
    /// The catalog file was found damaged while in use and started again empty: the notice says so, and the
    /// bucket is listed again to fill it.
    case catalogRebuilt(notice: String)
    /// The background reader stored more images' parameters; `unread` are left.
    case catalogMetadataProgress(unread: Int)
    case galleryObjectAdded(StoredObject)
    case thumbnailLoaded(key: String, CellPicture)
    case thumbnailFailed(key: String, reason: String)
    case metadataLoaded(key: String, ImageMetadata?)
    case metadataFailed(key: String, reason: String)

    // Preview.
    case previewLoaded(key: String, columns: Int, rows: Int, CellPicture)
    case previewFailed(key: String, reason: String)
    case toggleFullScreen
    case downloadSelected, copyURI, copyPresignedURL
    case presignedURLReady(String)

    // Sweeps: the editor, the grid, and their background results.
    case sweep(SweepAction)

    // Results of effects that only report back.
    case showMessage(StatusMessage)
    /// A picture encoded for a graphics protocol (handled by the UI loop's `AppGraphics`, not the reducer).
    case pixelsEncoded(PixelResult)
}

/// Work the reducer asks for; the effects runner performs it in the background and answers with actions.
public enum AppEffect: Equatable, Sendable {
    case startGeneration(JobID, GenerationParameters)
    case cancelGeneration(JobID)
    case listGallery
    /// Looks in the bucket for the images of jobs interrupted when darkroom last ended.
    case findInterruptedJobImages([InterruptedJob])
    /// Searches the catalog for the filter text: `limit` matches from `offset`, and their number.
    case searchCatalog(String, offset: Int, limit: Int)
    case fetchObject(key: String)
    case loadThumbnail(StoredObject, columns: Int, rows: Int)
    case loadMetadata(StoredObject)
    case loadPreview(StoredObject, columns: Int, rows: Int)
    case saveHistory([String])
    case saveJobs([GenerationJobs.Entry])
    case openExternalEditor(String)
    case download(StoredObject)
    case copyToClipboard(String)
    case copyPresignedURL(key: String)
    case drawRandomSeed(ClosedRange<UInt32>)
    /// Stop the process for job control (the UI loop restores the terminal first and redraws after).
    case suspend
    case sweep(SweepEffect)
    case quit
}
