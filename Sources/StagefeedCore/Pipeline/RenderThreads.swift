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

    /// A build's units, the largest first, the units of a batch together from where its
    /// largest falls. A unit is let go once a thread takes it, and with it, after it ran,
    /// whatever only it held (a page's model; the calendars' VEVENTs after the last calendar).
    final class Queue: Sendable {
        let count: Int
        private let units: Mutex<[RenderUnit?]>

        init(_ units: [RenderUnit]) {
            var batchCosts: [String: Int] = [:]
            for unit in units {
                if let batch = unit.batch { batchCosts[batch] = max(batchCosts[batch] ?? 0, unit.cost) }
            }
            // Each unit's place worked out once: its batch's cost (or its own) and its batch.
            let placed = units.map { unit in
                (unit: unit, cost: unit.batch.map { batchCosts[$0]! } ?? unit.cost, batch: unit.batch ?? "")
            }
            let sorted: [RenderUnit?] = placed.sorted {
                if $0.cost != $1.cost { return $0.cost > $1.cost }
                if $0.batch != $1.batch { return $0.batch < $1.batch }
                return $0.unit.cost > $1.unit.cost
            }
            .map(\.unit)
            count = sorted.count
            self.units = Mutex(sorted)
        }

        /// The unit at `index`, taken out of the queue.
        func take(_ index: Int) -> RenderUnit {
            units.withLock { units in
                defer { units[index] = nil }
                return units[index]!
            }
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
                    while let index = progress.next() {
                        let unit = queue.take(index), started = ContinuousClock.now
                        let recorder = PathRecorder(sink)
                        do {
                            try unit.make(recorder)
                        } catch {
                            progress.fail(error)
                            sink.stop()
                            break
                        }
                        progress.finish(
                            unit.key, paths: recorder.paths, kind: Self.kind(of: unit.key),
                            seconds: (ContinuousClock.now - started).seconds)
                    }
                    if let result = progress.workerEnded() { continuation.resume(with: result) }
                }
                thread.name = "stagefeed-render"
                thread.start()
            }
        }
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

    /// Which unit is next, what the finished ones made, the first failure and the workers
    /// still running.
    private final class Progress: Sendable {
        private let state: Mutex<(next: Int, outcome: Outcome, failure: (any Error)?, running: Int)>
        private let count: Int

        init(count: Int, workers: Int) {
            self.count = count
            // Room for every unit's paths at once: grown as units finish, it rehashed under the lock.
            var outcome = Outcome()
            outcome.paths.reserveCapacity(count)
            state = Mutex((0, outcome, nil, workers))
        }

        /// The index of the next unit to run; nil when all are taken or one failed.
        func next() -> Int? {
            state.withLock { state in
                guard state.failure == nil, state.next < count else { return nil }
                defer { state.next += 1 }
                return state.next
            }
        }

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
