import Crypto
import Foundation

/// What the export remembers of a performance across builds, so calendars can say what
/// changed: a SEQUENCE raised on every change of time, stage, title or status, the time of
/// the last change of any kind, and, once it left the program, when that was.
public struct PerformanceRevision: Sendable, Equatable, Codable {
    public var performanceID: String
    public var sequence: Int
    public var lastModified: Date
    /// Set while the performance is missing from the program (shown as cancelled).
    public var removedAt: Date?
    /// Time, stage, title and status: a change here raises `sequence`.
    public var significantFingerprint: String
    /// Everything shown: a change here moves `lastModified`.
    public var contentFingerprint: String
    /// The performance as last seen, to show it as cancelled once it is gone.
    public var lastSeen: Performance

    /// Its SEQUENCE and LAST-MODIFIED.
    public var stamp: RevisionStamp {
        RevisionStamp(sequence: sequence, lastModified: lastModified)
    }

    /// The fingerprints of a performance as it is now; `shown` holds what calendars show of
    /// it from elsewhere in the program (stage name, artist name, bio…).
    static func fingerprints(of performance: Performance, shown: [String]) -> (significant: String, content: String) {
        let significant = [
            String(performance.start.timeIntervalSince1970), String(performance.end.timeIntervalSince1970),
            performance.stageID, performance.displayName,
        ].joined(separator: "\u{1F}")
        let content =
            [
                significant, performance.description ?? "", performance.artistID ?? "",
                performance.activity?.name ?? "", performance.activity?.description ?? "",
            ] + shown
        let contentText = content.joined(separator: "\u{1F}")
        return (digest(significant), digest(contentText))
    }

    private static func digest(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexadecimal
    }
}
