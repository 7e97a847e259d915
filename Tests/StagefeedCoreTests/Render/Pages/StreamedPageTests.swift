import Foundation
import Synchronization
import Testing

@testable import StagefeedCore

/// A page past `SiteRenderer.streamedPageSize` reaches the writer in pieces, in the bytes
/// the same page has when it is made whole.
@Suite struct StreamedPageTests {
    /// Keeps each file, and how many pieces it came in (0: whole).
    final class PieceCounter: OutputSink {
        let files = Mutex<[String: (contents: Data, pieces: Int)]>([:])

        func emit(_ file: OutputFile) throws {
            files.withLock { $0[file.path] = (file.contents, 0) }
        }

        func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
            var contents = Data(), pieces = 0
            try write { piece in
                contents.append(contentsOf: piece)
                pieces += 1
            }
            files.withLock { $0[path] = (contents, pieces) }
        }
    }

    /// Takes whole files, and refuses the first piece of a streamed one (as a stopped build's
    /// or a full disk's writer does).
    final class RefusingSink: OutputSink {
        struct Refused: Error {}

        func emit(_ file: OutputFile) throws {}

        func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
            try write { _ in throw Refused() }
        }
    }

    /// 1,200 sets on one day, on two stages, 20 minutes each.
    static func crowdedDay() throws -> Program {
        let first = Fixtures.instant("2027-07-23T12:00:00+02:00")
        let sets = (0..<1200).map { number in
            let start = first.addingTimeInterval(Double(number / 2 * 60))
            return PerformanceRecord(
                id: "p\(number)", stageID: number % 2 == 0 ? "s_main" : "s_tent",
                artistID: number % 3 == 0 ? "a_2" : "a_1", title: "Set <\(number)> & more", start: start,
                end: start.addingTimeInterval(20 * 60))
        }
        return try ProgramNormalizer().normalize(Fixtures.draft(sets))
    }

    static func render(_ program: Program, streamedPageSize: Int) throws -> PieceCounter {
        var renderer = SiteRenderer(theme: try ThemeLoader.load(overriding: nil))
        renderer.streamedPageSize = streamedPageSize
        let context = BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test")
        let sink = PieceCounter()
        for unit in try renderer.units(for: RenderResources(program: program, context: context)) {
            try unit.make(sink)
        }
        return sink
    }

    /// The writer's error reaches the build as it is, not as an unreadable theme file.
    @Test func aWriterErrorOnAStreamedPageIsHandedOnAsItIs() throws {
        let program = try Self.crowdedDay()
        let resources = RenderResources(
            program: program, context: BuildContext(now: Fixtures.instant("2027-07-01T12:00:00Z"), sourceName: "test"))
        let units = try SiteRenderer(theme: try ThemeLoader.load(overriding: nil)).units(for: resources)
        let day = try #require(units.first { $0.key == OutputPaths.day(program.days[0].date) })
        #expect(throws: RefusingSink.Refused.self) { try day.make(RefusingSink()) }
    }

    @Test func aLargePageIsHandedOnInPiecesInTheBytesOfTheWholePage() throws {
        let program = try Self.crowdedDay()
        let path = OutputPaths.day(program.days[0].date)
        let streamed = try Self.render(program, streamedPageSize: 1 << 20)
        let whole = try Self.render(program, streamedPageSize: .max)
        let streamedDay = try #require(streamed.files.withLock { $0[path] })
        let wholeDay = try #require(whole.files.withLock { $0[path] })
        // Larger than a piece (a quarter megabyte), so it is streamed in more than one.
        #expect(wholeDay.contents.count > 1 << 20)
        #expect(wholeDay.pieces == 0)
        #expect(streamedDay.pieces > 1)
        #expect(streamedDay.contents == wholeDay.contents)
        // A small page (the next, empty day) is still made whole.
        let small = OutputPaths.day(program.days[1].date)
        #expect(streamed.files.withLock { $0[small]?.pieces } == 0)
        #expect(streamed.files.withLock { $0[small]?.contents } == whole.files.withLock { $0[small]?.contents })
    }
}
