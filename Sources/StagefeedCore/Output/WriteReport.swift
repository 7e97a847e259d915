/// What a write changed on disk, for the run's summary line.
public struct WriteReport: Sendable, Equatable {
    /// Paths whose bytes changed or that did not exist, sorted.
    public var written: [String]
    /// How many produced files were already on disk byte for byte.
    public var unchanged: Int
    /// Paths stagefeed wrote before and no longer produces, now removed, sorted.
    public var removed: [String]

    /// Whether anything besides `feeds/status.json` (which changes on every run) changed.
    public var changedMoreThanStatus: Bool {
        !removed.isEmpty || written.contains { $0 != "feeds/status.json" }
    }
}
