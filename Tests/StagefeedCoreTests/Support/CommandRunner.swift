import Foundation

/// Runs the built `stagefeed` executable as a separate process, the way cron would.
/// Waiting is asynchronous, so a loopback server in the test process keeps answering.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        /// When the process ended, as seen by the thread that reaps it (a test's task may
        /// resume later on a busy machine). Known for processes started in the background.
        var endedAt: Date?
    }

    /// The `stagefeed` binary beside the test bundle (SwiftPM builds both into one folder).
    static var executable: URL {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("stagefeed") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Runs `stagefeed` with arguments in a working directory and an environment that has
    /// no STAGEFEED_* variables unless given.
    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:]
    ) async throws -> Result {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stagefeed-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appendingPathComponent("stdout"), errURL = capture.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

        let process = makeProcess(arguments, in: directory, environment: extra)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: status,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A `stagefeed` process with an environment that has no STAGEFEED_* variables but `extra`.
    private static func makeProcess(
        _ arguments: [String], in directory: URL, environment extra: [String: String]
    ) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STAGEFEED_") }
        environment.merge(extra) { _, new in new }
        process.environment = environment
        return process
    }

    /// A `stagefeed` process started in the background, its output captured to files.
    final class Running: Sendable {
        let process: Process
        private let capture: URL
        private let ended: AsyncStream<(status: Int32, at: Date)>

        fileprivate init(process: Process, capture: URL, ended: AsyncStream<(status: Int32, at: Date)>) {
            self.process = process
            self.capture = capture
            self.ended = ended
        }

        /// What the process has written to stdout so far.
        var stdoutSoFar: String { captured("stdout") }

        /// What the process has written to stderr so far.
        var stderrSoFar: String { captured("stderr") }

        /// The text captured so far in `stdout` or `stderr`.
        private func captured(_ name: String) -> String {
            String(decoding: (try? Data(contentsOf: capture.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
        }

        /// Sends a signal (SIGTERM, SIGHUP, SIGKILL…).
        func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

        /// Waits for the process to end and returns what it printed.
        func finish() async -> Result {
            var status: Int32 = -1, endedAt: Date?
            for await end in ended { (status, endedAt) = end }
            defer { try? FileManager.default.removeItem(at: capture) }
            return Result(status: status, stdout: captured("stdout"), stderr: captured("stderr"), endedAt: endedAt)
        }
    }

    /// Starts `stagefeed` without waiting for it.
    static func start(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:]
    ) throws -> Running {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stagefeed-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        for name in ["stdout", "stderr"] {
            _ = FileManager.default.createFile(atPath: capture.appendingPathComponent(name).path, contents: nil)
        }
        let process = makeProcess(arguments, in: directory, environment: extra)
        process.standardOutput = try FileHandle(forWritingTo: capture.appendingPathComponent("stdout"))
        process.standardError = try FileHandle(forWritingTo: capture.appendingPathComponent("stderr"))
        process.standardInput = FileHandle.nullDevice
        let ended = AsyncStream<(status: Int32, at: Date)>.makeStream()
        process.terminationHandler = {
            ended.continuation.yield(($0.terminationStatus, Date()))
            ended.continuation.finish()
        }
        try process.run()
        return Running(process: process, capture: capture, ended: ended.stream)
    }

    /// Starts `stagefeed` and kills it with SIGKILL after a delay (unless it ended first).
    static func runAndKill(
        _ arguments: [String], in directory: URL, environment extra: [String: String], after delay: Duration
    ) async throws {
        let process = makeProcess(arguments, in: directory, environment: extra)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let ended = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in ended.continuation.finish() }
        try process.run()
        try await Task.sleep(for: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for await _ in ended.stream {}
    }
}
