import Foundation
import Logging
import Testing

@testable import StagefeedCore

/// A build whose task is cancelled (SIGTERM to a watch) stops where it is, and a renderer
/// that fails stops the others: renderers end at their next file and the output stays as
/// it was.
@Suite struct StoppedBuildTests {
    /// Emits small numbered files until its sink refuses one, or until `limit` (so a build
    /// that does not stop still ends, and fails the test by its count); with `failAfter`,
    /// throws `Broken` after that many files.
    struct EndlessRenderer: WholeRenderer {
        struct Broken: Error, Equatable {}

        let name: String
        let emitted: DecodeCounter
        var unitName: String { name }
        var failAfter: Int?
        let limit = 20_000

        func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
            for number in 1...limit {
                if number == failAfter { throw Broken() }
                try sink.emit(OutputFile(path: "\(name)/\(number).txt", contents: Data("\(number)\n".utf8)))
                emitted.increment()
            }
        }
    }

    private func pipeline(_ renderers: [EndlessRenderer], in folder: TemporaryFolder) throws -> BuildPipeline {
        try BuildPipeline(
            source: DemoSource(), normalizer: ProgramNormalizer(), renderers: renderers,
            writer: OutputWriter(folder: folder.path("output"), cache: folder.path("cache")),
            store: try ProgramStore(folder: folder.path("cache")))
    }

    @Test func renderersStopAtTheirNextFileAndNothingIsWritten() async throws {
        let folder = try TemporaryFolder()
        let emitted = DecodeCounter()
        let renderers = ["a", "b"].map { EndlessRenderer(name: $0, emitted: emitted) }
        let pipeline = try pipeline(renderers, in: folder)
        let build = Task { try await pipeline.run(logger: Logger(label: "test")) }
        // Cancelled from a dispatch queue, as the watch's signal handler does. The sink
        // refuses files from inside `cancel()`, so the count then is the bound.
        let atStop = DecodeCounter()
        DispatchQueue.global().async {
            while emitted.count < 200 { usleep(2_000) }
            build.cancel()
            for _ in 0..<emitted.count { atStop.increment() }
        }
        let result = await build.result
        #expect(throws: CancellationError.self) { try result.get() }
        // Each renderer may count the file it had handed over when the stop came; none
        // makes another.
        #expect(
            emitted.count <= atStop.count + renderers.count,
            "\(emitted.count) files emitted, \(atStop.count) when stopped")
        #expect(TemporaryFolderListing.files(below: folder.path("output")).isEmpty)
    }

    @Test func aFailingRendererStopsTheOthersAndItsErrorIsTheOneReported() async throws {
        let folder = try TemporaryFolder()
        let emitted = DecodeCounter()
        let renderers = [
            EndlessRenderer(name: "broken", emitted: emitted, failAfter: 100),
            EndlessRenderer(name: "endless", emitted: emitted),
        ]
        let pipeline = try pipeline(renderers, in: folder)
        await #expect(throws: EndlessRenderer.Broken()) { try await pipeline.run(logger: Logger(label: "test")) }
        #expect(emitted.count < renderers[0].limit, "the endless renderer ran to its end after the other failed")
        #expect(TemporaryFolderListing.files(below: folder.path("output")).isEmpty)
    }
}
