import Foundation
import GRDB
import Testing

@testable import StagefeedCore

/// Announcements in the store: numbered, in force until they end or are cleared, forgotten
/// a month after, and a transaction that keeps other processes from adding one.
@Suite struct AnnouncementStoreTests {
    let now = Fixtures.instant("2027-07-23T21:40:00+02:00")
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    private func draft(_ text: String, level: Announcement.Level = .info, minutes: Double) -> AnnouncementDraft {
        AnnouncementDraft(
            level: level, text: text, texts: ["de": text + " (de)"], screens: [.stage(slug: "main-stage"), .board],
            start: now, end: now.addingTimeInterval(minutes * 60), timeZone: berlin, setBy: "anna@stage-pc")
    }

    @Test func announcementsAreNumberedKeptAndCleared() throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        let first = try store.addAnnouncement(draft("Storm", level: .emergency, minutes: 30), at: now)
        let second = try store.addAnnouncement(draft("Merch", minutes: 5), at: now)
        let third = try store.addAnnouncement(draft("Doors", level: .warning, minutes: 60), at: now)
        #expect([first.id, second.id, third.id] == [1, 2, 3])
        let reopened = try ProgramStore(folder: folder.url)
        let all = try reopened.announcements(inForceAt: now)
        #expect(all == [first, second, third])
        #expect(all[0].screens == [.stage(slug: "main-stage"), .board])
        #expect(all[0].texts == ["de": "Storm (de)"])
        #expect(all[0].setBy == "anna@stage-pc")
        // Ended: no longer in force, still in the record.
        #expect(try reopened.announcements(inForceAt: now.addingTimeInterval(6 * 60)).map(\.id) == [1, 3])
        let cleared = try #require(try reopened.clearAnnouncement(id: 1, by: "ben@gate", at: now))
        #expect(cleared.clearedAt == now && cleared.clearedBy == "ben@gate")
        #expect(try reopened.clearAnnouncement(id: 1, by: "ben@gate", at: now) == nil, "already cleared")
        #expect(try reopened.clearAnnouncement(id: 2, by: "ben@gate", at: now.addingTimeInterval(600)) == nil, "ended")
        #expect(try reopened.clearAnnouncement(id: 99, by: "ben@gate", at: now) == nil)
        #expect(try reopened.announcements(inForceAt: now).map(\.id) == [2, 3])
        #expect(try reopened.clearAllAnnouncements(by: "ben@gate", at: now).map(\.id) == [2, 3])
        #expect(try reopened.announcements(inForceAt: now).isEmpty)
        #expect(try reopened.allAnnouncements().map(\.clearedBy) == ["ben@gate", "ben@gate", "ben@gate"])
        // A month later the next announcement forgets them, and numbers are not reused.
        let later = now.addingTimeInterval(31 * 86_400)
        var next = draft("Next year", minutes: 10)
        next.start = later
        next.end = later.addingTimeInterval(600)
        #expect(try reopened.addAnnouncement(next, at: later).id == 4)
        #expect(try reopened.allAnnouncements().map(\.id) == [4])
    }

    @Test func theTableComesWithItsOwnMigration() throws {
        let folder = try TemporaryFolder()
        _ = try ProgramStore(folder: folder.url)
        let queue = try DatabaseQueue(path: folder.path(ProgramStore.fileName).path)
        let names = try queue.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(names.filter { $0.hasPrefix("v10") } == ["v10 announcements"])
        #expect(names.firstIndex(of: "v10 announcements") == names.firstIndex(of: "v9 revision states").map { $0 + 1 })
    }

    /// While one process holds the announcements, another cannot add one: its write waits
    /// until the holder is done (the hand-over of the output folder relies on it).
    @Test func holdingTheAnnouncementsKeepsOtherWritersWaiting() throws {
        let folder = try TemporaryFolder()
        let holder = try ProgramStore(folder: folder.url)
        let other = try ProgramStore(folder: folder.url)
        let added = DispatchSemaphore(value: 0)
        let late = draft("Late", minutes: 10)
        let seen = try holder.holdingAnnouncements(at: now) { announcements -> [Int64] in
            Thread.detachNewThread {
                _ = try? other.addAnnouncement(late, at: now)
                added.signal()
            }
            // Not while held (it would be done within milliseconds otherwise).
            #expect(added.wait(timeout: .now() + 0.5) == .timedOut)
            return announcements.map(\.id)
        }
        #expect(seen.isEmpty)
        #expect(added.wait(timeout: .now() + 10) == .success)
        #expect(try holder.announcements(inForceAt: now).map(\.text) == ["Late"])
    }
}
