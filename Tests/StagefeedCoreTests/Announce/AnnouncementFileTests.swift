import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

/// `feeds/announcements.json`: made from the store alone (builds and `stagefeed announce`
/// write the same bytes), valid against its schema, written by builds, and brought in line
/// before a process lets go of the output folder.
@Suite struct AnnouncementFileTests {
    let now = Fixtures.instant("2027-07-01T12:00:00+02:00")

    private func add(
        _ text: String, to store: ProgramStore, level: Announcement.Level = .warning
    ) throws -> Announcement {
        try store.addAnnouncement(
            AnnouncementDraft(
                level: level, text: text, texts: ["de": "Auf Deutsch"], screens: [.all], start: now,
                end: now.addingTimeInterval(3600), timeZone: TimeZone(identifier: "Europe/Berlin")!,
                setBy: "anna@stage-pc"),
            at: now)
    }

    @Test func theFeedCarriesWhatScreensNeedAndNothingAboutWhoSetIt() async throws {
        let folder = try TemporaryFolder()
        let store = try ProgramStore(folder: folder.url)
        _ = try add("Gates close at 23:00", to: store)
        let file = try AnnouncementFeed.file(try store.announcements(inForceAt: now))
        let text = String(decoding: file.contents, as: UTF8.self)
        #expect(file.path == "feeds/announcements.json")
        #expect(text.contains("\"end\" : \"2027-07-01T13:00:00+02:00\""))
        #expect(text.contains("\"start\" : \"2027-07-01T12:00:00+02:00\""))
        #expect(text.contains("\"level\" : \"warning\""))
        #expect(text.contains("\"de\" : \"Auf Deutsch\""))
        #expect(!text.contains("anna") && !text.contains("stage-pc"), "who set it stays in the store")
        let written = try folder.write("announcements.json", text)
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("validate_json.py").path,
                Repository.root.appendingPathComponent("schemas/announcements.schema.json").path, written.path,
            ])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func buildsWriteTheFileFromTheStore() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: now)
        let empty = try #require(folder.read("output/feeds/announcements.json"))
        #expect(empty == String(decoding: try AnnouncementFeed.file([]).contents, as: UTF8.self))
        // Announced between builds: the next build writes it.
        let store = try ProgramStore(folder: folder.path("cache"))
        _ = try add("Storm", to: store, level: .emergency)
        let expected = String(
            decoding: try AnnouncementFeed.file(try store.announcements(inForceAt: now)).contents, as: UTF8.self)
        let second = try await FixtureBuild.run(nil, in: folder, at: now)
        #expect(folder.read("output/feeds/announcements.json") == expected)
        #expect(second.write.written.contains("feeds/announcements.json"))
        // A full build of another folder from the same store writes the same bytes.
        try await FixtureBuild.run(nil, in: folder, at: now, alwaysRender: true, output: "other")
        #expect(folder.read("other/feeds/announcements.json") == expected)
        // An hour later it has ended: the next build drops it.
        try await FixtureBuild.run(nil, in: folder, at: now.addingTimeInterval(3601))
        #expect(folder.read("output/feeds/announcements.json") == empty)
    }

    @Test func releasingTheFolderWritesWhatWasHandedOver() async throws {
        let folder = try TemporaryFolder()
        let output = folder.path("output")
        let store = try ProgramStore(folder: folder.path("cache"))
        let file = AnnouncementFile(store: store, folder: output)
        // Nothing to hand over: the folder is left as it is (not even created files).
        let quiet = try OutputLock.acquire(folder: output, command: "build")
        await AnnouncementHandover.release(quiet, file: file, now: { [now] in now })
        #expect(folder.files().filter { $0.hasPrefix("output/") }.isEmpty)
        // An announcement stored while another process held the folder.
        let lock = try OutputLock.acquire(folder: output, command: "build")
        _ = try add("Storm", to: store, level: .emergency)
        #expect(throws: OutputError.self) { try OutputLock.acquire(folder: output, command: "announce") }
        let wrote = Counter()
        await AnnouncementHandover.release(lock, file: file, now: { [now] in now }, wrote: { wrote.add() })
        #expect(wrote.value == 1)
        #expect(folder.read("output/feeds/announcements.json")?.contains("Storm") == true)
        // Released: another process takes the folder.
        _ = try OutputLock.acquire(folder: output, command: "announce")
    }
}

/// Counts calls from any thread.
final class Counter: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
