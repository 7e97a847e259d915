import Foundation

/// The revisions of every performance the export has shown, brought up to date with each
/// build's program. Pure: the store loads and saves it.
public struct RevisionLedger: Sendable, Equatable {
    /// By performance id: those in the program and those removed from it.
    public var revisions: [String: PerformanceRevision]

    public init(revisions: [String: PerformanceRevision] = [:]) {
        self.revisions = revisions
    }

    /// Every revision's stamp, by performance id.
    public var stamps: [String: RevisionStamp] {
        revisions.mapValues(\.stamp)
    }

    /// The ledger after a build of `program` at `now`, the ids whose revision changed, and
    /// the program changes people would want to hear of (none for the first build: an
    /// initial import is not news).
    public func advanced(
        to program: Program, at now: Date
    ) -> (ledger: RevisionLedger, changed: [String], changes: [ProgramChange]) {
        var next = revisions
        var changed: [String] = []
        var changes: [ProgramChange] = []
        let stageNames = Dictionary(uniqueKeysWithValues: program.stages.map { ($0.id, $0.name) })
        let isFirstBuild = revisions.isEmpty
        let artists = Dictionary(uniqueKeysWithValues: program.artists.map { ($0.id, $0) })
        for performance in program.performances {
            let artist = performance.artistID.flatMap { artists[$0] }
            var shown = [
                stageNames[performance.stageID] ?? "", artist?.name ?? "", artist?.slug ?? "", artist?.bio ?? "",
            ]
            // A night's line-up and details are in its calendar text too (absent for a plain set).
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
            let (significant, content) = PerformanceRevision.fingerprints(of: performance, shown: shown)
            let previous = next[performance.id]
            if !isFirstBuild {
                let before = previous?.removedAt == nil ? previous?.lastSeen : nil
                changes += ProgramChange.between(before, performance, at: now, stageNames: stageNames)
            }
            guard var revision = previous else {
                next[performance.id] = PerformanceRevision(
                    performanceID: performance.id, sequence: 0, lastModified: now, removedAt: nil,
                    significantFingerprint: significant, contentFingerprint: content, lastSeen: performance)
                changed.append(performance.id)
                continue
            }
            let returned = revision.removedAt != nil
            guard
                returned || revision.significantFingerprint != significant || revision.contentFingerprint != content
                    || revision.lastSeen != performance
            else { continue }
            if returned || revision.significantFingerprint != significant { revision.sequence += 1 }
            if returned || revision.contentFingerprint != content { revision.lastModified = now }
            revision.removedAt = nil
            revision.significantFingerprint = significant
            revision.contentFingerprint = content
            revision.lastSeen = performance
            next[performance.id] = revision
            changed.append(performance.id)
        }
        let present = Set(program.performances.map(\.id))
        for (id, var revision) in next.sorted(by: { $0.key < $1.key })
        where !present.contains(id) && revision.removedAt == nil {
            changes += ProgramChange.between(revision.lastSeen, nil, at: now, stageNames: stageNames)
            revision.removedAt = now
            revision.sequence += 1
            revision.lastModified = now
            next[id] = revision
            changed.append(id)
        }
        return (RevisionLedger(revisions: next), changed.sorted(), changes)
    }

    /// Performances removed from the program less than `retention` ago, by start time:
    /// calendars still list them as cancelled.
    public func recentlyCancelled(at now: Date, retention: TimeInterval) -> [PerformanceRevision] {
        revisions.values
            .filter { revision in revision.removedAt.map { now.timeIntervalSince($0) < retention } ?? false }
            .sorted { ($0.lastSeen.start, $0.performanceID) < ($1.lastSeen.start, $1.performanceID) }
    }
}
