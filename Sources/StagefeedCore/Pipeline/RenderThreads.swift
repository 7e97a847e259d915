import Dispatch
import Foundation
import Synchronization

/// Runs a build's renderers on threads of their own, at most one per core at a time (the
/// site spreads its pages over the cores itself). Their work is long and synchronous: on
/// the few threads Swift's tasks share it would hold up everything else in the process for
/// the whole render, such as the watch's file server answering the screens (measured: a
/// request waited 12.8 s while 5,000 performances rendered in a debug build).
enum RenderThreads {
    /// Renders into `sink` and returns how long each renderer took, in the order they
    /// ended. The first renderer to fail stops the others at their next file and its
    /// error is thrown.
    static func run(_ renderers: [any Renderer], program: Program, context: BuildContext,
                    into sink: StoppableSink) async throws -> [PhaseTimer.Lap] {
        let progress = Progress(count: renderers.count)
        return try await withCheckedThrowingContinuation { continuation in
            let group = DispatchGroup()
            for _ in 0..<min(ParallelWork.width, renderers.count) {
                DispatchQueue.global().async(group: group) {
                    while let index = progress.next() {
                        let renderer = renderers[index], started = ContinuousClock.now
                        do {
                            try renderer.render(program, context: context, into: sink)
                        } catch {
                            progress.fail(error)
                            sink.stop()
                            return
                        }
                        // Free pages go back as each renderer ends (the others wait for the
                        // allocator a few milliseconds): at 20,000 performances the peak is
                        // 115–128 MB with it, 129–133 MB without.
                        ProcessMemory.releaseFreed()
                        progress.finish(PhaseTimer.Lap(name: String(describing: type(of: renderer)),
                                                       seconds: (ContinuousClock.now - started).seconds))
                    }
                }
            }
            group.notify(queue: .global()) { continuation.resume(with: progress.result) }
        }
    }

    /// Which renderer is next, the laps of those done and the first failure.
    private final class Progress: Sendable {
        private let state: Mutex<(next: Int, laps: [PhaseTimer.Lap], failure: (any Error)?)>
        private let count: Int

        init(count: Int) {
            self.count = count
            state = Mutex((0, [], nil))
        }

        /// The index of the next renderer to run; nil when all are taken or one failed.
        func next() -> Int? {
            state.withLock { state in
                guard state.failure == nil, state.next < count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }

        func finish(_ lap: PhaseTimer.Lap) {
            state.withLock { $0.laps.append(lap) }
        }

        func fail(_ error: any Error) {
            state.withLock { if $0.failure == nil { $0.failure = error } }
        }

        var result: Result<[PhaseTimer.Lap], any Error> {
            state.withLock { state in state.failure.map { .failure($0) } ?? .success(state.laps) }
        }
    }
}
