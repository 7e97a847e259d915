import Foundation
import Testing

@testable import StagefeedCore

/// The search over a large festival in Chromium with its CPU slowed four times, typed with
/// real input events (Tests/tools/search_timing.py): the index of 20,000 performances loads
/// whole, every keystroke is answered with results laid out, and every answer (each prefix
/// of each query) agrees with a plain scan of every record. How long a keystroke takes
/// is a benchmark figure (`stagefeed-bench`, README "Benchmark"), not asserted here: the
/// machines that run the tests are shared and noisy.
@Suite struct SearchScaleTests {
    @Test func everyKeystrokeOverTwentyThousandSetsIsAnswered() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Fixtures.instant("2027-07-01T12:00:00Z"))
        let program = try ProgramNormalizer().normalize(Self.festival(performances: 20_000))
        let resources = RenderResources(
            program: program, context: BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test"))
        let index = SearchIndex.json(resources)
        try Data(index).write(to: folder.path("output").appendingPathComponent(OutputPaths.searchIndex))
        // SEARCH_KEEP=<folder> keeps the site with the large index there, to time it by hand.
        if let keep = ProcessInfo.processInfo.environment["SEARCH_KEEP"] {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: folder.path("output").path, toPath: keep)
        }
        let queries = ["a", "ka", "kalo", "mi 1", "1 kalo", "ve", "workshop 19", "σ", "な", "zzzz"]
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("search_timing.py").path, folder.path("output").path, "--throttle", "4",
                "--queries", queries.joined(separator: ","), "--verify",
            ])
        #expect(result.status == 0, "\(result.output)")
        struct Typed: Decodable {
            var status: String
        }
        struct Difference: Decodable {
            var typed: String
            var count: Int
            var expected: Int
        }
        struct Timing: Decodable {
            var differences: [Difference]
            var sets: Int
            var keystrokes: Int
            var queries: [String: Typed]
        }
        let timing = try JSONDecoder().decode(Timing.self, from: Data(result.output.drop { $0 != "{" }.utf8))
        #expect(timing.sets == 20_000)
        #expect(
            timing.differences.isEmpty,
            "answers unlike a plain scan: \(timing.differences.prefix(5).map { "\($0.typed): \($0.count) for \($0.expected)" })"
        )
        #expect(timing.keystrokes == queries.map(\.count).reduce(0, +), "each keystroke answered once")
        func found(_ query: String) -> Int {
            Int((timing.queries[query]?.status ?? "").filter(\.isNumber)) ?? -1
        }
        #expect(found("zzzz") == 0, "\(timing.queries.mapValues(\.status))")
        for query in ["ka", "workshop 19", "σ", "な"] {
            #expect(found(query) > 0, "\(query): \(timing.queries[query]?.status ?? "nothing")")
        }
    }

    /// A festival of `performances` sets on 200 stages over 8 days, 0.6 artists a set,
    /// names in Latin (with accents), Greek, kana and Cyrillic, every tenth set a workshop.
    static func festival(performances: Int) -> ProgramDraft {
        let syllables = ["ka", "lo", "mi", "ra", "vé", "no", "sa", "tü", "bel", "dor", "fin", "gal"]
        let scripts = [["α", "λ", "ε", "κ", "σ"], ["な", "み", "か", "ぜ", "よ"], ["д", "и", "м", "а", "р"]]
        func name(_ index: Int) -> String {
            if index % 5 == 4 {
                let script = scripts[index / 5 % scripts.count]
                return (0..<4).map { script[(index / (1 + $0 * 3)) % script.count] }.joined() + " \(index)"
            }
            let word = (0..<3).map { syllables[(index * 7 + $0 * 5 + index / 12) % syllables.count] }.joined()
            return word.prefix(1).uppercased() + word.dropFirst() + " \(index)"
        }
        let stages = 200, days = 8, artists = performances * 6 / 10
        let perStageDay = performances / (stages * days) + 1
        var sets: [PerformanceRecord] = []
        let first = Fixtures.instant("2027-07-01T12:00:00+02:00")
        outer: for day in 0..<days {
            for stage in 0..<stages {
                var minute = 0
                for _ in 0..<perStageDay {
                    guard sets.count < performances else { break outer }
                    let number = sets.count
                    let start = first.addingTimeInterval(Double(day * 86_400 + minute * 60))
                    let length = 30 + number % 40
                    sets.append(
                        number % 10 == 9
                            ? PerformanceRecord(
                                id: "p\(number)", stageID: "s\(stage)",
                                activity: Activity(id: "w\(number)", name: "Workshop \(number)"), start: start,
                                end: start.addingTimeInterval(Double(length * 60)))
                            : PerformanceRecord(
                                id: "p\(number)", stageID: "s\(stage)", artistID: "a\(number * 6 / 10 % artists)",
                                start: start, end: start.addingTimeInterval(Double(length * 60))))
                    minute += length + 5
                }
            }
        }
        return ProgramDraft(
            event: Fixtures.event(start: "2027-07-01", end: "2027-07-08"),
            stages: (0..<stages).map { StageRecord(id: "s\($0)", name: "Stage \(name($0))", position: $0 + 1) },
            artists: (0..<artists).map { ArtistRecord(id: "a\($0)", name: name($0)) }, performances: sets)
    }
}
