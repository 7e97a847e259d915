import Foundation
import Logging
import Testing
@testable import StagefeedCore

/// A build whose task is cancelled (SIGTERM to a watch) stops where it is: renderers end
/// at their next file and the output stays as it was.
@Suite struct StoppedBuildTests {
    /// Emits small numbered files until its sink refuses one, or until `limit` (so a build
    /// that does not stop still ends, and fails the test by its count).
    struct EndlessRenderer: Renderer {
        let name: String
        let emitted: DecodeCounter
        let limit = 20_000

        func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
            for number in 1...limit {
                try sink.emit(OutputFile(path: "\(name)/\(number).txt", contents: Data("\(number)\n".utf8)))
                emitted.increment()
            }
        }
    }

    @Test func renderersStopAtTheirNextFileAndNothingIsWritten() async throws {
        let folder = try TemporaryFolder()
        let emitted = DecodeCounter()
        let renderers = ["a", "b"].map { EndlessRenderer(name: $0, emitted: emitted) }
        let pipeline = try BuildPipeline(source: DemoSource(), normalizer: ProgramNormalizer(), renderers: renderers,
                                         writer: OutputWriter(folder: folder.path("output")), store: try ProgramStore(folder: folder.path("cache")))
        let build = Task { try await pipeline.run(logger: Logger(label: "test")) }
        // Cancelled from a dispatch queue, as the watch's signal handler does: the renderers
        // may be holding every thread of the tasks' own pool.
        DispatchQueue.global().async {
            while emitted.count < 200 { usleep(2_000) }
            build.cancel()
        }
        let result = await build.result
        #expect(throws: CancellationError.self) { try result.get() }
        // Each renderer may finish the file it was making; none goes on to the next.
        let after = emitted.count
        #expect(after < 2 * 20_000, "the renderers ran to their end: \(after) files")
        #expect(after < 5_000, "\(after) files emitted after the build was stopped at 200")
        #expect(TemporaryFolderListing.files(below: folder.path("output")).isEmpty)
    }
}
