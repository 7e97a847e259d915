import Foundation
import Testing

@testable import StagefeedCore

@Suite struct StagecraftDecoderTests {
    private func envelope(_ data: String) -> Data {
        Data(#"{"success": true, "data": \#(data), "meta": {"timestamp": "2025-01-15T12:00:00.000Z"}}"#.utf8)
    }

    private func bodies(
        program: String = "[]", artists: String = "[]", stages: String = #"[{"id":"s_main","name":"Main"}]"#,
        event: String =
            #"{"id":"e1","name":"Fest","start_date":"2026-03-14","end_date":"2026-03-15","timezone":"Australia/Melbourne"}"#
    )
        -> [StagecraftEndpoint: Data]
    {
        [.event: envelope(event), .stages: envelope(stages), .artists: envelope(artists), .program: envelope(program)]
    }

    @Test func decodesTheContractExample() throws {
        let draft = try StagecraftDecoder.draft(
            bodies: bodies(
                program: """
                    [{"id": "p_101", "stage_id": "s_main", "artist_id": "a_7",
                      "start_time": "2026-03-14T23:30:00+11:00", "end_time": "2026-03-15T00:45:00+11:00"},
                     {"id": "p_102", "stage_id": "s_tent", "artist_id": null,
                      "activity": {"id": "act_3", "name": "Songwriting Workshop", "description": "Bring a pencil."},
                      "start_time": "2026-03-15T10:00:00+11:00", "end_time": "2026-03-15T11:30:00+11:00"}]
                    """))
        #expect(draft.performances.count == 2)
        #expect(draft.performances[0].artistID == "a_7")
        #expect(draft.performances[0].start == Fixtures.instant("2026-03-14T12:30:00Z"))
        #expect(
            draft.performances[1].activity
                == Activity(id: "act_3", name: "Songwriting Workshop", description: "Bring a pencil."))
        #expect(draft.event.timeZoneIdentifier == "Australia/Melbourne")
    }

    @Test func acceptsCamelCaseFractionalSecondsAndZulu() throws {
        let draft = try StagecraftDecoder.draft(
            bodies: bodies(
                program: """
                    [{"id": "p_1", "stageId": "s_main", "artistId": "a_1",
                      "startTime": "2026-03-14T12:30:00.250Z", "endTime": "2026-03-14T13:30:00Z", "extra": {"ignored": true}}]
                    """,
                artists: """
                    [{"id": "a_1", "name": "Rosa", "heroImageUrl": "https://img.example/a.jpg",
                      "socialLinks": {"website": "https://rosa.example", "instagram": "https://ig.example/rosa"}},
                     {"id": 42, "name": "Numbered", "social_links": [{"platform": "Bandcamp", "url": "https://bc.example"}]}]
                    """,
                stages:
                    #"[{"id":"s_main","name":"Main","capacity":"unlimited","position":"2"},{"id":"s_2","name":"Two","capacity":500}]"#
            ))
        #expect(draft.performances[0].stageID == "s_main")
        #expect(
            abs(draft.performances[0].start.timeIntervalSince(Fixtures.instant("2026-03-14T12:30:00Z")) - 0.25) < 0.001)
        #expect(draft.artists[0].imageURL == "https://img.example/a.jpg")
        #expect(
            draft.artists[0].links == [
                SocialLink(platform: "instagram", url: "https://ig.example/rosa"),
                SocialLink(platform: "website", url: "https://rosa.example"),
            ])
        #expect(draft.artists[1].id == "42")
        #expect(draft.artists[1].links == [SocialLink(platform: "bandcamp", url: "https://bc.example")])
        #expect(draft.stages[0].capacity == .unlimited)
        #expect(draft.stages[0].position == 2)
        #expect(draft.stages[1].capacity == .people(500))
    }

    @Test func missingRequiredFieldNamesEndpointItemAndField() {
        #expect(
            throws: SourceError.missingField(endpoint: "GET /program", item: "item 1 (id p_2)", field: "start_time")
        ) {
            try StagecraftDecoder.draft(
                bodies: bodies(
                    program: """
                        [{"id":"p_1","stage_id":"s_main","start_time":"2026-03-14T12:00:00Z","end_time":"2026-03-14T13:00:00Z"},
                         {"id":"p_2","stage_id":"s_main","end_time":"2026-03-14T13:00:00Z"}]
                        """))
        }
    }

    @Test func malformedTimeNamesTheValue() {
        #expect(
            throws: SourceError.invalidField(
                endpoint: "GET /program", item: "item 0 (id p_1)", field: "start_time",
                expected: "an ISO 8601 time with Z or an offset", found: "\"tomorrow\"")
        ) {
            try StagecraftDecoder.draft(
                bodies: bodies(
                    program:
                        #"[{"id":"p_1","stage_id":"s_main","start_time":"tomorrow","end_time":"2026-03-14T13:00:00Z"}]"#
                ))
        }
    }

    @Test func envelopeFailuresAreErrorsNeverData() {
        #expect(throws: SourceError.unsuccessful(endpoint: "GET /artists", message: "Invalid API key")) {
            try StagecraftDecoder.unwrap(
                Data(#"{"success": false, "error": "Invalid API key"}"#.utf8), endpoint: .artists)
        }
        #expect(throws: SourceError.notJSON(endpoint: "GET /program")) {
            try StagecraftDecoder.unwrap(
                Data(#"{"success": true, "data": [{"id": "p_1", "sta"#.utf8), endpoint: .program)
        }
        #expect(throws: SourceError.notJSON(endpoint: "GET /program")) {
            try StagecraftDecoder.unwrap(Data("<html>502 Bad Gateway</html>".utf8), endpoint: .program)
        }
        #expect(throws: SourceError.noActiveEvent(endpoint: "GET /event")) {
            try StagecraftDecoder.unwrap(Data(#"{"success": true, "data": null}"#.utf8), endpoint: .event)
        }
        #expect(throws: SourceError.wrongShape(endpoint: "GET /stages", expected: "an array", found: "an object")) {
            try StagecraftDecoder.draft(bodies: bodies(stages: #"{"id":"s_main"}"#))
        }
    }

    @Test func hostileNestingIsRefusedAndOddValuesKeepTheirKind() async throws {
        // Parsed on a task's thread, as sources do: a body nested 5,000 deep is "not JSON", not a crash.
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let refused = await Task { JSONValue.parse(Data(#"{"success": true, "data": \#(deep)}"#.utf8)) }.value
        #expect(refused == nil)
        #expect(throws: SourceError.notJSON(endpoint: "GET /program")) {
            try StagecraftDecoder.unwrap(Data(#"{"success": true, "data": \#(deep)}"#.utf8), endpoint: .program)
        }
        // Brackets inside strings do not count; an API body's few levels are fine.
        let nested = String(repeating: "[", count: 60) + #""[[[[\"]]]""# + String(repeating: "]", count: 60)
        #expect(JSONValue.parse(Data(nested.utf8)) != nil)
        let value = try #require(
            JSONValue.parse(
                Data(
                    #"{"t": true, "one": 1, "zero": 0, "big": 12345678901, "s": "1", "n": null, "o": {}, "a": [], "k": 1, "k": 2}"#
                        .utf8)))
        #expect(
            value
                == .object([
                    "t": .bool(true), "one": .number(1), "zero": .number(0), "big": .number(12_345_678_901),
                    "s": .string("1"),
                    "n": .null, "o": .object([:]), "a": .array([]), "k": .number(1),
                ]))
    }

    @Test func theBundledDemoDecodesAndNormalizes() async throws {
        let outcome = try await DemoSource().load(normalizer: ProgramNormalizer())
        let program = try outcome.program()
        #expect(program.stages.count == 4)
        #expect(program.days.count == 3)
        #expect((50...70).contains(program.performances.count))
        #expect(program.warnings.isEmpty, "demo warnings: \(program.warnings)")
        #expect(program.performances.contains { $0.activity != nil })
        let calendar = program.festivalCalendar.calendar
        #expect(program.performances.contains { calendar.component(.hour, from: $0.start) < 6 })
        #expect(Set(program.artists.map(\.slug)).count == program.artists.count)
    }
}
