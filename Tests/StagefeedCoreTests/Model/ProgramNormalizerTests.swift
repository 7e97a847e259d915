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
