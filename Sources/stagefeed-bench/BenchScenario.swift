import ArgumentParser
import Crypto
import Foundation
import Logging
import StagefeedCore

/// One scenario at one size, in this process: prints its result as JSON.
struct BenchScenario: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario", abstract: "Run one scenario (the suite runs each in its own process).")

    /// What is measured.
    enum Kind: String, CaseIterable, ExpressibleByArgument {
        /// Generate the festival and store it as a successful check (with the validators an
        /// API would have given); decode and normalize timed on their own.
        case prepare
        /// `stagefeed build --offline` into an empty output folder.
        case full
        /// Writing the full build's files again into a fresh folder with nothing but
        /// mkdir/open/write/close: the floor.
        case floor
        /// A second build with nothing changed: nothing in the output folder may change.
        case noop
        /// The full build's search index: its size raw and gzipped, and the keystroke time in
        /// Chromium with 4× CPU throttling (when python3 and chromium are there).
        case search
        /// One set moved by 10 minutes at the source: `stagefeed build --refresh` against the
        /// festival served on loopback (304s for what did not change), as a cron job lives it.
        case moved

        /// Whether the suite runs it more than once and reports the median run.
        var isRepeated: Bool { self == .full || self == .floor || self == .noop || self == .moved }
    }

    @Option var size: Int
    @Option var kind: Kind
    @Option var work: String

    func run() async throws {
        // As `stagefeed`'s own `main` does.
        ProcessMemory.tuneForBuilds()
        let paths = BenchFolder(work: URL(fileURLWithPath: work), size: size)
        let folder = paths.folder, cache = paths.cache, output = paths.output
        var result = BenchResult(size: size, scenario: kind.rawValue)
        if kind == .full { try? FileManager.default.removeItem(at: output) }
        var started = ContinuousClock.now
        switch kind {
        case .prepare:
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try store(SyntheticFestival(performances: size).bodies(), in: cache, result: &result)
        case .full:
            try await build(cache: cache, output: output, result: &result)
        case .floor:
            try writeAgain(from: output, to: folder.appendingPathComponent("floor"), result: &result)
        case .noop:
            let before = try OutputSnapshot(output)
            started = ContinuousClock.now
            try await build(cache: cache, output: output, result: &result)
            result.seconds = (ContinuousClock.now - started).seconds
            result.touched = try OutputSnapshot(output).changes(from: before).count
        case .search:
            let index = try Data(contentsOf: output.appendingPathComponent(OutputPaths.searchIndex))
            result.bytes = index.count
            result.gzipBytes = try SearchFigures.gzipSize(of: index)
            if let typed = SearchFigures.keystrokes(output: output) {
                result.keystrokeMedianMS = typed.median_ms
                result.keystrokeMaxMS = typed.max_ms
                result.phases = [BenchResult.Phase(name: "index load (4× CPU)", seconds: typed.load_ms / 1000)]
            }
        case .moved:
            let server = try await BenchAPI.start(bodies: SyntheticFestival(performances: size).bodies(moved: true))
            defer { server.stop() }
            started = ContinuousClock.now
            try await build(cache: cache, output: output, fetchingFrom: server.baseURL, result: &result)
        }
        if result.seconds == 0 { result.seconds = (ContinuousClock.now - started).seconds }
        result.peakMemoryMB = Self.peakResidentMB()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        FileHandle.standardOutput.write(try encoder.encode(result))
    }

    /// Decodes and normalizes the bodies (timed), then stores them as a successful check,
    /// each with the ETag `BenchAPI` gives it.
    private func store(_ bodies: [String: Data], in cache: URL, result: inout BenchResult) throws {
        var timer = PhaseTimer()
        var byEndpoint: [StagecraftEndpoint: Data] = [:]
        for endpoint in StagecraftEndpoint.allCases { byEndpoint[endpoint] = bodies[endpoint.rawValue] }
        let draft = try StagecraftDecoder.draft(bodies: byEndpoint)
        timer.lap("decode")
        let store = try ProgramStore(folder: cache)
        var normalizer = ProgramNormalizer()
        normalizer.previousSlugs = try store.slugs()
        let program = try normalizer.normalize(draft)
        timer.lap("normalize")
        let responses = StagecraftEndpoint.allCases.compactMap { endpoint in
            byEndpoint[endpoint].map {
                StoredResponse(
                    endpoint: endpoint.rawValue, body: $0, etag: BenchAPI.etag(of: $0), lastModified: nil,
                    fetchedAt: Date())
            }
        }
        try store.commit(
            source: "stagecraft", responses: responses, program: program, changed: true, rate: nil, at: Date())
        timer.lap("store")
        result.phases = timer.laps.map { BenchResult.Phase(name: $0.name, seconds: $0.seconds) }
        result.bytes = bodies.values.reduce(0) { $0 + $1.count }
    }

    /// `stagefeed build --offline` (or `--refresh` from `api`): the program from the store
    /// or the API, every renderer, the writer.
    private func build(cache: URL, output: URL, fetchingFrom api: URL? = nil, result: inout BenchResult) async throws {
        var configuration = StagecraftSource.Configuration(
            baseURL: api ?? URL(string: "https://bench.invalid/api/v1")!, apiKey: APIKey("bench"), cacheFolder: cache)
        configuration.offline = api == nil
        configuration.refresh = api != nil
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let pipeline = try BuildPipeline(
            source: StagecraftSource(configuration: configuration, logger: logger), normalizer: ProgramNormalizer(),
            writer: OutputWriter(folder: output, cache: cache), store: try ProgramStore(folder: cache))
        let report = try await pipeline.run(logger: logger)
        result.phases += report.phases.map { BenchResult.Phase(name: $0.name, seconds: $0.seconds) }
        result.written = report.write.written.count
        result.unchanged = report.write.unchanged
        result.removed = report.write.removed.count
        result.bytes = report.bytesWritten
        result.performances = report.performances
        result.units = report.units
        result.unitsMade = report.unitsMade
    }

    /// The floor: the same files and bytes written again into a fresh folder with nothing
    /// but `mkdir`, `open`, `write` and `close` (the files are read first, untimed).
    private func writeAgain(from output: URL, to floor: URL, result: inout BenchResult) throws {
        try? FileManager.default.removeItem(at: floor)
        var files: [(String, [UInt8])] = []
        let enumerator = FileManager.default.enumerator(atPath: output.path)
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path, isDirectory: &isFolder)
            if !isFolder.boolValue {
                files.append((path, Array(try Data(contentsOf: output.appendingPathComponent(path)))))
            }
        }
        let root = floor.path
        let started = ContinuousClock.now
        var made: Set<String> = [root]
        mkdir(root, 0o755)
        for (path, bytes) in files {
            var parent = ""
            for component in path.split(separator: "/").dropLast() {
                parent += "/" + component
                if made.insert(parent).inserted { mkdir(root + parent, 0o755) }
            }
            let descriptor = open(root + "/" + path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw ValidationError("cannot create \(path)") }
            var offset = 0
            bytes.withUnsafeBytes { raw in
                while offset < raw.count {
                    let count = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if count <= 0 { break }
                    offset += count
                }
            }
            close(descriptor)
        }
        result.phases = [BenchResult.Phase(name: "write", seconds: (ContinuousClock.now - started).seconds)]
        result.written = files.count
        result.bytes = files.reduce(0) { $0 + $1.1.count }
    }

    /// The process's peak resident memory (VmHWM), in MB.
    static func peakResidentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
