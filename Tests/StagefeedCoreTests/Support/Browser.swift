import Foundation

/// Debian's Chromium, headless (installed by `scripts/install-test-tools`): loads a page,
/// runs its scripts for a virtual time budget and returns the DOM as it then stands.
enum Browser {
    /// The window is 1920×1080. Waits off Swift's cooperative threads, so a server in
    /// this process could answer.
    static func dumpDOM(_ url: URL, budget milliseconds: Int = 5_000) async throws -> HTMLDocument {
        let scratch = try TemporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--user-data-dir=\(scratch.url.path)", "--virtual-time-budget=\(milliseconds)",
            "--window-size=1920,1080",
            "--dump-dom", url.absoluteString,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let data = output.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                continuation.resume(returning: data)
            }
        }
        guard process.terminationStatus == 0, !data.isEmpty else { throw Failure(status: process.terminationStatus) }
        return try HTMLDocument(data, name: url.absoluteString)
    }

    /// The page printed to PDF the way a reader's "Print" would (print stylesheet, no
    /// browser header or footer).
    static func printToPDF(_ url: URL) async throws -> Data {
        let folder = try TemporaryFolder()
        let pdf = folder.path("page.pdf")
        let result = try await ExternalTool.run(
            "chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=\(folder.path("profile").path)", "--no-pdf-header-footer",
                "--print-to-pdf=\(pdf.path)", url.absoluteString,
            ])
        guard result.status == 0, let data = try? Data(contentsOf: pdf) else { throw Failure(status: result.status) }
        return data
    }

    struct Failure: Error { var status: Int32 }
}
