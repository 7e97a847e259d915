import Crypto
import Foundation

/// A performance's revision with the performance as last seen: what a build shows of a
/// performance removed from the program (listed as cancelled), and, in the form earlier
/// versions stored, what the store migrates from.
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

    /// The revision of `state` with the performance as last seen.
    public init(_ state: RevisionState, lastSeen: Performance) {
        performanceID = state.performanceID
        sequence = state.sequence
        lastModified = state.lastModified
        removedAt = state.removedAt
        significantFingerprint = state.significantFingerprint
        contentFingerprint = state.contentFingerprint
        self.lastSeen = lastSeen
    }

    /// The state of the revision, without the performance.
    public var state: RevisionState {
        RevisionState(
            performanceID: performanceID, sequence: sequence, lastModified: lastModified, removedAt: removedAt,
            significantFingerprint: significantFingerprint, contentFingerprint: contentFingerprint)
    }

    /// The fingerprints of a performance as it is now; `shown` holds what calendars show of
    /// it from elsewhere in the program (stage name, artist name, bio…). Each is the SHA-256
    /// of its parts joined by U+001F; the content's parts start with the significant ones.
    static func fingerprints(of performance: Performance, shown: [String]) -> (significant: String, content: String) {
        var text: [UInt8] = []
        text.reserveCapacity(256 + shown.reduce(0) { $0 + $1.utf8.count })
        let significantParts = [
            String(performance.start.timeIntervalSince1970), String(performance.end.timeIntervalSince1970),
            performance.stageID, performance.displayName,
        ]
        let contentParts =
            [
                performance.description ?? "", performance.artistID ?? "", performance.activity?.name ?? "",
                performance.activity?.description ?? "",
            ] + shown
        for (index, part) in significantParts.enumerated() {
            if index > 0 { text.append(0x1F) }
            text.append(contentsOf: part.utf8)
        }
        let significantLength = text.count
        for part in contentParts {
            text.append(0x1F)
            text.append(contentsOf: part.utf8)
        }
        return text.withUnsafeBytes { bytes in
            (
                SHA256.hash(data: UnsafeRawBufferPointer(rebasing: bytes.prefix(significantLength))).hexadecimal,
                SHA256.hash(data: bytes).hexadecimal
            )
        }
    }
}
