import Foundation
import Testing

@testable import StagefeedCore

/// A build that re-renders only what changed gives the same bytes as a full build of the
/// same data, whatever the change; and one moved set rewrites only the files that show it.
@Suite struct IncrementalBuildTests {
    private let start = Date(timeIntervalSince1970: 1_800_000_000)
    private let locales = [SiteLocale.english, SiteLocale(tag: "de", isDefault: false)!]
    private let siteURL = URL(string: "https://fest.example/timetable/")!

    @Test(arguments: [1, 2, 3])
    func randomEditsGiveTheBytesOfAFullBuild(seed: UInt64) async throws {
        let folder = try TemporaryFolder()
        var random = SeededGenerator(seed: seed)
        var festival = RandomFestival(random: &random)
        var now = start
        try await build(festival.draft, in: folder, at: now)
        var skipped = 0, entriesReused = 0
        for round in 1...12 {
            let edits = (1...random.next(in: 1...3)).map { _ in festival.edit(random: &random) }
            now = now.addingTimeInterval(600)
            let incremental = try await build(festival.draft, in: folder, at: now)
            skipped += incremental.units - incremental.unitsMade
            entriesReused += incremental.entriesReused
            // The same store, copied, built into an empty folder: a full build of the same data.
            let full = try TemporaryFolder()
            try FileManager.default.removeItem(at: full.url)
            try FileManager.default.copyItem(at: folder.url, to: full.url)
            try FileManager.default.removeItem(at: full.path("output"))
            try FileManager.default.removeItem(at: full.path("cache/outputs"))
            let fresh = try await build(festival.draft, in: full, at: now)
            #expect(fresh.unitsMade == fresh.units, "round \(round): the copy's build was not a full one")
            let made = Self.files(folder.path("output")), expected = Self.files(full.path("output"))
            #expect(made.keys.sorted() == expected.keys.sorted(), "round \(round) (\(edits)): other files")
            for (path, bytes) in expected where path != OutputPaths.status && made[path] != bytes {
                Issue.record("round \(round) (\(edits)): \(path) differs from a full build's")
            }
        }
        #expect(skipped > 0, "no build skipped a unit: the test did not exercise incremental builds")
        #expect(entriesReused > 0, "no build took an entry from the last one: kept entries were not exercised")
    }

    @Test func aMovedSetRewritesOnlyTheFilesThatShowIt() async throws {
        let folder = try TemporaryFolder()
        var random = SeededGenerator(seed: 7)
        var festival = RandomFestival(random: &random)
        try await build(festival.draft, in: folder, at: start)
        let index = festival.draft.performances.firstIndex { $0.artistID != nil && $0.lineup.isEmpty }!
        let moved = festival.draft.performances[index]
        festival.draft.performances[index].start += 600
        festival.draft.performances[index].end += 600
        let report = try await build(festival.draft, in: folder, at: start.addingTimeInterval(3600))

        let program = try ProgramNormalizer().normalize(festival.draft)
        let performance = try #require(program.performances.first { $0.id == moved.id })
        let stage = try #require(program.stages.first { $0.id == performance.stageID })
        let artist = try #require(program.artists.first { $0.id == moved.artistID })
        let day = try #require(program.days.first { $0.performanceIDs.contains(moved.id) })
        var allowed: Set<String> = [
            OutputPaths.day(day.date), OutputPaths.stage(stage.slug), OutputPaths.artist(artist.slug),
            OutputPaths.mySchedule, OutputPaths.serviceWorker,
        ]
        allowed.formUnion([OutputPaths.signageBoard, OutputPaths.signageStage(stage.slug)])
        allowed.formUnion(allowed.map { "de/" + $0 })
        let written = Set(report.write.written)
        let pages = written.filter { $0.hasSuffix(".html") }
        #expect(pages.isSubset(of: allowed), "pages that do not show the set: \(pages.subtracting(allowed).sorted())")
        #expect(pages.contains(OutputPaths.day(day.date)) && pages.contains("de/" + OutputPaths.artist(artist.slug)))
        let others = written.subtracting(pages).map { $0.hasPrefix("de/") ? String($0.dropFirst(3)) : $0 }
        let expected = [
            OutputPaths.serviceWorker, OutputPaths.signageBoardPackage, OutputPaths.signageStagePackage(stage.slug),
            OutputPaths.searchIndex, OutputPaths.sitemap,
        ]
        let unexpected = others.filter {
            !$0.hasPrefix("feeds/") && !$0.hasPrefix("calendar/") && !$0.hasPrefix("schedule.")
                && !expected.contains($0)
        }
        #expect(unexpected.isEmpty, "other files: \(unexpected.sorted())")
        #expect(written.count <= 60, "\(written.count) files for one moved set")
        #expect(!written.contains(OutputPaths.index), "the index does not show times")
        // The whole-program files made only the moved set's entries again: its VEVENT, its
        // event in each frab document and its feed entry; every other entry (and every
        // artist's in the program feed) came from the last build.
        #expect(report.entriesMade == 4, "\(report.entriesMade) entries made for one moved set")
        #expect(report.entriesReused == 4 * (program.performances.count - 1) + program.artists.count)
    }

    /// A file of an unchanged unit removed by hand is made again by the next build, with the
    /// unit's other files; the units whose files are all there are not.
    @Test func filesRemovedByHandAreMadeAgain() async throws {
        let folder = try TemporaryFolder()
        var random = SeededGenerator(seed: 11)
        var festival = RandomFestival(random: &random)
        try await build(festival.draft, in: folder, at: start)
        let program = try ProgramNormalizer().normalize(festival.draft)
        let artist = try #require(program.artists.first)
        let removed = ["de/" + OutputPaths.artist(artist.slug), OutputPaths.artistCalendar(artist.slug)]
        let before = Dictionary(uniqueKeysWithValues: removed.map { ($0, folder.read("output/" + $0)) })
        for path in removed { try FileManager.default.removeItem(at: folder.path("output/" + path)) }
        // A change elsewhere (another artist's bio), so the build is not the last one's reused whole.
        let other = try #require(festival.draft.artists.firstIndex { $0.id != artist.id })
        festival.draft.artists[other].bio = "A bio written since."
        let report = try await build(festival.draft, in: folder, at: start.addingTimeInterval(3600))
        for path in removed {
            #expect(folder.read("output/" + path) != nil, "\(path) was not made again")
            #expect(Set(report.write.written).contains(path))
        }
        #expect(folder.read("output/" + removed[0]) == before[removed[0]], "the page's bytes changed")
        #expect(report.unitsMade < report.units, "every unit was made again")
    }

    @discardableResult
    private func build(_ draft: ProgramDraft, in folder: TemporaryFolder, at now: Date) async throws -> BuildReport {
        try await FixtureBuild.run(draft, in: folder, at: now, siteURL: siteURL, locales: locales)
    }

    private static func files(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in TemporaryFolderListing.files(below: root) {
            files[path] = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
        }
        return files
    }
}

/// A small festival with random sets, and the edits a festival's planners make to one.
private struct RandomFestival {
    var draft: ProgramDraft
    private var nextID = 0

    init(random: inout SeededGenerator) {
        let stages = (1...4).map { (number: Int) in
            StageRecord(id: "s_\(number)", name: "Stage \(number)", position: number)
        }
        let artists = (1...14).map { (number: Int) in
            ArtistRecord(
                id: "a_\(number)", name: "Artist \(number)", bio: "Plays on day \(number % 3 + 1).\n\nSecond paragraph."
            )
        }
        draft = ProgramDraft(
            event: Fixtures.event(start: "2027-07-23", end: "2027-07-25"), stages: stages, artists: artists,
            performances: [])
        for _ in 0..<36 { draft.performances.append(newSet(random: &random)) }
    }

    private mutating func newSet(random: inout SeededGenerator) -> PerformanceRecord {
        nextID += 1
        let day = random.next(in: 0...2), hour = random.next(in: 12...25), minutes = random.next(in: 0...3) * 15
        let start = Fixtures.instant("2027-07-23T00:00:00+02:00")
            .addingTimeInterval(Double(day * 86_400 + hour * 3600 + minutes * 60))
        var set = PerformanceRecord(
            id: "p_\(nextID)", stageID: "s_\(random.next(in: 1...4))", artistID: "a_\(random.next(in: 1...14))",
            title: nil, start: start, end: start.addingTimeInterval(Double(random.next(in: 2...6) * 15 * 60)))
        if random.next(in: 0...9) == 0 {
            set.artistID = nil
            set.activity = Activity(id: "act_\(nextID)", name: "Workshop \(nextID)")
        }
        return set
    }

    /// Applies one random edit and names it.
    mutating func edit(random: inout SeededGenerator) -> String {
        let sets = draft.performances.count
        let set = random.next(in: 0...(sets - 1))
        switch random.next(in: 0...8) {
        case 0:
            draft.performances.append(newSet(random: &random))
            return "add \(draft.performances.last!.id)"
        case 1 where sets > 10:
            return "remove \(draft.performances.remove(at: set).id)"
        case 2:
            let shift = Double(random.next(in: -8...8) * 15 * 60)
            draft.performances[set].start += shift
            draft.performances[set].end += shift
            return "move \(draft.performances[set].id) by \(Int(shift / 60)) min"
        case 3:
            let artist = random.next(in: 0...(draft.artists.count - 1))
            draft.artists[artist].name += " Revue"
            return "rename \(draft.artists[artist].id)"
        case 4:
            draft.performances[set].stageID = "s_\(random.next(in: 1...4))"
            return "restage \(draft.performances[set].id)"
        case 5:
            let artist = random.next(in: 0...(draft.artists.count - 1))
            draft.artists[artist].bio = "A new bio, edit \(random.next(in: 0...999))."
            return "bio of \(draft.artists[artist].id)"
        case 6:
            draft.event.name = "Test Fest \(random.next(in: 0...999))"
            draft.event.description = "Changed \(random.next(in: 0...999))"
            return "event"
        case 7:
            let stage = random.next(in: 0...(draft.stages.count - 1))
            draft.stages[stage].name += " Tent"
            return "rename \(draft.stages[stage].id)"
        default:
            draft.performances[set].end += 900
            return "lengthen \(draft.performances[set].id)"
        }
    }
}

extension SeededGenerator {
    /// A whole number in `range`, the same for the same seed on every machine.
    fileprivate mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
