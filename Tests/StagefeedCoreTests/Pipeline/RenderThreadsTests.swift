import Dispatch
import Foundation
import Logging
import Testing

@testable import StagefeedCore

/// Renderers work on threads of their own: while a build renders, the rest of the process
/// goes on, such as the watch's file server answering the screens.
@Suite struct RenderThreadsTests {
    /// A gate renderers wait at until the test opens it.
    final class Gate: Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        let arrived = DecodeCounter()
        let passed = DecodeCounter()

        /// Waits up to 30 s; counts those who got through because it opened.
        func wait() {
            arrived.increment()
            if semaphore.wait(timeout: .now() + 30) == .success { passed.increment() }
        }

        func open(for count: Int) {
            for _ in 0..<count { semaphore.signal() }
        }
    }

    /// Waits at the gate, then makes one file.
    struct WaitingRenderer: WholeRenderer {
        let name: String
        var unitName: String { name }
        let gate: Gate

        func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
            gate.wait()
            try sink.emit(OutputFile(path: "\(name).txt", contents: Data(name.utf8)))
        }
    }

    @Test func theFileServerAnswersWhileEveryRendererIsBusy() async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let server = try await ServedFolder.start(folder.path("output"))

        // More renderers than the process has cores (and so than Swift's tasks have threads).
        let gate = Gate()
        let count = ProcessInfo.processInfo.activeProcessorCount + 1
        let renderers = (0..<count).map { WaitingRenderer(name: "r\($0)", gate: gate) }
        let pipeline = try BuildPipeline(
            source: DemoSource(), normalizer: ProgramNormalizer(), renderers: renderers,
            writer: OutputWriter(folder: folder.path("next"), cache: folder.path("cache")),
            store: try ProgramStore(folder: folder.path("cache")))
        let build = Task { try await pipeline.run(logger: Logger(label: "test")) }
        while gate.arrived.count < count - 1 {
            try await Task.sleep(for: .milliseconds(10))
        }

        let fetcher = HTTPFetcher(
            limits: HTTPFetcher.Limits(connectTimeout: .seconds(20), readTimeout: .seconds(20), deadline: .seconds(20)))
        let answer = try await fetcher.get(URL(string: "http://127.0.0.1:\(server.port)/index.html")!, headers: [])
        await fetcher.shutdown()
        gate.open(for: count)
        let report = try await build.value
        await server.stop()

        #expect(answer.status == 200)
        #expect(String(decoding: answer.body, as: UTF8.self) == folder.read("output/index.html"))
        // Every renderer got through because the answer came, none by its time-out.
        #expect(gate.passed.count == count)
        #expect(
            report.write.written.count == count + 2,
            "one file per renderer, the build's status and its announcements: \(report.write.written)")
        #expect(report.write.written.contains(OutputPaths.announcements))
        #expect(folder.read("next/r0.txt") == "r0")
    }

    /// Something only one unit holds, watched from outside.
    final class Held: Sendable {}

    /// Units of the given keys, costs and batches; each holds an object of its own, which
    /// `watched` references weakly.
    private func units(
        _ specs: [(key: String, cost: Int, batch: String?)], watched: inout [String: WeakHeld]
    ) -> [RenderUnit] {
        specs.map { spec in
            let held = Held()
            watched[spec.key] = WeakHeld(held)
            return RenderUnit(
                key: spec.key, digest: UnitDigest(high: 0, low: UInt64(spec.cost)), cost: spec.cost, batch: spec.batch
            ) { _ in withExtendedLifetime(held) {} }
        }
    }

    @Test func theQueueRunsTheLargestFirstEachBatchTogetherAndLetsEachUnitGo() {
        let specs: [(key: String, cost: Int, batch: String?)] = [
            ("page-small", 10, nil), ("calendar-artist", 5, "calendar"), ("page-large", 900, nil),
            ("calendar-program", 1000, "calendar"), ("feed", 500, "feeds"), ("calendar-day", 50, "calendar"),
            ("feed-day", 20, "feeds"), ("page-middle", 100, nil),
        ]
        var watched: [String: WeakHeld] = [:]
        let queue = RenderThreads.Queue(units(specs, watched: &watched))
        var order: [String] = [], batches: [String: Int?] = [:]
        /// Takes the next unit, checks it was let go and the queued ones were not.
        func take() -> String? {
            // Only the key and batch kept: the unit itself goes once read.
            guard let (key, batch) = queue.take().map({ ($0.unit.key, $0.batch) }) else { return nil }
            order.append(key)
            batches[key] = batch
            #expect(watched[key]?.object == nil, "\(key) let go once taken")
            for pending in specs.map(\.key) where !order.contains(pending) {
                #expect(watched[pending]?.object != nil, "\(pending) kept while queued")
            }
            return key
        }
        // Two threads: the calendars' batch first, then, while its last units run, the
        // largest page rather than the next batch.
        #expect(take() == "calendar-program")
        #expect(take() == "calendar-day")
        #expect(take() == "calendar-artist")
        #expect(take() == "page-large")
        for key in ["calendar-program", "calendar-day"] { queue.finished(batch: batches[key]!) }
        #expect(take() == "page-middle", "the calendars' batch is not finished while one of its units runs")
        queue.finished(batch: batches["calendar-artist"]!)
        // The feeds' batch once the calendars' has finished: larger than the pages left.
        #expect(take() == "feed")
        #expect(take() == "feed-day")
        #expect(take() == "page-small")
        #expect(take() == nil)
        #expect(queue.count == specs.count)
    }

    @Test func theNextBatchStartsBeforeTheLastFinishesWhenNothingElseIsLeft() {
        let specs: [(key: String, cost: Int, batch: String?)] = [
            ("schedule-xml", 900, "schedule"), ("schedule-json", 800, "schedule"), ("feed", 500, "feeds"),
            ("calendar", 400, "calendar"), ("page", 10, nil),
        ]
        var watched: [String: WeakHeld] = [:]
        let queue = RenderThreads.Queue(units(specs, watched: &watched))
        var taken: [(key: String, batch: Int?)] = []
        func take() -> String? {
            guard let (unit, batch) = queue.take() else { return nil }
            taken.append((unit.key, batch))
            return unit.key
        }
        #expect(take() == "schedule-xml")
        #expect(take() == "schedule-json")
        #expect(take() == "page", "while the schedule's batch runs, the page rather than the feeds")
        // Nothing outside batches is left: the feeds start rather than a core waiting (a
        // worker given nothing stops), and then the calendars.
        #expect(take() == "feed")
        for unit in taken.prefix(2) { queue.finished(batch: unit.batch) }
        #expect(take() == "calendar")
        #expect(take() == nil)
    }

    /// A weak reference to a `Held`.
    struct WeakHeld {
        weak var object: Held?
        init(_ object: Held) { self.object = object }
    }
}
