import Foundation
import Synchronization

/// Spreads a renderer's independent pieces of work over the machine's cores.
enum ParallelWork {
    /// How many workers pay: one per active core.
    static var width: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `work(worker)` for each worker in `0..<workers`, each on its own thread, and
    /// rethrows the first error once all have stopped (the others stop at their next check
    /// of `shouldStop`).
    static func run(workers: Int, _ work: @Sendable (_ worker: Int, _ shouldStop: () -> Bool) throws -> Void) throws {
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
            do { try work(worker) { failure.error != nil } } catch { failure.record(error) }
        }
        if let error = failure.error { throw error }
    }

    /// Runs `body` for every element, the elements dealt out in turn to `width` workers that
    /// each start with `prepare()` (state of their own, such as formatters).
    static func forEach<Element: Sendable, State>(
        _ elements: [Element], prepare: @autoclosure @Sendable () -> State,
        _ body: @Sendable (inout State, Element) throws -> Void
    ) throws {
        let workers = min(width, elements.count)
        try run(workers: workers) { worker, shouldStop in
            var state = prepare()
            var index = worker
            while index < elements.count, !shouldStop() {
                try body(&state, elements[index])
                index += workers
            }
        }
    }

    /// `transform` of every element, in order, the elements split into one run per worker.
    /// Each worker writes its results straight into their places in the array returned:
    /// there is no copy of any part, so a large result is held once, not twice.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        map(elements, cores: width, transform)
    }

    /// `map` on at most `cores` workers (more than the machine has, in tests).
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], cores: Int, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let wanted = min(cores, max(1, elements.count / 64))
        guard wanted > 1 else { return elements.map(transform) }
        let size = (elements.count + wanted - 1) / wanted
        // As many workers as runs of `size`: with many cores, the last of `wanted` could have none.
        let workers = (elements.count + size - 1) / size
        return [Result](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
            let results = ResultSlots(start: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in (worker * size)..<min(elements.count, (worker + 1) * size) {
                    results.put(transform(elements[index]), at: index)
                }
            }
            initialized = elements.count
        }
    }
}

/// The places of a result array being made: each worker fills places no other touches.
private struct ResultSlots<Result: Sendable>: @unchecked Sendable {
    let start: UnsafeMutablePointer<Result>

    func put(_ result: consuming Result, at index: Int) {
        (start + index).initialize(to: result)
    }
}

extension ParallelWork {
    /// `transform` of every element, in order: each element a piece of work of its own, taken
    /// by the next free worker (for a few large pieces of unequal size). Rethrows the first
    /// error.
    static func mapEach<Element: Sendable, Result: Sendable>(
        _ elements: [Element], _ transform: @Sendable (Element) throws -> Result
    ) throws -> [Result] {
        let next = Atomic<Int>(0)
        let results = Mutex<[Int: Result]>([:])
        try run(workers: min(width, elements.count)) { _, shouldStop in
            while !shouldStop() {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < elements.count else { return }
                let result = try transform(elements[index])
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { results in elements.indices.compactMap { results[$0] } }
    }
}

/// The first error any worker met.
private final class FirstFailure: Sendable {
    private let first = Mutex<(any Error)?>(nil)

    var error: (any Error)? { first.withLock { $0 } }

    func record(_ error: any Error) {
        first.withLock { if $0 == nil { $0 = error } }
    }
}
