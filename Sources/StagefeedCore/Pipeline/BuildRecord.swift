import Foundation

/// What the last complete build of an output folder was made from and what it wrote, kept
/// in the store. A build whose inputs give the same fingerprint, before `validUntil`, into a
/// folder whose manifest is the one recorded, would write the same bytes: it skips
/// decoding and rendering and at most refreshes `feeds/status.json`.
public struct BuildRecord: Codable, Sendable, Equatable {
    /// The hash of the source data, the build's settings and theme, and stagefeed's build.
    public var fingerprint: String
    /// The hash of the output folder's manifest as that build left it.
    public var manifestDigest: String
    /// When time alone changes the output (a cancelled set leaving the calendars); nil: never.
    public var validUntil: Date?
    /// How many files the build produced.
    public var files: Int
    /// The status feed as last written.
    public var status: StatusFeed.Status
    /// The program's warnings, repeated by builds that skip decoding it.
    public var warnings: [ProgramWarning]

    /// Whether a build with `fingerprint` at `now` into a folder whose manifest hashes to
    /// `manifestDigest` would produce exactly what this build did.
    public func covers(fingerprint: String, manifestDigest: String, at now: Date) -> Bool {
        fingerprint == self.fingerprint && manifestDigest == self.manifestDigest && validUntil.map { now < $0 } ?? true
    }
}
