/// One piece of a build's work: the files one page, feed or calendar makes, with the digest
/// of what they are made of. A build runs a unit only when its digest differs from the
/// last build's (or a file it made is gone); the queue runs the largest first.
public struct RenderUnit: Sendable {
    /// Names the unit from build to build: its file's path, or its renderer's name for a
    /// unit that makes several files.
    public let key: String
    public let digest: UnitDigest
    /// About how many bytes it writes: larger units start first so both cores end together
    /// (a batch's units from where its largest would).
    public let cost: Int
    /// Names the units that share a value made for them (the calendars' VEVENTs, the feeds'
    /// set entries, the schedule's events): the queue hands them out one after another, from
    /// where the largest of them would start, and starts no other batch until they have run,
    /// so each value is let go early and no two are held at once.
    public let batch: String?
    /// Makes the files and hands them to the sink.
    public let make: @Sendable (any OutputSink) throws -> Void

    public init(
        key: String, digest: UnitDigest, cost: Int, batch: String? = nil,
        make: @escaping @Sendable (any OutputSink) throws -> Void
    ) {
        self.key = key
        self.digest = digest
        self.cost = cost
        self.batch = batch
        self.make = make
    }
}
