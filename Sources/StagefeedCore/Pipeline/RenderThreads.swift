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
    static func run(
        _ renderers: [any Renderer], program: Program, context: BuildContext,
        into sink: StoppableSink
    ) async throws -> [PhaseTimer.Lap] {
        guard !renderers.isEmpty else { return [] }
        let workers = min(ParallelWork.width, renderers.count)
        let progress = Progress(count: renderers.count, workers: workers)
        return try await withCheckedThrowingContinuation { continuation in
            // Threads of their own, not dispatch's: the site's pages are spread over the
            // cores through dispatch's threads, which these would otherwise occupy.
            for _ in 0..<workers {
                let thread = Thread {
                    while let index = progress.next() {
                        let renderer = renderers[index], started = ContinuousClock.now
                        do {
                            try renderer.render(program, context: context, into: sink)
                        } catch {
                            progress.fail(error)
                            sink.stop()
                            break
                        }
                        // Free pages go back as each renderer ends (the others wait for the
                        // allocator a few milliseconds): at 20,000 performances the peak is
                        // 115–128 MB with it, 129–133 MB without.
                        ProcessMemory.releaseFreed()
                        progress.finish(
                            PhaseTimer.Lap(
                                name: String(describing: type(of: renderer)),
                                seconds: (ContinuousClock.now - started).seconds))
                    }
                    if let result = progress.workerEnded() { continuation.resume(with: result) }
                }
                thread.name = "stagefeed-render"
                thread.start()
            }
        }
    }

    /// Which renderer is next, the laps of those done, the first failure and the workers
    /// still running.
    private final class Progress: Sendable {
        private let state: Mutex<(next: Int, laps: [PhaseTimer.Lap], failure: (any Error)?, running: Int)>
        private let count: Int

        init(count: Int, workers: Int) {
            self.count = count
            state = Mutex((0, [], nil, workers))
        }

        /// The index of the next renderer to run; nil when all are taken or one failed.
        func next() -> Int? {
            state.withLock { state in
                guard state.failure == nil, state.next < count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }

        /// Records a renderer that ended well.
        func finish(_ lap: PhaseTimer.Lap) {
            state.withLock { $0.laps.append(lap) }
        }

        /// Records a renderer's failure; only the first counts (the others it stopped
        /// fail with `CancellationError` after it).
        func fail(_ error: any Error) {
            state.withLock { if $0.failure == nil { $0.failure = error } }
        }

        /// Counts a worker out; for the last one, the outcome of the whole render.
        func workerEnded() -> Result<[PhaseTimer.Lap], any Error>? {
            state.withLock { state in
                state.running -= 1
                guard state.running == 0 else { return nil }
                return state.failure.map { .failure($0) } ?? .success(state.laps)
            }
        }
    }
}
