import Synchronization

/// Actions posted by background work, collected for the UI thread to apply in order.
public final class ActionInbox: Sendable {
    private let pending = Mutex<[AppAction]>([])

    public init() {}

    public func post(_ action: AppAction) {
        pending.withLock { $0.append(action) }
    }

    /// Everything posted since the last call, oldest first.
    public func drain() -> [AppAction] {
        pending.withLock { actions in
            defer { actions.removeAll(keepingCapacity: true) }
            return actions
        }
    }
}
