import Synchronization
import Testing

@testable import StagefeedCore

/// A value units share is made once, whoever asks first, and one planned for a number of
/// units is let go after the last of them.
@Suite struct SharedValueTests {
    /// How many times a value was made, counted from every thread.
    final class Count: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    @Test func unitsRunningSideBySideMakeTheValueOnce() async {
        let made = Count()
        let shared = SharedValue<[Int]>()
        let sums = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    shared.value {
                        made.add()
                        return Array(0..<1000)
                    }
                    .reduce(0, +)
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(sums == Array(repeating: 499_500, count: 8))
        #expect(made.value == 1)
    }

    @Test func aValueForTwoUnitsIsLetGoAfterTheSecond() {
        var made = 0
        let shared = SharedValue<String>(users: 2)
        let make = {
            made += 1
            return "events \(made)"
        }
        #expect(shared.use(make) { $0 } == "events 1")
        #expect(shared.use(make) { $0 } == "events 1")
        #expect(made == 1)
        // Both users are done: it was let go, and one more use makes it again.
        #expect(shared.use(make) { $0 } == "events 2")
    }

    @Test func aValueKeptForTheBuildIsNeverLetGo() {
        var made = 0
        let shared = SharedValue<Int>()
        let make = {
            made += 1
            return made
        }
        for _ in 0..<3 {
            _ = shared.use(make) { $0 }
        }
        #expect(made == 1)
    }
}
