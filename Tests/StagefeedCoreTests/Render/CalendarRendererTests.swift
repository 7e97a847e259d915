import Foundation
import Logging
import Testing

@testable import StagefeedCore

@Suite struct CalendarRendererTests {
    private let logger = Logger(label: "test")

    private func build(
        _ draft: ProgramDraft, in folder: TemporaryFolder, at now: Date, retention: TimeInterval = 7 * 86_400
    ) async throws -> BuildReport {
        try await FixtureBuild.run(draft, in: folder, at: now, retention: retention)
    }

    private func uid(_ performanceID: String, event: String = "evt") -> String {
        StableUUID.performance(performanceID, event: event, source: "fixture").uuidString.lowercased()
    }

    @Test func theDemoCalendarsParseAndHoldTheSourceInstants() async throws {
        let folder = try TemporaryFolder()
        var pipeline = try BuildPipeline(
            source: DemoSource(), normalizer: ProgramNormalizer(),
            writer: OutputWriter(folder: folder.url, cache: folder.path("cache")),
            store: try ProgramStore(folder: folder.path("cache")))
        pipeline.siteURL = URL(string: "https://riverbend.example/timetable/")
        _ = try await pipeline.run(logger: logger)
        let program = try await DemoSource().load(normalizer: ProgramNormalizer()).program()
        let calendars = try await CalendarReader.read(folder.path("calendar"))

        #expect(calendars.count == 1 + program.stages.count + program.days.count + program.artists.count)
        let whole = try #require(calendars["program.ics"])
        #expect(whole.events.count == program.performances.count)
        #expect(whole.refresh == "PT1H")
        #expect(whole.name == "Riverbend Folk & Roots Festival 2027")
        for performance in program.performances {
            let expected = StableUUID.performance(performance.id, event: program.event.id, source: "demo").uuidString
                .lowercased()
            let event = try #require(whole.events.first { $0.uid == expected })
            #expect(event.start == performance.start.timeIntervalSince1970)
            #expect(event.end == performance.end.timeIntervalSince1970)
            #expect(event.summary == performance.displayName)
            #expect(event.tzid == "Europe/Berlin")
        }
        let stage = try #require(program.stages.first)
        #expect(calendars["stages/\(stage.slug).ics"]?.events.count == program.performances(onStage: stage.id).count)
        let artist = try #require(program.artists.first { program.performances(byArtist: $0.id).count == 2 })
        #expect(calendars["artists/\(artist.slug).ics"]?.events.count == 2)
        #expect(Set(whole.events.map(\.uid)).count == whole.events.count)
        // Subscribed calendars never alarm: reminders are the fan's choice, in the calendar
        // of starred sets the browser makes (SiteScriptTests).
        #expect(calendars.values.allSatisfy { $0.events.allSatisfy { $0.alarms.isEmpty } })
    }

    @Test func textEscapingAndFoldingRoundTripExactly() async throws {
        let folder = try TemporaryFolder()
        let tricky = "Commas, semicolons; back\\slashes\\n and\nnewlines\r\nand CRLF: \"quotes\" 'too' <b>&amp;</b>"
        let alphabet = Array("日本語の説明 ü€😀𝄞ñ")
        let long = String((0..<2_000).map { alphabet[$0 % alphabet.count] })
        var performance = Fixtures.performance(
            "p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00", title: tricky)
        performance.description = long
        _ = try await build(Fixtures.draft([performance]), in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let event = try await #require(
            try CalendarReader.read(folder.path("output/calendar"))["program.ics"]?.events.first)
        #expect(event.summary == tricky.replacingOccurrences(of: "\r\n", with: "\n"))
        // 2,000 characters exceed the description limit: cut at a word boundary or with "…".
        #expect(event.description.hasSuffix("…"))
        #expect(long.hasPrefix(String(event.description.dropLast())))
    }

    @Test func foldsNeverSplitCharactersEvenAtFullLength() {
        var builder = ICalendarBuilder()
        let text = String(repeating: "😀é日a", count: 300)
        builder.text("DESCRIPTION", text)
        let lines = String(decoding: builder.output, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined()
        #expect(unfolded == "DESCRIPTION:" + text)
    }

    /// Folds are found by checking only the places a line could be cut; the result must be
    /// what walking every character gives, for text in many scripts, with combining marks,
    /// emoji sequences, flags and line breaks.
    @Test func foldsFoundAtTheCutsAreTheFoldsOfEveryCharacter() {
        let pieces = [
            "a", "é", "e\u{301}", "日本", "😀", "👩‍👩‍👧‍👦", "🇩🇪", "Ωμέγα", "ни", "مرحبا", "한국", "\r\n", "; ", ",", "\\",
            "ก่", "z\u{300}\u{301}\u{302}",
        ]
        var generator = SeededGenerator(seed: 22)
        for round in 0..<400 {
            let count = Int.random(in: 1...90, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var fast = ICalendarBuilder()
            fast.text("DESCRIPTION", text)
            var escaped: [UInt8] = []
            ICalendarBuilder.appendEscaped(text, to: &escaped)
            var slow = ICalendarBuilder()
            slow.appendFoldedByCharacter("DESCRIPTION:" + String(decoding: escaped, as: UTF8.self))
            #expect(fast.output == slow.output + [0x0D, 0x0A], "round \(round): \(text.debugDescription)")
        }
    }

    @Test func aCalendarLargerThanAPieceIsWrittenWhole() async throws {
        let folder = try TemporaryFolder()
        let start = Fixtures.instant("2027-07-23T12:00:00+02:00")
        let iso = ISO8601DateFormatter()
        var performances: [PerformanceRecord] = []
        for index in 0..<600 {
            let begins = start.addingTimeInterval(Double(index) * 60)
            var performance = Fixtures.performance(
                "p_\(index)", iso.string(from: begins), iso.string(from: begins.addingTimeInterval(50)),
                title: "Set \(index)")
            performance.description = String(repeating: "Lange Beschreibung, über Ünïcode; \(index). ", count: 20)
            performances.append(performance)
        }
        _ = try await build(Fixtures.draft(performances), in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let day = folder.path("output/calendar/days/2027-07-23.ics")
        #expect(
            try Data(contentsOf: day).count > 2 * CalendarRenderer.pieceSize, "large enough to be written in pieces")
        let calendars = try await CalendarReader.read(folder.path("output/calendar"))
        let events = try #require(calendars["days/2027-07-23.ics"]?.events)
        #expect(events.count == 600)
        #expect(Set(events.map(\.uid)) == Set(performances.map { uid($0.id) }))
        #expect(
            events.first { $0.uid == uid("p_7") }?.description.hasPrefix("Lange Beschreibung, über Ünïcode; 7.") == true
        )
        // The same events, byte for byte, as in the whole program's calendar.
        let program = try String(contentsOf: folder.path("output/calendar/program.ics"), encoding: .utf8)
        let dayText = try String(contentsOf: day, encoding: .utf8)
        func vevents(_ text: String) -> [Substring] {
            text.split(separator: "BEGIN:VEVENT").dropFirst().map { $0.split(separator: "END:VEVENT")[0] }
        }
        #expect(vevents(dayText) == vevents(program))
    }

    @Test func plainLinesFoldAtExactlySeventyFiveOctets() {
        var builder = ICalendarBuilder()
        let text = (0..<40).map { "word\($0), " }.joined() + "control\u{7}bell; back\\slash"
        builder.text("DESCRIPTION", text)
        let lines = String(decoding: builder.output, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 3)
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        let unfolded = lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined()
        #expect(
            unfolded == "DESCRIPTION:"
                + text.replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: ";", with: "\\;")
                .replacingOccurrences(of: "\\slash", with: "\\\\slash").replacingOccurrences(of: "\u{7}", with: " "))
    }

    @Test func aFestivalAcrossTheAutumnChangeGetsBothOffsets() async throws {
        let folder = try TemporaryFolder()
        // Berlin leaves summer time at 03:00 on Sunday 31 October 2027.
        let draft = Fixtures.draft(
            [
                Fixtures.performance("p_before", "2027-10-31T01:30:00+02:00", "2027-10-31T02:30:00+02:00"),
                Fixtures.performance(
                    "p_after", stage: "s_tent", "2027-10-31T02:30:00+01:00", "2027-10-31T03:30:00+01:00"),
            ], event: Fixtures.event(start: "2027-10-30", end: "2027-10-31"))
        _ = try await build(draft, in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let calendar = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
        let transitions = try #require(calendar.timezones["Europe/Berlin"])
        #expect(transitions.contains { $0.kind == "DAYLIGHT" && $0.from == 3600 && $0.to == 7200 })
        #expect(
            transitions.contains {
                $0.kind == "STANDARD" && $0.start == "2027-10-31T03:00:00" && $0.from == 7200 && $0.to == 3600
            })
        let events = Dictionary(uniqueKeysWithValues: calendar.events.map { ($0.uid, $0) })
        #expect(events[uid("p_before")]?.start == Fixtures.instant("2027-10-31T01:30:00+02:00").timeIntervalSince1970)
        #expect(events[uid("p_after")]?.start == Fixtures.instant("2027-10-31T02:30:00+01:00").timeIntervalSince1970)
        #expect(events[uid("p_before")]!.end - events[uid("p_before")]!.start == 3600)
        // 02:30 after the change repeats a wall time, so it is written in UTC.
        #expect(events[uid("p_before")]?.tzid == "Europe/Berlin")
        #expect(events[uid("p_after")]?.tzid == "UTC")
    }

    @Test func aZoneWithoutDaylightSavingGetsOneStandardObservance() async throws {
        let folder = try TemporaryFolder()
        let draft = Fixtures.draft(
            [Fixtures.performance("p_1", "2027-07-23T19:00:00+09:00", "2027-07-23T20:00:00+09:00")],
            event: Fixtures.event(timeZone: "Asia/Tokyo"))
        _ = try await build(draft, in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let calendar = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
        #expect(
            calendar.timezones["Asia/Tokyo"] == [
                .init(kind: "STANDARD", start: "1970-01-01T00:00:00", from: 32_400, to: 32_400)
            ])
    }

    /// Two builds around an edited program: every UID kept, SEQUENCE raised only for what
    /// changed, the removed set cancelled, then dropped once the retention has passed.
    @Test func editsRaiseSequenceOnlyWhereTheyShouldAndRemovedSetsAreCancelled() async throws {
        let folder = try TemporaryFolder()
        let first = Date(timeIntervalSince1970: 1_800_000_000), second = first.addingTimeInterval(3600)
        let original = Fixtures.draft([
            Fixtures.performance("p_same", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
            Fixtures.performance("p_moved", "2027-07-23T14:00:00+02:00", "2027-07-23T15:00:00+02:00"),
            Fixtures.performance(
                "p_renamed", stage: "s_tent", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00",
                title: "Old name"),
            Fixtures.performance(
                "p_described", stage: "s_tent", "2027-07-23T14:00:00+02:00", "2027-07-23T15:00:00+02:00"),
            Fixtures.performance("p_gone", stage: "s_tent", "2027-07-23T16:00:00+02:00", "2027-07-23T17:00:00+02:00"),
        ])
        _ = try await build(original, in: folder, at: first)
        let before = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])

        var edited = original
        edited.performances[1].start = Fixtures.instant("2027-07-23T15:00:00+02:00")
        edited.performances[1].end = Fixtures.instant("2027-07-23T16:00:00+02:00")
        edited.performances[2].title = "New name"
        edited.performances[3].description = "Now with a description."
        edited.performances.remove(at: 4)
        edited.performances.append(
            Fixtures.performance("p_new", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"))
        _ = try await build(edited, in: folder, at: second)
        let after = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])

        #expect(Set(before.events.map(\.uid)).isSubset(of: Set(after.events.map(\.uid))))
        let events = Dictionary(uniqueKeysWithValues: after.events.map { ($0.uid, $0) })
        let stampFirst = "2027-01-15T08:00:00+00:00", stampSecond = "2027-01-15T09:00:00+00:00"
        #expect(events[uid("p_same")]?.sequence == 0)
        #expect(events[uid("p_same")]?.last_modified == stampFirst)
        #expect(events[uid("p_moved")]?.sequence == 1)
        #expect(events[uid("p_moved")]?.start == Fixtures.instant("2027-07-23T15:00:00+02:00").timeIntervalSince1970)
        #expect(events[uid("p_renamed")]?.sequence == 1)
        #expect(events[uid("p_renamed")]?.summary == "New name")
        #expect(events[uid("p_described")]?.sequence == 0)
        #expect(events[uid("p_described")]?.last_modified == stampSecond)
        #expect(events[uid("p_new")]?.sequence == 0)
        let gone = try #require(events[uid("p_gone")])
        #expect(gone.status == "CANCELLED")
        #expect(gone.summary == "Cancelled: Rosa & the Thorns")
        #expect(gone.sequence == 1)
        #expect(gone.last_modified == stampSecond)
        #expect(before.events.first { $0.uid == uid("p_gone") }?.status == "CONFIRMED")

        // A rebuild with the same program changes nothing at all.
        let again = try await build(edited, in: folder, at: second.addingTimeInterval(600))
        #expect(again.write.written == ["feeds/status.json"])

        // Eight days later the cancelled set has dropped out.
        _ = try await build(edited, in: folder, at: second.addingTimeInterval(8 * 86_400))
        let later = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
        #expect(!later.events.contains { $0.uid == uid("p_gone") })
        #expect(later.events.count == 5)

        // A set that comes back is confirmed again with a higher SEQUENCE.
        _ = try await build(original, in: folder, at: second.addingTimeInterval(9 * 86_400))
        let back = try await #require(try CalendarReader.read(folder.path("output/calendar"))["program.ics"])
        #expect(back.events.first { $0.uid == uid("p_gone") }.map { "\($0.status) \($0.sequence)" } == "CONFIRMED 2")
    }
}
