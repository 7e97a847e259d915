import Synchronization
import Testing

@testable import StagefeedCore

/// Work spread over the cores gives what the same work gives in order, at every size around
/// where it starts to be spread, each result made once and let go once (one size at a time:
/// they count the results alive).
@Suite(.serialized) struct ParallelWorkTests {
    /// A result that counts how many of its kind are alive.
    final class Made: Sendable {
        static let alive = Atomic<Int>(0)
        let text: String

        init(_ number: Int) {
            text = "set \(number) " + String(repeating: "·", count: number % 40)
            Self.alive.add(1, ordering: .relaxed)
        }

        deinit { Self.alive.subtract(1, ordering: .relaxed) }
    }

    @Test(arguments: [0, 1, 63, 64, 127, 128, 129, 1000, 20_001])
    func mapGivesWhatAMapInOrderGives(count: Int) {
        let numbers = Array(0..<count)
        let aliveBefore = Made.alive.load(ordering: .relaxed)
        do {
            let spread = ParallelWork.map(numbers) { Made($0) }
            withExtendedLifetime(spread) {
                #expect(spread.map(\.text) == numbers.map { Made($0).text })
                #expect(Made.alive.load(ordering: .relaxed) - aliveBefore == count)
            }
        }
        #expect(Made.alive.load(ordering: .relaxed) == aliveBefore)
    }

    /// With more cores than runs of elements to give them (100 cores, 6,401 elements in runs
    /// of 65), every element is still made once, in order.
    @Test func moreCoresThanRunsOfWork() {
        let numbers = Array(0..<6401)
        #expect(ParallelWork.map(numbers, cores: 100) { $0 * 3 } == numbers.map { $0 * 3 })
    }
}
