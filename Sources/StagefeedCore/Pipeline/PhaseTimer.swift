/// Wall time of the phases of a build, lap by lap, for `--verbose` and the benchmark.
public struct PhaseTimer: Sendable {
    /// One phase and how long it took.
    public struct Lap: Sendable, Equatable {
        public var name: String
        public var seconds: Double
    }

    public private(set) var laps: [Lap] = []
    private var last = ContinuousClock.now

    public init() {}

    /// Ends the current phase under `name` and starts the next.
    public mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        laps.append(Lap(name: name, seconds: (now - last).seconds))
        last = now
    }

    /// Adds phases timed elsewhere (renderers that ran side by side), leaving the current one running.
    public mutating func add(_ others: [Lap]) {
        laps += others
    }
}
