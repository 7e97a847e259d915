import ArgumentParser
import Foundation

/// `stagefeed-bench`: builds synthetic festivals of several sizes from the store, as
/// `stagefeed build --offline` does, and reports per phase wall time, files and bytes
/// written and peak memory, for a full build, a no-op rebuild and a rebuild after one
/// moved performance, beside the floor of merely writing the same files.
@main
struct StagefeedBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stagefeed-bench",
        abstract: "Benchmark stagefeed builds on synthetic festivals (run a release build).",
        subcommands: [BenchSuite.self, BenchScenario.self],
        defaultSubcommand: BenchSuite.self)
}

/// Every scenario at every size, each in its own process (so its peak memory is its own),
/// printed as a Markdown table.
struct BenchSuite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suite", abstract: "Run every scenario at every size.")

    @Option(help: "Sizes in performances, comma-separated.")
    var sizes = "1000,5000,20000,100000"

    @Option(help: "Work folder (stores and outputs; removed first).")
    var work = ".build/bench"

    @Option(help: "Runs of each timed scenario (full, floor, noop, moved): the median run is reported.")
    var runs = 3

    func run() async throws {
        let root = URL(fileURLWithPath: work).standardizedFileURL
        try? FileManager.default.removeItem(at: root)
        var rows: [BenchResult] = []
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            let folder = BenchFolder(work: root, size: size)
            for scenario in BenchScenario.Kind.allCases {
                var results: [BenchResult] = []
                for run in 0..<(scenario.isRepeated ? max(1, runs) : 1) {
                    // Every run starts alike: a full build from the prepared store, a moved
                    // set from a full build of it (made before it, untimed).
                    if run > 0 && scenario == .full || scenario == .moved { try folder.restorePrepared() }
                    if scenario == .moved { _ = try Self.spawn(size: size, scenario: .full, work: root) }
                    let result = try Self.spawn(size: size, scenario: scenario, work: root)
                    FileHandle.standardError.write(Data("\(result.line)\n".utf8))
                    results.append(result)
                }
                if scenario == .prepare { try folder.keepPrepared() }
                rows.append(BenchResult.median(of: results))
            }
        }
        print(BenchResult.table(rows))
        print("")
        for line in BenchTargets.lines(rows) { print("- " + line) }
    }

    static func spawn(size: Int, scenario: BenchScenario.Kind, work: URL) throws -> BenchResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = ["scenario", "--size", String(size), "--kind", scenario.rawValue, "--work", work.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(scenario) at \(size) failed (status \(process.terminationStatus))")
        }
        return try JSONDecoder().decode(BenchResult.self, from: output)
    }
}
