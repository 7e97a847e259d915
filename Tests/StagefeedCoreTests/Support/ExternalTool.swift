import Foundation

/// Runs a validator or peer that `scripts/install-test-tools` installs (found on PATH).
/// A missing tool fails the test: it is never skipped.
enum ExternalTool {
    struct Result {
        var status: Int32
        var output: String
    }

    /// Waits off Swift's cooperative threads (a dispatch thread reads and waits), so servers
    /// in this process keep answering while a browser or validator runs: on a 2-core machine
    /// two blocked tests would otherwise stall every other test's server.
    static func run(_ tool: String, _ arguments: [String]) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }
}
