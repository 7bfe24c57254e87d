import Synchronization

/// Actions posted by background work, collected for the UI thread to apply in order. Posting into an empty
/// inbox wakes the UI loop (a byte on a pipe it polls), so a finished effect is painted at once.
public final class ActionInbox: Sendable {
    private let pending = Mutex<[AppAction]>([])
    private let wakeUp = WakeUpPipe()

    public init() {}

    /// Readable while actions wait; the UI loop polls it.
    public var wakeDescriptor: Int32 { wakeUp.readDescriptor }

    public func post(_ action: AppAction) {
        let wasEmpty = pending.withLock { actions in
            defer { actions.append(action) }
            return actions.isEmpty
        }
        // One byte per batch: the loop drains the pipe before the actions, so a post after that drain writes again.
        if wasEmpty { wakeUp.wake() }
    }

    /// Everything posted since the last call, oldest first.
    public func drain() -> [AppAction] {
        _ = wakeUp.drain()
        return pending.withLock { actions in
            defer { actions.removeAll(keepingCapacity: true) }
            return actions
        }
    }
}
