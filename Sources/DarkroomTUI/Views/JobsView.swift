import DarkroomCore
import DarkroomTerminal
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The job panel: newest first, with state, elapsed time, seed, retries and the prompt; a failed job's
/// full error under the list when selected.
enum JobsView {
    static func draw(_ state: AppState, in rect: Rect, into buffer: inout CellBuffer) {
        let theme = state.theme
        let queue = state.jobs.queue
        // A sweep's cells share one row (the sweep's), at its newest cell's place.
        let rows = SweepReducer.rows(state)
        let inner = Panel.draw(title(queue, rows: rows), in: rect, focused: state.focus == .jobs, theme: theme, into: &buffer)
        guard inner.height > 0, inner.width > 10 else { return }
        guard !rows.isEmpty else {
            buffer.put("No jobs yet.", x: inner.x, y: inner.y, style: theme.dim)
            return
        }
        let (shown, selectedRow, errorLines) = window(state, rows: rows, inner: inner)
        let listHeight = inner.height - errorLines.count
        for (index, entry) in shown.enumerated() {
            let y = inner.y + index
            switch entry {
            case .sweep(let number):
                guard let group = state.sweeps.group(number) else { continue }
                let (line, style) = sweepLine(group, state: state)
                buffer.put(TextWidth.truncate(line, toColumns: inner.width, ellipsis: theme.ellipsis), x: inner.x, y: y, style: style, limit: inner.maxX)
            case .job(let id):
                guard let job = queue[id] else { continue }
                let (symbol, status, style) = describe(job, state: state)
                var line = "\(symbol) \(job.id) \(status)"
                if let seed = job.output?.seed ?? job.request.seed { line += " seed \(seed)" }
                if job.retries > 0 { line += " retries \(job.retries)" }
                let end = buffer.put(line, x: inner.x, y: y, style: style, limit: inner.maxX)
                let prompt = job.request.prompt.replacing("\n", with: " ")
                buffer.put(TextWidth.truncate(" " + prompt, toColumns: max(0, inner.maxX - end), ellipsis: theme.ellipsis),
                           x: end, y: y, style: theme.normal, limit: inner.maxX)
            }
            if entry == selectedRow, state.focus == .jobs {
                buffer.restyle(Rect(x: inner.x, y: y, width: inner.width, height: 1)) { $0.adding(.reverse) }
            }
        }
        for (row, line) in errorLines.enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + listHeight + row, style: theme.error, limit: inner.maxX)
        }
    }

    /// What the panel's inside `inner` shows of `rows` (`SweepReducer.rows`): the rows on its lines from the top, kept
    /// around the selected one; the selected row; and under them the selected failed job's error, as many lines as
    /// leave two for the list. The mouse finds the row under a click with the same window.
    static func window(_ state: AppState, rows: [JobsRow], inner: Rect) -> (shown: ArraySlice<JobsRow>, selected: JobsRow?, errorLines: [String]) {
        let selected = state.jobs.selectedJob
        let selectedGroup = SweepReducer.selectedGroup(state)
        let selectedRow: JobsRow? = selectedGroup.map { .sweep($0.number) } ?? selected.map { .job($0.id) }
        var errorLines: [String] = []
        if selectedGroup == nil, let selected, case .failed(let message, _) = selected.state {
            errorLines = TextWrap.lines(message, width: inner.width)
        }
        let errorHeight = min(errorLines.count, max(0, inner.height - 2))
        let listHeight = inner.height - errorHeight
        let selectedPosition = rows.firstIndex { $0 == selectedRow } ?? 0
        let offset = ScrollWindow.offset(selection: selectedPosition, visibleRows: listHeight, count: rows.count, previousOffset: 0)
        return (rows.dropFirst(offset).prefix(listHeight), selectedRow, Array(errorLines.prefix(errorHeight)))
    }

    /// Active work when there is some, else what the list holds (single jobs and sweeps, as its rows count them):
    /// short enough for a 38-column panel.
    private static func title(_ queue: GenerationJobs, rows: [JobsRow]) -> String {
        let active = [(queue.runningCount, "running"), (queue.queuedCount, "queued")].filter { $0.0 > 0 }
            .map { "\(Counted.grouped($0.0)) \($0.1)" }
        guard active.isEmpty else { return "Jobs · " + active.joined(separator: ", ") }
        let sweeps = rows.filter { if case .sweep = $0 { true } else { false } }.count
        let jobs = rows.count - sweeps
        let held = (jobs > 0 || sweeps == 0 ? [Counted.text(jobs, "job")] : []) + (sweeps > 0 ? [Counted.text(sweeps, "sweep")] : [])
        return "Jobs · " + held.joined(separator: ", ")
    }

    private static func describe(_ job: GenerationJobs.Entry, state: AppState) -> (String, String, Style) {
        let theme = state.theme
        switch job.state {
        case .queued:
            return (theme.unicode ? "·" : ".", "queued", theme.dim)
        case .running:
            let frames = theme.spinnerFrames
            let frame = frames[Int(state.now.timeIntervalSince1970 * 10) % frames.count]
            return (frame, "running \(seconds(job.elapsed(now: state.now)))", theme.accent)
        case .saved:
            return (theme.unicode ? "✓" : "+", "saved \(seconds(job.elapsed(now: state.now)))", theme.success)
        case .failed:
            return (theme.unicode ? "✗" : "x", "failed", theme.error)
        case .cancelled:
            return (theme.unicode ? "⊘" : "-", "cancelled", theme.dim)
        }
    }

    private static func seconds(_ interval: TimeInterval?) -> String {
        guard let interval else { return "" }
        return interval < 60 ? PrintfText.fixed(interval, digits: 1) + "s" : "\(Int(interval) / 60)m\(PrintfText.zeroPadded(Int(interval) % 60, width: 2))s"
    }
}
