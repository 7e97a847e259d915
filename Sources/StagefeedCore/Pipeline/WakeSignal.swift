import Synchronization

/// Ends a watch loop's wait early, from another task (SIGHUP: reload and rebuild now).
public final class WakeSignal: Sendable {
    private struct State {
        var sleeper: Task<Void, Never>?
        /// A wake that came while nobody was waiting: the next wait ends at once.
        var pending = false
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes the current (or next) wait.
    public func wake() {
        let sleeper = state.withLock { state -> Task<Void, Never>? in
            if let sleeper = state.sleeper { return sleeper }
            state.pending = true
            return nil
        }
        sleeper?.cancel()
    }

    /// Waits for `duration`, a wake, or the cancellation of the calling task.
    func wait(for duration: Duration) async {
        let sleeper = Task<Void, Never> { _ = try? await Task.sleep(for: duration) }
        let woken = state.withLock { state -> Bool in
            if state.pending {
                state.pending = false
                return true
            }
            state.sleeper = sleeper
            return false
        }
        if woken { sleeper.cancel() }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        state.withLock { $0.sleeper = nil }
    }
}
