/// The catalog searches the filter asks for, run one at a time, newest first in mind: a search for new text drops
/// every one still waiting, whose answers the gallery would ignore anyway (the filter has changed since). Typed
/// fast, 60 keystrokes started 60 searches that queued on the catalog for seconds, the count on screen lagging
/// behind the text; now at most the running one and the newest run.
struct SearchQueue: Sendable {
    struct Request: Equatable, Sendable {
        var text: String
        var offset: Int
        var limit: Int
    }

    private var running = false
    private var waiting: [Request] = []

    /// Takes `request`; true when no search runs, so the caller starts a worker that takes requests from `next()`.
    mutating func add(_ request: Request) -> Bool {
        // A new text's first window makes every waiting request moot; a further window of the same text is not.
        if request.offset == 0 { waiting.removeAll() }
        waiting.append(request)
        guard !running else { return false }
        running = true
        return true
    }

    /// The next request for the worker, or nil when none waits (the worker then ends).
    mutating func next() -> Request? {
        guard !waiting.isEmpty else {
            running = false
            return nil
        }
        return waiting.removeFirst()
    }
}
