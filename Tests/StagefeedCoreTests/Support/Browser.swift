import Foundation

/// Debian's Chromium, headless (installed by `scripts/install-test-tools`): loads a page,
/// runs its scripts for a virtual time budget and returns the DOM as it then stands.
enum Browser {
    static func dumpDOM(_ url: URL, budget milliseconds: Int = 5_000) throws -> HTMLDocument {
        let profile = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                             "--user-data-dir=\(profile.url.path)", "--virtual-time-budget=\(milliseconds)",
                             "--dump-dom", url.absoluteString]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, !data.isEmpty else { throw Failure(status: process.terminationStatus) }
        return try HTMLDocument(data, name: url.absoluteString)
    }

    struct Failure: Error { var status: Int32 }
}
