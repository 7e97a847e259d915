import Foundation

/// The revisions of every performance the export has shown, brought up to date with each
/// build's program. Pure: the store loads and saves it, and hands it the performances as
/// last seen only where a build needs them (changed or removed ones), so an unchanged
/// program costs no decoding of 20,000 stored performances.
public struct RevisionLedger: Sendable, Equatable {
    /// By performance id: those in the program and those removed from it.
    public var states: [String: RevisionState]

    public init(states: [String: RevisionState] = [:]) {
        self.states = states
    }

    /// Every revision's stamp, by performance id.
    public var stamps: [String: RevisionStamp] {
        states.mapValues(\.stamp)
    }

    /// The ledger after a build of `program` at `now`; the ids whose revision changed, with
    /// the performance to keep as last seen for those in the program; and the program changes
    /// people would want to hear of (none for the first build: an initial import is not
    /// news). `lastSeen` gives the stored copies of the ids it asks for.
    public func advanced(
        to program: Program, at now: Date, lastSeen: ([String]) throws -> [String: Performance]
    ) rethrows -> (ledger: RevisionLedger, changed: [String], seen: [String: Performance], changes: [ProgramChange]) {
        var next = states
        var changed: [String] = []
        var seen: [String: Performance] = [:]
        var changes: [ProgramChange] = []
        let stageNames = Dictionary(program.stages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let isFirstBuild = states.isEmpty
        // A first build enters every set: room for them all at once, not rehashed as they come.
        if isFirstBuild {
            next.reserveCapacity(program.performances.count)
            seen.reserveCapacity(program.performances.count)
        }
        let artists = Dictionary(program.artists.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let fingerprints = ParallelWork.map(program.performances) { performance in
            PerformanceRevision.fingerprints(
                of: performance, shown: Self.shown(performance, artists: artists, stageNames: stageNames))
        }
        // The stored copies of those whose significant fields may have changed, for the change log.
        let compared =
            isFirstBuild
            ? []
            : zip(program.performances, fingerprints).compactMap { performance, prints in
                next[performance.id].flatMap {
                    $0.removedAt == nil && $0.significantFingerprint != prints.significant ? performance.id : nil
                }
            }
        var before = try lastSeen(compared)
        for (performance, prints) in zip(program.performances, fingerprints) {
            let previous = next[performance.id]
            if !isFirstBuild {
                let last = previous?.removedAt == nil ? before[performance.id] : nil
                if previous == nil || previous?.removedAt != nil || last != nil {
                    changes += ProgramChange.between(last, performance, at: now, stageNames: stageNames)
                }
            }
            guard var revision = previous else {
                next[performance.id] = RevisionState(
                    performanceID: performance.id, sequence: 0, lastModified: now, removedAt: nil,
                    significantFingerprint: prints.significant, contentFingerprint: prints.content)
                changed.append(performance.id)
                seen[performance.id] = performance
                continue
            }
            let returned = revision.removedAt != nil
            guard
                returned || revision.significantFingerprint != prints.significant
                    || revision.contentFingerprint != prints.content
            else { continue }
            if returned || revision.significantFingerprint != prints.significant { revision.sequence += 1 }
            if returned || revision.contentFingerprint != prints.content { revision.lastModified = now }
            revision.removedAt = nil
            revision.significantFingerprint = prints.significant
            revision.contentFingerprint = prints.content
            next[performance.id] = revision
            changed.append(performance.id)
            seen[performance.id] = performance
        }
        let present = Set(program.performances.map(\.id))
        let removed = next.keys.filter { !present.contains($0) && next[$0]?.removedAt == nil }.sorted()
        before = try lastSeen(removed)
        for id in removed {
            guard var revision = next[id] else { continue }
            if let last = before[id] { changes += ProgramChange.between(last, nil, at: now, stageNames: stageNames) }
            revision.removedAt = now
            revision.sequence += 1
            revision.lastModified = now
            next[id] = revision
            changed.append(id)
        }
        return (RevisionLedger(states: next), changed.sorted(), seen, changes)
    }

    /// What calendars show of a performance from elsewhere in the program (stage name,
    /// artist name, slug and bio, a night's line-up and details).
    private static func shown(
        _ performance: Performance, artists: [String: Artist], stageNames: [String: String]
    )
        -> [String]
    {
        let artist = performance.artistID.flatMap { artists[$0] }
        var shown = [stageNames[performance.stageID] ?? "", artist?.name ?? "", artist?.slug ?? "", artist?.bio ?? ""]
        if let lineup = performance.lineup {
            shown.append(lineup.map { artists[$0]?.name ?? $0 }.joined(separator: ","))
        }
        if let details = performance.details {
            shown += [
                details.genres.joined(separator: ","), details.minimumAge.map(String.init) ?? "",
                details.dressCode ?? "",
                details.ticketURL ?? "", details.flyerURL ?? "",
            ]
        }
        return shown
    }

    /// The ids of performances removed from the program less than `retention` ago: calendars
    /// still list them as cancelled.
    public func recentlyCancelled(at now: Date, retention: TimeInterval) -> [String] {
        states.values.filter { state in state.removedAt.map { now.timeIntervalSince($0) < retention } ?? false }
            .map(\.performanceID).sorted()
    }
}

/// A performance's revision as the store keeps it: its SEQUENCE and LAST-MODIFIED, when it
/// left the program, and the fingerprints that tell a change.
public struct RevisionState: Sendable, Equatable {
    public var performanceID: String
    public var sequence: Int
    public var lastModified: Date
    /// Set while the performance is missing from the program (shown as cancelled).
    public var removedAt: Date?
    /// Time, stage, title and status: a change here raises `sequence`.
    public var significantFingerprint: String
    /// Everything shown: a change here moves `lastModified`.
    public var contentFingerprint: String

    public var stamp: RevisionStamp {
        RevisionStamp(sequence: sequence, lastModified: lastModified)
    }
}
