import Foundation

/// What one build did, for the one-line summary every run ends with.
public struct BuildReport: Sendable, Equatable {
    public var sourceName: String
    public var freshness: Freshness
    public var performances: Int
    public var warnings: [ProgramWarning]
    public var write: WriteReport
    public var duration: TimeInterval
    /// Wall time of each phase: load (fetch or store, decode, normalize), revisions, each
    /// renderer, write.
    public var phases: [PhaseTimer.Lap] = []
    /// Bytes of the files written.
    public var bytesWritten = 0
    /// True when the build found the inputs of the last one and rendered nothing.
    public var reused = false
    /// How many units of work the build planned, and how many it made (the others' files
    /// were as the last build left them).
    public var units = 0
    public var unitsMade = 0
    /// How many entries of the whole-program files (VEVENTs, frab events) the build took from
    /// the last one, and how many it made (`KeptEntries`).
    public var entriesReused = 0
    public var entriesMade = 0

    /// `demo · fresh · 62 performances · 2 written, 0 unchanged, 0 removed · 0.04 s`.
    public var summary: String {
        let seconds = String(format: "%.2f", duration)
        return "\(sourceName) · \(freshness) · \(performances) performances · "
            + "\(write.written.count) written, \(write.unchanged) unchanged, \(write.removed.count) removed · \(seconds) s"
    }
}
