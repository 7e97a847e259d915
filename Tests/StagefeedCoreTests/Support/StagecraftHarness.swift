import Foundation
import Logging

@testable import StagefeedCore

/// A Stagecraft test server plus folders for the output and the store, and builds run
/// in-process against them with quick retries and short time-outs.
struct StagecraftHarness {
    let server: StagecraftTestServer
    let folder: TemporaryFolder
    var output: URL { folder.path("output") }
    var cache: URL { folder.path("cache") }

    /// Runs `body` with a fresh server and folders, stopping the server afterwards.
    static func run(_ body: (StagecraftHarness) async throws -> Void) async throws {
        let harness = StagecraftHarness(server: try await StagecraftTestServer.start(), folder: try TemporaryFolder())
        do {
            try await body(harness)
        } catch {
            await harness.server.stop()
            throw error
        }
        await harness.server.stop()
    }

    /// A source configuration for the server: refresh age 0 unless given, quick retries.
    /// The read time-out is generous, since parallel tests load the machine: a request
    /// that times out is still answered by the server later, and would take a fault queued
    /// for the next build. Tests of hangs set a short one.
    func configuration(
        refreshAge: Duration = .zero, readTimeout: Duration = .seconds(15)
    ) async -> StagecraftSource.Configuration {
        var configuration = StagecraftSource.Configuration(
            baseURL: server.baseURL, apiKey: APIKey(server.state.apiKey), cacheFolder: cache)
        configuration.minimumRefreshAge = refreshAge
        configuration.retry = RetryPolicy(
            maximumAttempts: 4, baseDelay: .milliseconds(50), maximumDelay: .seconds(3), totalBudget: .seconds(60))
        configuration.limits = HTTPFetcher.Limits(
            connectTimeout: .seconds(2), readTimeout: readTimeout, deadline: readTimeout * 2, maximumBodyBytes: 1 << 20)
        return configuration
    }

    /// One build into the output folder.
    func build(
        _ configuration: StagecraftSource.Configuration, logger: Logger = Logger(label: "test"),
        alwaysRender: Bool = false
    ) async throws -> BuildReport {
        let source = StagecraftSource(configuration: configuration, logger: logger)
        var pipeline = try BuildPipeline(
            source: source, normalizer: ProgramNormalizer(), writer: OutputWriter(folder: output, cache: cache),
            store: try ProgramStore(folder: cache))
        pipeline.alwaysRender = alwaysRender
        return try await pipeline.run(logger: logger)
    }

    /// Every file of the output folder with its bytes.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        for path in TemporaryFolderListing.files(below: output) {
            files[path] = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
        }
        return files
    }
}

/// Lists files below any folder (the output folder of a harness, say).
enum TemporaryFolderListing {
    static func files(below url: URL) -> [String] {
        let root = url.standardizedFileURL.path
        var result: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let next = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isFolder)
            if !isFolder.boolValue { result.append(next) }
        }
        return result.sorted()
    }
}
