import Foundation

/// What renderers need of a performance's revision: its SEQUENCE and LAST-MODIFIED. The
/// ledger's revisions also keep fingerprints and the whole performance as last seen;
/// renderers get these stamps instead (at 20,000 performances, 1 MB instead of 15).
public struct RevisionStamp: Sendable, Equatable {
    public var sequence: Int
    public var lastModified: Date

    public init(sequence: Int, lastModified: Date) {
        self.sequence = sequence
        self.lastModified = lastModified
    }
}
