import DarkroomAWS
import DarkroomBackend
import DarkroomCore
import DarkroomSetup
import DarkroomSweeps
import DarkroomTerminal
import Dispatch
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// `darkroom generate --sweep …` / `--prompts FILE`: every cell of a sweep as an ordinary request, a manifest in
/// `output-sweeps/`, a contact sheet, a cost guard before paid backends, and Ctrl-C that keeps what finished.
struct SweepGeneration {
    let plan: SweepPlan
    let backend: Settings.Backend
    let client: any GenerationClient
    /// Where the images can be read back for the sheet (nil when the API's bucket is unknown).
    let store: (any ImageStore)?
    let records: any SweepRecordStore
    /// Where manifests go when `records` refuses them.
    let fallbackRecords: any SweepRecordStore
    let limits: SweepLimits
    /// Cells generated at once (the settings' `concurrency`).
    let concurrency: Int
    let json: Bool
    let sheetPath: String?
    let confirmed: Bool
    let pathOf: @Sendable (String) -> String

    /// `████░░░░ 3 done, 0 failed, 2 running of 9` (`####----` in ASCII).
    static func progressBar(_ manifest: SweepManifest, glyphs: CommandGlyphs) -> String {
        let counts = manifest.counts, total = manifest.cells.count
        let done = counts.saved + counts.failed + counts.cancelled
        let width = 24
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: glyphs.barDone, count: filled) + String(repeating: glyphs.barToDo, count: width - filled)
        return "\(bar) \(counts.saved) done, \(counts.failed) failed, \(counts.running) running of \(total)"
    }

    /// Checks the cost guard, runs the sweep, writes manifest and sheet; returns the exit status (130 when cancelled).
    func run() async throws -> Ending {
        let count = plan.cells.count
        if backend == .local {
            Self.note("Sweep: \(count) image\(count == 1 ? "" : "s") on the local stack (local preview engine, no cost).")
        } else {
            let estimate = ModelPricing.estimate(plan.cells.map(\.parameters))
            Self.note("Sweep on \(backend.rawValue): \(estimate).")
            if count > limits.confirmOver && !confirmed {
                throw CommandFailure("This sweep makes \(count) images, more than sweep_confirm_over (\(limits.confirmOver)); run it again with --yes to go ahead.")
            }
        }

        var manifest = SweepManifest(plan: plan, id: SweepManifest.makeID(date: Date(), seed: plan.base.seed))
        var chosenRecords = records
        do {
            try await records.write(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json")
        } catch {
            chosenRecords = fallbackRecords
            Self.note("Cannot write \(records.location) (\(error)); the manifest and contact sheet are kept in \(fallbackRecords.location) instead.")
        }

        // Ctrl-C, SIGTERM and SIGHUP are caught from here until the summary is out: no stop signal can end the
        // process between a finished image and the manifest line that records it, or while the manifest and sheet
        // are written.
        let stopSignals = StopSignalTrap()
        defer { stopSignals.release() }
        let progress = StatusLine()
        let printer = LinePrinter { stopSignals.stop(as: SIGPIPE) }
        let runner = SweepRunner(client: client, records: chosenRecords, concurrency: concurrency)
        let outcome = await stopSignals.cancellable { [json, pathOf, manifest] in
            await runner.run(manifest) { updated, index in
                progress.show(Self.progressBar(updated, glyphs: .current))
                let cell = updated.cells[index]
                guard json, cell.status == .saved || cell.status == .failed || cell.status == .cancelled else { return }
                printer.print(Self.jsonLine(cell: cell, index: index, manifest: updated, path: cell.key.map(pathOf)))
            }
        }
        progress.finish(keepingLast: true)
        manifest = outcome.manifest
        if let error = outcome.recordError { Self.note("The manifest could not be kept up to date: \(error)") }

        var sheetProblem: String?
        var writtenSheetFile: String?
        if manifest.cells.contains(where: { $0.status == .saved }) {
            do {
                let bytes = try await makeSheet(manifest)
                let key = manifest.defaultSheetKey
                do {
                    try await chosenRecords.write(key: key, bytes: bytes, contentType: "image/png")
                    manifest.sheetKey = key
                    try await chosenRecords.write(key: manifest.key, bytes: manifest.encoded(), contentType: "application/json")
                } catch {
                    sheetProblem = "the contact sheet could not be stored in \(chosenRecords.location): \(error)"
                }
                if let sheetPath {
                    do throws(FileSystemError) {
                        try OutputFile.write(bytes, to: sheetPath)
                        writtenSheetFile = sheetPath
                    } catch {
                        sheetProblem = "the contact sheet was not written: \(error)"
                    }
                }
            } catch {
                sheetProblem = "no contact sheet: \(error)"
            }
        }

        let manifestLocation = chosenRecords.location + manifest.id + ".json"
        let sheetLocation = manifest.sheetKey.map { _ in chosenRecords.location + manifest.id + ".png" }
        printer.print(json
            ? Self.summaryJSON(manifest, manifest: manifestLocation, sheet: sheetLocation, sheetFile: writtenSheetFile)
            : summary(manifest, manifestLocation: manifestLocation, sheetLocation: sheetLocation, sheetFile: writtenSheetFile))
        if let sheetProblem { Self.note(sheetProblem) }
        if let signalNumber = stopSignals.caughtSignal {
            // Stopped on request, so that decides the status; other lost output is told all the same (after a
            // hang-up it is expected: the terminal is gone).
            if signalNumber != SIGPIPE {
                do throws(StandardStreams.OutputError) { try printer.checkWritten() } catch { Self.note("Error: \(error)") }
            }
            let cause = StopSignalTrap.describe(signalNumber)
            if manifest.status == .cancelled {
                Self.note("Cancelled by \(cause): \(manifest.counts.saved) of \(count) images kept; the manifest is marked cancelled.")
            } else {
                Self.note("\(cause) came after the last image was made: the sweep is complete and kept.")
            }
            return .signal(signalNumber)
        }
        try printer.checkWritten()
        if sheetProblem != nil && sheetPath != nil { return .status(1) }
        return .status(manifest.counts.failed > 0 ? 1 : 0)
    }

    /// How the command ends: with an exit status, or by the stop signal that cancelled the sweep (raised again
    /// once everything is put away, so a shell loop around it stops too).
    enum Ending: Equatable {
        case status(Int32)
        case signal(Int32)
    }

    private func makeSheet(_ manifest: SweepManifest) async throws -> [UInt8] {
        guard let store else {
            throw CommandFailure("the images' bucket is not known; pass --bucket to read them back for the sheet")
        }
        let sheet = ContactSheet(fonts: try FontFace.systemFonts())
        return try await SweepSheetMaker.make(manifest: manifest, store: store, sheet: sheet)
    }

    /// One line per cell, then where the manifest and sheet are.
    private func summary(_ manifest: SweepManifest, manifestLocation: String, sheetLocation: String?, sheetFile: String?) -> String {
        var lines: [String] = []
        let counts = manifest.counts
        lines.append("Sweep \(manifest.id): \(counts.saved) saved, \(counts.failed) failed, \(counts.cancelled) cancelled of \(manifest.cells.count)")
        lines.append("common: \(plan.caption(separator: CommandGlyphs.current.separator))")
        // In columns: each cell's values, its status, then its image's path or why there is none (a cancelled
        // cell has nothing more to say).
        let values = manifest.cells.map { cell in zip(manifest.axes, cell.values).map { "\($0.name)=\($1)" }.joined(separator: " ") }
        let valuesWidth = values.map(TextWidth.of).max() ?? 0
        let statusWidth = manifest.cells.map { TextWidth.of($0.status.rawValue) }.max() ?? 0
        for (cell, text) in zip(manifest.cells, values) {
            let outcome = cell.key.map(pathOf) ?? cell.error
            let line = "  " + TextWidth.pad(text, toColumns: valuesWidth) + "  "
                + (outcome == nil ? cell.status.rawValue : TextWidth.pad(cell.status.rawValue, toColumns: statusWidth))
            lines.append(line + (outcome.map { "  \($0)" } ?? ""))
        }
        lines.append("manifest: \(manifestLocation)")
        if let sheetLocation { lines.append("sheet:    \(sheetLocation)") }
        if let sheetFile { lines.append("sheet:    \(sheetFile)") }
        return lines.joined(separator: "\n")
    }

    static func jsonLine(cell: SweepManifest.Cell, index: Int, manifest: SweepManifest, path: String?) -> String {
        serialize(ImageLine(
            sweep: manifest.id, index: index, x: cell.x, y: cell.y, z: cell.z, status: cell.status.rawValue,
            values: Dictionary(zip(manifest.axes.map(\.name), cell.values), uniquingKeysWith: { first, _ in first }),
            seed: cell.parameters.seed, key: cell.key, path: path, error: cell.error))
    }

    static func summaryJSON(_ manifest: SweepManifest, manifest location: String, sheet: String?, sheetFile: String?) -> String {
        let counts = manifest.counts
        return serialize(SummaryLine(
            sweep: manifest.id, status: manifest.status.rawValue, manifest: location, saved: counts.saved, failed: counts.failed,
            cancelled: counts.cancelled, images: manifest.cells.count, sheet: sheet, sheetFile: sheetFile))
    }

    /// A `--json` line for one finished cell.
    private struct ImageLine: Encodable {
        let type = "image"
        let sweep: String
        let index, x, y, z: Int
        let status: String
        let values: [String: String]
        let seed: UInt32?
        let key, path, error: String?
    }

    /// The `--json` line that ends a sweep.
    private struct SummaryLine: Encodable {
        let type = "sweep"
        let sweep, status, manifest: String
        let saved, failed, cancelled, images: Int
        let sheet, sheetFile: String?

        private enum CodingKeys: String, CodingKey {
            case type, sweep, status, manifest, saved, failed, cancelled, images, sheet, sheetFile = "sheet_file"
        }
    }

    private static func serialize(_ line: some Encodable) -> String {
        // Strings and whole numbers always encode.
        CanonicalJSON.text(line) ?? "{}"
    }

    static func note(_ text: String) {
        StandardStreams.writeError(text + "\n")
    }
}

/// Prints whole lines from any thread, one at a time, flushed at once (so `--json` lines stream). A line that
/// cannot be written does not stop the sweep (its images and manifest are stored all the same); the first such
/// failure is kept for the end, and no line is tried after it.
final class LinePrinter: Sendable {
    private let failure = Mutex<StandardStreams.OutputError?>(nil)
    /// Called once if the reader goes away (a pipe into `head` that ended): the rest is not wanted.
    private let readerGone: @Sendable () -> Void

    init(readerGone: @escaping @Sendable () -> Void) {
        self.readerGone = readerGone
    }

    func print(_ line: String) {
        let failed = failure.withLock { failure -> StandardStreams.OutputError? in
            guard failure == nil else { return nil }
            do throws(StandardStreams.OutputError) { try StandardStreams.writeOutput(line + "\n") } catch { failure = error }
            return failure
        }
        if failed?.readerIsGone == true { readerGone() }
    }

    /// Throws the first failed write, if any.
    func checkWritten() throws(StandardStreams.OutputError) {
        if let failure = failure.withLock({ $0 }) { throw failure }
    }
}

/// Turns the signals that ask a command to stop — Ctrl-C (SIGINT), `kill` (SIGTERM), a hang-up (SIGHUP: the SSH
/// session or the terminal went away) and a broken pipe (SIGPIPE: the reader of standard output ended, as `head`
/// does) — into cancelling the work in progress while alive, instead of ending the process at once with the
/// manifest left `running`. The first one caught is the one the process then ends by. SIGPIPE is ignored meanwhile,
/// so a write to a pipe without a reader fails with EPIPE, and the writer reports it with `stop(as:)`.
/// A stop signal darkroom was started with ignored stays ignored (`InheritedSignals`): under `nohup` a sweep outlives
/// the SSH session it was started from.
/// `@unchecked`: the dispatch sources are set once here and only cancelled afterwards; the rest is under the mutex.
final class StopSignalTrap: @unchecked Sendable {
    static let stopSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// The stop signals not ignored when the trap was set: the ones it catches.
    let trapped: [Int32]
    private let sources: [any DispatchSourceSignal]
    /// SIGPIPE's action before the trap ignored it, put back by `release`.
    private let pipeAction: sighandler_t?
    private let state = Mutex<(caught: Int32?, cancelCurrent: (@Sendable () -> Void)?)>((nil, nil))

    init() {
        pipeAction = signal(SIGPIPE, SIG_IGN)
        trapped = Self.stopSignals.filter { !InheritedSignals.isIgnored($0) }
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in trapped {
            signal(signalNumber, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: signalNumber, queue: .global()))
        }
        self.sources = sources
        for (source, signalNumber) in zip(sources, trapped) {
            source.setEventHandler { [weak self] in self?.stop(as: signalNumber) }
            source.resume()
        }
    }

    /// Cancels the work as `signalNumber` asks: from the signal's handler, or from a writer that saw EPIPE.
    func stop(as signalNumber: Int32) {
        let cancel = state.withLock { state in
            if state.caught == nil { state.caught = signalNumber }
            return state.cancelCurrent
        }
        cancel?()
    }

    /// How a person would name the signal: Ctrl-C, SIGTERM, a hang-up (SIGHUP).
    static func describe(_ signalNumber: Int32) -> String {
        switch signalNumber {
        case SIGINT: "Ctrl-C"
        case SIGHUP: "a hang-up (SIGHUP)"
        case SIGTERM: "SIGTERM"
        case SIGPIPE: "a closed pipe (SIGPIPE: standard output's reader ended)"
        default: "signal \(signalNumber)"
        }
    }

    /// The first stop signal caught since the trap was set, if any.
    var caughtSignal: Int32? { state.withLock { $0.caught } }

    /// Runs `work` as a task that a stop signal cancels; one caught before it started cancels it at once.
    func cancellable<Value: Sendable>(_ work: @escaping @Sendable () async -> Value) async -> Value {
        let task = Task { await work() }
        let alreadyCaught = state.withLock { state in
            state.cancelCurrent = { task.cancel() }
            return state.caught != nil
        }
        if alreadyCaught { task.cancel() }
        let value = await task.value
        state.withLock { $0.cancelCurrent = nil }
        return value
    }

    /// Restores the trapped signals' default actions and SIGPIPE's own.
    func release() {
        for source in sources { source.cancel() }
        for signalNumber in trapped { signal(signalNumber, SIG_DFL) }
        signal(SIGPIPE, pipeAction)
    }
}
