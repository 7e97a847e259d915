import Foundation
import Synchronization

/// Runs a build's rendering on threads of their own, one per core, all taking units from
/// one queue (the largest first, so the cores end together; a batch's units together).
/// Rendering is long and synchronous: on the few threads Swift's tasks share it would hold
/// up everything else in the process for the whole render, such as the watch's file server
/// answering the screens (measured: a request waited 12.8 s while 5,000 performances
/// rendered in a debug build).
enum RenderThreads {
    /// What running the units gave: the files each unit made, by its key, and the time spent
    /// on each kind of unit (its key's first folder: `artists`, `days`, `calendar`…).
    struct Outcome: Sendable {
        var paths: [String: [String]] = [:]
        var laps: [String: Double] = [:]
    }

    /// A build's units, handed out the largest first so the cores end together, and the units
    /// of a batch one after another from where its largest would start. A batch starts only
    /// once the one before it has finished: while the last units of a batch run, the other
    /// core takes units outside batches, so the values batches share (the schedule's events,
    /// the feeds' set entries, the calendars' VEVENTs) are not held at the same time. Should
    /// nothing else be left, the next batch starts anyway. A unit is let go once a thread
    /// takes it, and with it, after it ran, whatever only it held.
    final class Queue: Sendable {
        /// The units of one batch, the largest first, and how far the queue is through them.
        private struct Batch {
            var units: [RenderUnit?]
            /// Its largest unit's cost: where the batch starts among the other units.
            let cost: Int
            var taken = 0
            var running = 0
            var finished: Bool { taken == units.count && running == 0 }
        }

        private struct State {
            /// The units outside batches, the largest first.
            var loose: [RenderUnit?]
            var looseTaken = 0
            /// The batches in the order they start.
            var batches: [Batch]
            var batchesStarted = 0
            /// The batch started last, while it has units taken and not finished.
            var current: Int?
        }

        let count: Int
        private let state: Mutex<State>

        init(_ units: [RenderUnit]) {
            count = units.count
            var loose: [RenderUnit] = [], batched: [String: [RenderUnit]] = [:]
            for unit in units {
                if let batch = unit.batch { batched[batch, default: []].append(unit) } else { loose.append(unit) }
            }
            let batches = batched.sorted { $0.key < $1.key }.map { _, units in
                let sorted = units.sorted { $0.cost > $1.cost }
                return Batch(units: sorted, cost: sorted[0].cost)
            }
            state = Mutex(
                State(
                    loose: loose.sorted { $0.cost > $1.cost },
                    // Stable: of two batches of one cost, the first by name starts first.
                    batches: batches.enumerated().sorted { ($1.element.cost, $0.offset) < ($0.element.cost, $1.offset) }
                        .map(\.element)))
        }

        /// The next unit to run, taken out of the queue, and its batch (to hand back to
        /// `finished(batch:)` once it ran); nil when every unit is taken.
        func take() -> (unit: RenderUnit, batch: Int?)? {
            state.withLock { state -> (RenderUnit, Int?)? in
                if let current = state.current, state.batches[current].taken < state.batches[current].units.count {
                    return (Self.take(from: current, &state), current)
                }
                let looseCost = state.looseTaken < state.loose.count ? state.loose[state.looseTaken]!.cost : nil
                let pending = state.batchesStarted < state.batches.count ? state.batchesStarted : nil
                if let pending, looseCost == nil || (state.current == nil && state.batches[pending].cost > looseCost!) {
                    state.batchesStarted += 1
                    state.current = pending
                    return (Self.take(from: pending, &state), pending)
                }
                guard looseCost != nil else { return nil }
                defer {
                    state.loose[state.looseTaken] = nil
                    state.looseTaken += 1
                }
                return (state.loose[state.looseTaken]!, nil)
            }
        }

        /// Notes that a unit of `batch` ran (and was let go): once all of the current batch's
        /// have, the next batch may start. When a batch has finished, what it shared has gone,
        /// and the memory is handed back to the system: reused by the pages that follow, it
        /// would otherwise stay the process's high-water mark (measured at 20k: peak RSS
        /// 128–129 MB against 134–137 MB, paired).
        func finished(batch: Int?) {
            guard let batch else { return }
            let done = state.withLock { state in
                state.batches[batch].running -= 1
                if state.current == batch, state.batches[batch].finished { state.current = nil }
                return state.batches[batch].finished
            }
            if done { ProcessMemory.releaseFreed() }
        }

        private static func take(from batch: Int, _ state: inout State) -> RenderUnit {
            let index = state.batches[batch].taken
            defer {
                state.batches[batch].units[index] = nil
                state.batches[batch].taken += 1
                state.batches[batch].running += 1
            }
            return state.batches[batch].units[index]!
        }
    }

    /// Runs the units of `queue` into `sink`. The first unit to fail stops the others at
    /// their next file, and its error is thrown.
    static func run(_ queue: Queue, into sink: StoppableSink) async throws -> Outcome {
        guard queue.count > 0 else { return Outcome() }
        let workers = min(ParallelWork.width, queue.count)
        let progress = Progress(count: queue.count, workers: workers)
        return try await withCheckedThrowingContinuation { continuation in
            for _ in 0..<workers {
                let thread = Thread {
                    while !progress.failed, let (unit, batch) = queue.take() {
                        let started = ContinuousClock.now
                        let recorder = PathRecorder(sink)
                        let key = unit.key
                        do {
                            try Self.make(consume unit, into: recorder)
                        } catch {
                            progress.fail(error)
                            sink.stop()
                            break
                        }
                        queue.finished(batch: batch)
                        progress.finish(
                            key, paths: recorder.paths, kind: Self.kind(of: key),
                            seconds: (ContinuousClock.now - started).seconds)
                    }
                    if let result = progress.workerEnded() { continuation.resume(with: result) }
                }
                thread.name = "stagefeed-render"
                thread.start()
            }
        }
    }

    /// Runs `unit`, and lets it go before returning, with what only it held (the last
    /// calendar holds the VEVENTs all calendars share).
    private static func make(_ unit: consuming RenderUnit, into sink: any OutputSink) throws {
        try unit.make(sink)
    }

    /// Runs `work` on a thread of its own (it may spread over the cores itself).
    static func perform<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Swift.Result { try work() }) }
            thread.name = "stagefeed-plan"
            thread.start()
        }
    }

    /// `artists` for `artists/x/index.html`, `en/artists` for a further language's.
    private static func kind(of key: String) -> String {
        // Split in its bytes: every unit asks, and the keys are paths of ASCII names.
        let parts = key.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
        guard parts.count > 1 else { return key }
        return parts[0].utf8.count <= 3 && parts.count > 2 ? "\(parts[0])/\(parts[1])" : String(parts[0])
    }

    /// What the finished units made, the first failure and the workers still running.
    private final class Progress: Sendable {
        private let state: Mutex<(outcome: Outcome, failure: (any Error)?, running: Int)>

        init(count: Int, workers: Int) {
            // Room for every unit's paths at once: grown as units finish, it rehashed under the lock.
            var outcome = Outcome()
            outcome.paths.reserveCapacity(count)
            state = Mutex((outcome, nil, workers))
        }

        /// Whether a unit failed: the workers take no more.
        var failed: Bool { state.withLock { $0.failure != nil } }

        func finish(_ key: String, paths: [String], kind: String, seconds: Double) {
            state.withLock { state in
                state.outcome.paths[key] = paths
                state.outcome.laps[kind, default: 0] += seconds
            }
        }

        /// Records a unit's failure; only the first counts (the others it stopped fail with
        /// `CancellationError` after it).
        func fail(_ error: any Error) {
            state.withLock { if $0.failure == nil { $0.failure = error } }
        }

        /// Counts a worker out; for the last one, the outcome of the whole render.
        func workerEnded() -> Result<Outcome, any Error>? {
            state.withLock { state in
                state.running -= 1
                guard state.running == 0 else { return nil }
                return state.failure.map { .failure($0) } ?? .success(state.outcome)
            }
        }
    }
}

/// Passes files on and notes their paths (the files one unit made).
private final class PathRecorder: OutputSink {
    private let sink: any OutputSink
    private let recorded = Mutex<[String]>([])

    init(_ sink: any OutputSink) {
        self.sink = sink
    }

    var paths: [String] { recorded.withLock { $0 } }

    func emit(_ file: OutputFile) throws {
        try sink.emit(file)
        recorded.withLock { $0.append(file.path) }
    }

    func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
        try sink.emit(path: path, writing: write)
        recorded.withLock { $0.append(path) }
    }
}
