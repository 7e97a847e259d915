import Foundation
import Testing

@testable import StagefeedCore

/// schema.org JSON-LD on the day, stage and artist pages (and the festival on the index),
/// read back by a JSON-LD processor: every block parses and expands to schema.org terms with
/// the properties Google's event results require; statuses follow the revision ledger; no
/// text from the data ends the script element; no address is invented without `site_url`.
@Suite struct StructuredDataTests {
    static let site = URL(string: "https://riverbend.example/timetable/")!

    /// The site's pages (not "my schedule", not the signage screens) below `output`.
    static func pages(_ output: URL) -> [String] {
        TemporaryFolderListing.files(below: output).filter {
            $0.hasSuffix("index.html") && !$0.hasPrefix("my/") && !$0.contains("/my/")
        }
    }

    @Test func everyBlockOfTheDemoExpandsWithTheRequiredProperties() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"), siteURL: Self.site)
        let output = folder.path("output")
        let pages = try await StructuredDataReader.read(output, pages: Self.pages(output))
        // The index, 3 days, 4 stages and 47 artists.
        let pageCount = 55
        #expect(pages.count == pageCount)
        for (path, page) in pages {
            #expect(page.problems.isEmpty, "\(path): \(page.problems)")
            #expect(page.blocks == 1, "\(path)")
        }
        #expect(pages["index.html"]?.events.map(\.type) == ["Festival"])
        let day = try #require(pages["days/2027-07-23/index.html"])
        let program = try ProgramNormalizer().normalize(StagecraftDecoder.draft(bodies: DemoSource.bodies()))
        #expect(day.events.count == program.performances(on: LocalDate(iso: "2027-07-23")!).count)
        let workshop = try #require(day.events.first { $0.name == "Fiddle Workshop" })
        #expect(workshop.type == "Event")
        #expect(workshop.start == "2027-07-23T13:30:00+02:00")
        #expect(workshop.status == "https://schema.org/EventScheduled")
        #expect(workshop.venue == "Riverbend Folk & Roots Festival 2027")
        #expect(workshop.superEvent == "Riverbend Folk & Roots Festival 2027")
        // A set by an artist with a photo: the export's copy, at the public address.
        let rosa = try #require(program.artists.first { $0.id == "a_001" })
        let artist = try #require(pages["artists/\(rosa.slug)/index.html"])
        let set = try #require(artist.events.first)
        #expect(set.type == "MusicEvent")
        #expect(set.performers == [rosa.name])
        #expect(set.performerURLs == ["https://riverbend.example/timetable/artists/\(rosa.slug)/"])
        #expect(set.url == "https://riverbend.example/timetable/artists/\(rosa.slug)/")
        #expect(set.image?.hasPrefix("https://riverbend.example/timetable/images/") == true)
        #expect(set.image?.hasSuffix(".jpg") == true)
    }

    @Test func hostileDataStaysInsideItsBlockAndNoAddressIsInvented() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(Fixtures.hostileCrowded(), in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let output = folder.path("output")
        let paths = Self.pages(output)
        let pages = try await StructuredDataReader.read(output, pages: paths)
        var names: Set<String> = []
        for (path, page) in pages {
            #expect(page.problems.isEmpty, "\(path): \(page.problems)")
            for event in page.events {
                names.insert(event.name ?? "")
                #expect(event.url == nil && event.image == nil && event.performerURLs.isEmpty, "\(path)")
            }
            // The script holds no "</" at all: no name can close it.
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            for block in html.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst() {
                let body = block.components(separatedBy: "</script>")[0]
                #expect(!body.contains("</") && !body.contains("<!--"), "\(path)")
            }
        }
        // Names read back exactly as the source wrote them.
        #expect(names.contains("</script><script>alert(5)</script>\nnew line"))
        #expect(names.contains("{{site.name}} {{{root}}}"))
        let tickets = pages.values.flatMap(\.events).flatMap(\.offers)
        #expect(tickets.contains("https://tickets.example/de"))
    }

    @Test func movedSetsAreRescheduledAndKeptCancelledOnesCancelled() async throws {
        let folder = try TemporaryFolder()
        var draft = Fixtures.draft([
            Fixtures.performance("p_1", "2027-07-23T20:00:00+02:00", "2027-07-23T21:00:00+02:00"),
            Fixtures.performance(
                "p_2", stage: "s_tent", artist: "a_2", "2027-07-23T18:00:00+02:00", "2027-07-23T19:00:00+02:00"),
        ])
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        // p_1 moves an hour later; p_2 leaves the program (kept as cancelled for a week).
        draft.performances = [
            Fixtures.performance("p_1", "2027-07-23T21:00:00+02:00", "2027-07-23T22:00:00+02:00")
        ]
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-02T12:00:00Z"))
        let output = folder.path("output")
        let day = try await #require(
            try StructuredDataReader.read(output, pages: ["days/2027-07-23/index.html"]).values.first)
        #expect(day.problems.isEmpty, "\(day.problems)")
        let moved = try #require(day.events.first { $0.name == "Rosa & the Thorns" })
        #expect(moved.status == "https://schema.org/EventRescheduled")
        #expect(moved.start == "2027-07-23T21:00:00+02:00")
        #expect(moved.previous == ["2027-07-23T20:00:00+02:00"])
        let cancelled = try #require(day.events.first { $0.name == "Café Lune" })
        #expect(cancelled.status == "https://schema.org/EventCancelled")
        #expect(cancelled.location == "Tent")
        // The cancelled set among the others by its start.
        #expect(day.events.map(\.name) == ["Café Lune", "Rosa & the Thorns"])
        // A week later the cancelled set is gone from the page too.
        try await FixtureBuild.run(draft, in: folder, at: Fixtures.instant("2027-07-10T12:00:00Z"))
        let later = try await #require(
            try StructuredDataReader.read(output, pages: ["days/2027-07-23/index.html"]).values.first)
        #expect(later.events.map(\.name) == ["Rosa & the Thorns"])
    }
}
