import Foundation
import GRDB
import Testing

@testable import StagefeedCore

/// Revisions kept as columns, the performance as last seen read only where needed, and the
/// revisions of earlier versions' stores carried over.
@Suite struct RevisionStoreTests {
    private func program() async throws -> Program {
        try await DemoSource().load(normalizer: ProgramNormalizer()).program()
    }

    @Test func revisionsRoundTripAndLastSeenIsReadOnDemand() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        let program = try await program()
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        let (ledger, changed, seen, changes) = RevisionLedger().advanced(to: program, at: first) { _ in [:] }
        #expect(changed.count == program.performances.count && changes.isEmpty, "a first build is not news")
        try store.saveRevisions(source: "demo", ledger: ledger, ids: changed, seen: seen)
        let reopened = try ProgramStore(folder: folder.url)
        #expect(try reopened.revisions(source: "demo") == ledger)
        let id = program.performances[3].id
        #expect(try reopened.lastSeen(source: "demo", ids: [id]) == [id: program.performances[3]])

        // One set moved, one removed: only those two are read back.
        var next = program
        next.performances[3].start += 600
        next.performances[3].end += 600
        let removed = next.performances.removeLast()
        var asked: [[String]] = []
        let later = first.addingTimeInterval(3600)
        let (advanced, moved, _, news) = try reopened.revisions(source: "demo").advanced(to: next, at: later) { ids in
            asked.append(ids)
            return try reopened.lastSeen(source: "demo", ids: ids)
        }
        #expect(asked == [[id], [removed.id]])
        #expect(Set(moved) == [id, removed.id])
        #expect(news.map(\.kind) == [.moved, .cancelled])
        #expect(advanced.states[id]?.sequence == 1 && advanced.states[id]?.lastModified == later)
        #expect(advanced.states[removed.id]?.removedAt == later)
        #expect(advanced.recentlyCancelled(at: later, retention: 86_400) == [removed.id])
    }

    /// A store of the last version (revisions as JSON rows) is migrated: the same stamps, the
    /// same performances last seen.
    @Test func revisionsOfAnEarlierStoreAreCarriedOver() async throws {
        let folder = try TemporaryFolder()
        let program = try await program()
        let path = folder.path(ProgramStore.fileName).path
        let old = try DatabasePool(path: path)
        try ProgramStore.migrator.migrate(old, upTo: "v8 build records")
        let performance = program.performances[0]
        let revision = PerformanceRevision(
            RevisionState(
                performanceID: performance.id, sequence: 3, lastModified: Date(timeIntervalSince1970: 1_800_000_123),
                removedAt: Date(timeIntervalSince1970: 1_800_000_456), significantFingerprint: "s",
                contentFingerprint: "c"),
            lastSeen: performance)
        try await old.write { db in
            try db.execute(
                sql: "INSERT INTO performance_revision (source, performance_id, revision) VALUES (?, ?, ?)",
                arguments: ["stagecraft", performance.id, try JSONEncoder().encode(revision)])
        }
        try old.close()
        let store = try ProgramStore(folder: folder.url)
        #expect(try store.revisions(source: "stagecraft").states == [performance.id: revision.state])
        #expect(try store.lastSeen(source: "stagecraft", ids: [performance.id]) == [performance.id: performance])
    }
}
