import Foundation
import Testing

@testable import StagefeedCore

@Suite struct ProgramNormalizerTests {
    let normalizer = ProgramNormalizer()

    @Test func appliesTheDisplayNameRule() throws {
        var activity = Fixtures.performance(
            "p_3", artist: nil, "2027-07-23T14:00:00+02:00", "2027-07-23T15:00:00+02:00")
        activity.activity = Activity(id: "act_1", name: "Fiddle Workshop")
        let program = try normalizer.normalize(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
                Fixtures.performance(
                    "p_2", stage: "s_tent", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00",
                    title: "Secret Set"),
                activity,
            ]))
        #expect(program.performances.map(\.displayName) == ["Rosa & the Thorns", "Secret Set", "Fiddle Workshop"])
    }

    @Test func ordersByStartThenStagePosition() throws {
        var draft = Fixtures.draft([
            Fixtures.performance("p_b", stage: "s_main", "2027-07-23T13:00:00+02:00", "2027-07-23T14:00:00+02:00"),
            Fixtures.performance("p_a", stage: "s_tent", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
            Fixtures.performance("p_c", stage: "s_main", "2027-07-23T12:00:00+02:00", "2027-07-23T12:45:00+02:00"),
        ])
        draft.stages = [
            StageRecord(id: "s_tent", name: "Tent", position: 2), StageRecord(id: "s_main", name: "Main", position: 1),
        ]
        let program = try normalizer.normalize(draft)
        #expect(program.stages.map(\.id) == ["s_main", "s_tent"])
        #expect(program.performances.map(\.id) == ["p_c", "p_a", "p_b"])
    }

    @Test func ordersArtistsByNameWithoutCaseOrAccents() throws {
        var draft = Fixtures.draft([])
        draft.artists = ["Zoë", "adam", "Ébène", "anna", "Bea", "ebony", "Adam", "Bjorn", "BJØRK"].enumerated().map {
            ArtistRecord(id: "a_\($0)", name: $1)
        }
        let program = try normalizer.normalize(draft)
        #expect(
            program.artists.map(\.name) == ["adam", "Adam", "anna", "Bea", "BJØRK", "Bjorn", "Ébène", "ebony", "Zoë"])
    }

    @Test func festivalDaysCoverTheEventAndLateSets() throws {
        let program = try normalizer.normalize(
            Fixtures.draft([
                Fixtures.performance("p_late", "2027-07-26T01:30:00+02:00", "2027-07-26T02:30:00+02:00")
            ]))
        #expect(program.days.map(\.date.description) == ["2027-07-23", "2027-07-24", "2027-07-25"])
        #expect(program.days.last?.performanceIDs == ["p_late"])
        #expect(program.warnings.isEmpty)
    }

    @Test func warnsAboutMissingStagesAndArtistsButKeepsThePerformance() throws {
        let program = try normalizer.normalize(
            Fixtures.draft([
                Fixtures.performance(
                    "p_1", stage: "s_gone", artist: "a_gone", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00")
            ]))
        #expect(program.warnings.contains(.unknownStage(performanceID: "p_1", stageID: "s_gone")))
        #expect(program.warnings.contains(.unknownArtist(performanceID: "p_1", artistID: "a_gone")))
        #expect(program.warnings.contains(.untitled(performanceID: "p_1")))
        #expect(program.performances.first?.displayName == "To be announced")
        let unlisted = try #require(program.stage(id: "s_gone"))
        #expect(!unlisted.isListed)
        #expect(Slug.isSafe(unlisted.slug))
    }

    /// Enough sets and artists to be made on every core: the same program, and the warnings
    /// in the order the records came, as when they were made one by one.
    @Test func aLargeProgramIsMadeAsOneByOne() throws {
        var draft = Fixtures.draft(
            (0..<400).map { index in
                let start = Fixtures.instant("2027-07-23T12:00:00+02:00").addingTimeInterval(Double(index) * 3600)
                var record = Fixtures.performance(
                    "p_\(index)", stage: index % 2 == 0 ? "s_main" : "s_tent",
                    artist: index % 7 == 0 ? "a_gone_\(index)" : "a_\(index % 300)",
                    "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00")
                (record.start, record.end) = (start, start.addingTimeInterval(1800))
                return record
            })
        draft.event.endDate = LocalDate(year: 2027, month: 8, day: 10)
        draft.artists = (0..<300).map { index in
            ArtistRecord(
                id: "a_\(index)", name: "Artist " + (299 - index).zeroPadded(3),
                imageURL: index % 9 == 0 ? "javascript:alert(\(index))" : "https://img.example/\(index).jpg",
                links: [
                    SocialLink(platform: "website", url: index % 11 == 0 ? "ftp://x/\(index)" : "https://x/\(index)")
                ])
        }
        let program = try normalizer.normalize(draft)
        var expected: [ProgramWarning] = []
        for index in 0..<300 {
            if index % 9 == 0 { expected.append(.unsafeLink(kind: "artist", id: "a_\(index)", field: "image")) }
            if index % 11 == 0 { expected.append(.unsafeLink(kind: "artist", id: "a_\(index)", field: "website link")) }
        }
        for index in stride(from: 0, to: 400, by: 7) {
            expected += [
                .unknownArtist(performanceID: "p_\(index)", artistID: "a_gone_\(index)"),
                .untitled(performanceID: "p_\(index)"),
            ]
        }
        #expect(program.warnings == expected)
        #expect(program.performances.map(\.id) == (0..<400).map { "p_\($0)" })
        #expect(program.performances[1].displayName == "Artist 298")
        #expect(program.performances.map(\.day.description).first == "2027-07-23")
        #expect(program.artists.map(\.id) == (0..<300).reversed().map { "a_\($0)" })
        #expect(program.artists[299].imageURL == nil && program.artists[298].imageURL == "https://img.example/1.jpg")
    }

    @Test func warnsAboutOverlapsOnOneStageOnly() throws {
        let program = try normalizer.normalize(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
                Fixtures.performance("p_2", "2027-07-23T12:30:00+02:00", "2027-07-23T13:30:00+02:00"),
                Fixtures.performance("p_3", stage: "s_tent", "2027-07-23T12:30:00+02:00", "2027-07-23T13:30:00+02:00"),
                Fixtures.performance("p_4", "2027-07-23T13:30:00+02:00", "2027-07-23T14:00:00+02:00"),
            ]))
        #expect(program.warnings == [.overlap(stageID: "s_main", first: "p_1", second: "p_2")])
    }

    @Test func warnsAboutSetsOutsideTheEventDatesAndDuplicateIDs() throws {
        let program = try normalizer.normalize(
            Fixtures.draft([
                Fixtures.performance("p_1", "2027-07-28T12:00:00+02:00", "2027-07-28T13:00:00+02:00"),
                Fixtures.performance("p_1", "2027-07-23T12:00:00+02:00", "2027-07-23T13:00:00+02:00"),
            ]))
        #expect(program.warnings.contains(.duplicateID(kind: "performance", id: "p_1")))
        #expect(program.warnings.contains(.outsideEventDates(performanceID: "p_1", day: LocalDate(iso: "2027-07-28")!)))
        #expect(program.performances.count == 1)
    }

    @Test func rejectsAPerformanceThatEndsBeforeItStarts() {
        #expect(throws: ProgramError.endsBeforeStart(performanceID: "p_bad")) {
            try normalizer.normalize(
                Fixtures.draft([
                    Fixtures.performance("p_bad", "2027-07-23T13:00:00+02:00", "2027-07-23T12:00:00+02:00")
                ]))
        }
        #expect(throws: ProgramError.endsBeforeStart(performanceID: "p_zero")) {
            try normalizer.normalize(
                Fixtures.draft([
                    Fixtures.performance("p_zero", "2027-07-23T13:00:00+02:00", "2027-07-23T13:00:00+02:00")
                ]))
        }
    }

    @Test(arguments: ["Mars/Olympus_Mons", "CEST", "", "Europe/Berlinn"])
    func rejectsUnknownTimeZones(name: String) {
        #expect(throws: ProgramError.unknownTimeZone(name)) {
            try normalizer.normalize(Fixtures.draft([], event: Fixtures.event(timeZone: name)))
        }
    }

    @Test func rejectionMessagesNameThePerformance() {
        #expect(ProgramError.endsBeforeStart(performanceID: "p_113").description.contains("p_113"))
    }

    @Test func slugsStayTheSameWhenAnArtistIsAdded() throws {
        var draft = Fixtures.draft([])
        let before = try normalizer.normalize(draft)
        draft.artists.insert(ArtistRecord(id: "a_0", name: "Cafe Lune"), at: 0)
        let after = try normalizer.normalize(draft)
        // a_0 sorts first by id, but a_2 keeps its slug when the store hands it back.
        let remembered = ProgramNormalizer(previousSlugs: [
            "artist": Dictionary(uniqueKeysWithValues: before.artists.map { ($0.id, $0.slug) })
        ])
        let stable = try remembered.normalize(draft)
        #expect(stable.artist(id: "a_2")?.slug == before.artist(id: "a_2")?.slug)
        #expect(after.artist(id: "a_0")?.slug == "cafe-lune")
        #expect(Set(stable.artists.map(\.slug)).count == 3)
    }
}
