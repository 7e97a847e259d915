import Foundation
import Testing

@testable import StagefeedCore

/// A build whose source data, settings, theme and output folder are those of the last one
/// skips decoding and rendering, and writes at most `feeds/status.json`; anything that
/// could change a byte makes it render again.
@Suite struct BuildReuseTests {
    private let first = Date(timeIntervalSince1970: 1_800_000_000)
    private let checked = Date(timeIntervalSince1970: 1_799_990_000)

    private func draft(warning: Bool = false) -> ProgramDraft {
        var performances = [
            Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
            Fixtures.performance(
                "p_2", stage: "s_tent", "2027-07-23T14:00:00+02:00", "2027-07-23T15:00:00+02:00", title: "Tent show"),
        ]
        if warning {
            performances.append(
                Fixtures.performance(
                    "p_3", stage: "s_nowhere", "2027-07-24T14:00:00+02:00", "2027-07-24T15:00:00+02:00"))
        }
        return Fixtures.draft(performances)
    }

    private func source(_ draft: ProgramDraft, digest: String, counter: DecodeCounter) -> FixedSource {
        FixedSource(draft: draft, digest: digest, freshness: .cached(since: checked), decodes: counter)
    }

    private func snapshot(_ folder: TemporaryFolder) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in TemporaryFolderListing.files(below: folder.path("output")) {
            files[path] = FileManager.default.contents(atPath: folder.path("output").appendingPathComponent(path).path)
        }
        return files
    }

    @Test func theSameDataIsNeitherDecodedNorRenderedAgain() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let program = draft(warning: true)
        let built = try await FixtureBuild.run(
            program, in: folder, at: first, source: source(program, digest: "a", counter: counter))
        #expect(!built.reused && counter.count == 1)
        #expect(!built.warnings.isEmpty, "the fixture has a set on an unknown stage")
        let before = snapshot(folder)

        let again = try await FixtureBuild.run(
            program, in: folder, at: first.addingTimeInterval(600),
            source: source(program, digest: "a", counter: counter))
        #expect(again.reused)
        #expect(counter.count == 1, "the program was decoded again")
        #expect(again.write.written.isEmpty && again.write.removed.isEmpty)
        #expect(again.write.unchanged == built.write.written.count)
        #expect(again.performances == 3)
        #expect(again.warnings == built.warnings, "a reused build repeats the program's warnings")
        #expect(snapshot(folder) == before, "a byte changed")
    }

    @Test func aNewSourceStateRewritesOnlyTheStatus() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let program = draft()
        try await FixtureBuild.run(
            program, in: folder, at: first, source: source(program, digest: "a", counter: counter))
        let before = snapshot(folder)

        var stale = source(program, digest: "a", counter: counter)
        stale.freshness = .stale(reason: "GET /program: HTTP 503", since: checked)
        let report = try await FixtureBuild.run(program, in: folder, at: first.addingTimeInterval(600), source: stale)
        #expect(report.reused && counter.count == 1)
        #expect(report.write.written == ["feeds/status.json"])
        let status = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: folder.path("output/feeds/status.json")))
                as? [String: Any])
        #expect(status["state"] as? String == "stale")
        #expect(status["stale"] as? Bool == true)
        #expect(status["stale_reason"] as? String == "GET /program: HTTP 503")
        #expect(status["generated_at"] as? String == "2027-01-15T09:10:00+01:00")
        #expect(status["performances"] as? Int == 2)
        #expect(status["time_zone"] == nil, "the record's timezone is not part of the feed")
        let previous = try #require(JSONSerialization.jsonObject(with: before["feeds/status.json"]!) as? [String: Any])
        for key in ["data_version", "last_change", "last_check", "schema_version", "source", "generator"] {
            #expect("\(status[key] ?? "-")" == "\(previous[key] ?? "-")", "\(key) changed")
        }
        #expect(
            snapshot(folder).filter { $0.key != "feeds/status.json" } == before.filter { $0.key != "feeds/status.json" }
        )

        // Back to cached: the status says so again, nothing else is touched.
        let back = try await FixtureBuild.run(
            program, in: folder, at: first.addingTimeInterval(900),
            source: source(program, digest: "a", counter: counter))
        #expect(back.reused && back.write.written == ["feeds/status.json"])
        #expect(
            String(decoding: try Data(contentsOf: folder.path("output/feeds/status.json")), as: UTF8.self).contains(
                "\"stale_reason\" : null"))
    }

    @Test func anythingThatCouldChangeTheOutputRendersAgain() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let program = draft()
        try await FixtureBuild.run(
            program, in: folder, at: first, source: source(program, digest: "a", counter: counter))

        // Other source data.
        var edited = program
        edited.performances[1].title = "Tent show, longer"
        let changed = try await FixtureBuild.run(
            edited, in: folder, at: first, source: source(edited, digest: "b", counter: counter))
        #expect(!changed.reused && counter.count == 2)
        #expect(changed.write.written.contains("days/2027-07-23/index.html"))
        #expect(folder.read("output/days/2027-07-23/index.html")?.contains("Tent show, longer") == true)

        // Other settings: a 12-hour clock changes the pages.
        let clock = try await FixtureBuild.run(
            edited, in: folder, at: first, clock: .twelveHour, source: source(edited, digest: "b", counter: counter))
        #expect(!clock.reused && counter.count == 3)
        #expect(clock.write.written.contains("days/2027-07-23/index.html"))

        // Files removed behind stagefeed's back (the manifest with them).
        try FileManager.default.removeItem(at: folder.path("output"))
        let restored = try await FixtureBuild.run(
            edited, in: folder, at: first, clock: .twelveHour, source: source(edited, digest: "b", counter: counter))
        #expect(!restored.reused && counter.count == 4)
        #expect(restored.write.written.count == clock.write.written.count + clock.write.unchanged)

        // `build --force`: renders and compares, and finds nothing to write.
        let forced = try await FixtureBuild.run(
            edited, in: folder, at: first, clock: .twelveHour,
            source: source(edited, digest: "b", counter: counter), alwaysRender: true)
        #expect(!forced.reused && counter.count == 5)
        #expect(forced.write.written.isEmpty)

        // A source that cannot tell what its data is: always rendered.
        let plain = try await FixtureBuild.run(edited, in: folder, at: first, clock: .twelveHour)
        #expect(!plain.reused)
    }

    @Test func aCancelledSetStillLeavesTheCalendarsWhenItsRetentionEnds() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let original = draft()
        try await FixtureBuild.run(
            original, in: folder, at: first, source: source(original, digest: "a", counter: counter))
        var edited = original
        edited.performances.removeLast()
        let removedAt = first.addingTimeInterval(3600)
        try await FixtureBuild.run(
            edited, in: folder, at: removedAt, source: source(edited, digest: "b", counter: counter))
        #expect(folder.read("output/calendar/program.ics")?.contains("STATUS:CANCELLED") == true)

        let inside = try await FixtureBuild.run(
            edited, in: folder, at: removedAt.addingTimeInterval(6 * 86_400),
            source: source(edited, digest: "b", counter: counter))
        #expect(inside.reused, "within the retention nothing changes")
        let after = try await FixtureBuild.run(
            edited, in: folder, at: removedAt.addingTimeInterval(7 * 86_400 + 1),
            source: source(edited, digest: "b", counter: counter))
        #expect(!after.reused)
        #expect(after.write.written.contains("calendar/program.ics"))
        #expect(folder.read("output/calendar/program.ics")?.contains("STATUS:CANCELLED") == false)
        let later = try await FixtureBuild.run(
            edited, in: folder, at: removedAt.addingTimeInterval(8 * 86_400),
            source: source(edited, digest: "b", counter: counter))
        #expect(later.reused && later.write.written.isEmpty)
    }

    /// Two outputs built from one store: what one build does to the revisions and the change
    /// log (rendered in calendars and feeds) keeps the other from reusing its older output.
    @Test func aLedgerChangedByAnotherOutputRendersAgain() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let original = draft()
        var edited = original
        edited.performances[0].start = Fixtures.instant("2027-07-23T12:30:00+02:00")
        try await FixtureBuild.run(
            original, in: folder, at: first, source: source(original, digest: "a", counter: counter), output: "x")
        try await FixtureBuild.run(
            edited, in: folder, at: first.addingTimeInterval(60), source: source(edited, digest: "b", counter: counter),
            output: "y")
        try await FixtureBuild.run(
            original, in: folder, at: first.addingTimeInterval(120),
            source: source(original, digest: "a", counter: counter), output: "y")
        let again = try await FixtureBuild.run(
            original, in: folder, at: first.addingTimeInterval(180),
            source: source(original, digest: "a", counter: counter), output: "x")
        #expect(!again.reused, "the set moved and moved back: its SEQUENCE and the change log differ")
        #expect(folder.read("x/calendar/program.ics") == folder.read("y/calendar/program.ics"))
        #expect(folder.read("x/feeds/changes.json") == folder.read("y/feeds/changes.json"))
        let settled = try await FixtureBuild.run(
            original, in: folder, at: first.addingTimeInterval(240),
            source: source(original, digest: "a", counter: counter), output: "x")
        #expect(settled.reused, "a build that changed nothing in the store is reused the next time")
    }

    /// A build that fails half-way leaves no record behind: the next build renders, even
    /// with the inputs of the last complete one.
    @Test func aFailedBuildIsNeverReusedAcross() async throws {
        let folder = try TemporaryFolder()
        let counter = DecodeCounter()
        let program = draft()
        try await FixtureBuild.run(
            program, in: folder, at: first, source: source(program, digest: "a", counter: counter))
        // A folder where the index must go: the 12-hour build fails while putting files in place.
        try FileManager.default.removeItem(at: folder.path("output/index.html"))
        try FileManager.default.createDirectory(
            at: folder.path("output/index.html/blocked"), withIntermediateDirectories: true)
        await #expect(throws: OutputError.self) {
            try await FixtureBuild.run(
                program, in: folder, at: first, clock: .twelveHour,
                source: source(program, digest: "a", counter: counter))
        }
        try FileManager.default.removeItem(at: folder.path("output/index.html"))
        let back = try await FixtureBuild.run(
            program, in: folder, at: first, source: source(program, digest: "a", counter: counter))
        #expect(!back.reused)
        #expect(folder.read("output/index.html")?.contains("Test Fest") == true, "the index is back")
        #expect(folder.read("output/days/2027-07-23/index.html")?.contains("12:00") == true, "24-hour pages again")
    }

    @Test func configurationDigestsTellSettingsApart() throws {
        let theme = try ThemeLoader.load(overriding: nil)
        let base = BuildPipeline.configurationDigest(theme: theme, clock: nil, locales: [.english])
        #expect(
            base
                == BuildPipeline.configurationDigest(
                    theme: try ThemeLoader.load(overriding: nil), clock: nil, locales: [.english]))
        #expect(base != BuildPipeline.configurationDigest(theme: theme, clock: .twelveHour, locales: [.english]))
        #expect(
            base
                != BuildPipeline.configurationDigest(
                    theme: theme, clock: nil, locales: [.english, SiteLocale(tag: "es", isDefault: false)!]))
        let folder = try TemporaryFolder()
        _ = try folder.write("theme/i18n/en.yml", "skip_to_content: Jump to the program\n")
        let overridden = try ThemeLoader.load(overriding: folder.path("theme"))
        #expect(
            base != BuildPipeline.configurationDigest(theme: overridden, clock: nil, locales: [.english]),
            "a theme's strings are part of it")
    }
}
