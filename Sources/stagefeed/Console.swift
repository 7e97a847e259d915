import Foundation
import Logging
import StagefeedCore

/// Where a command's words go: the summary on stdout, everything else on stderr through
/// swift-log, at the level `--quiet` / `--verbose` choose.
struct Console: Sendable {
    let logger: Logger
    let quiet: Bool

    init(options: CommonOptions) {
        var logger = Logger(label: "stagefeed") { _ in ConsoleLogHandler() }
        logger.logLevel = options.quiet ? .error : (options.verbose ? .debug : .info)
        self.logger = logger
        self.quiet = options.quiet
    }

    /// The run's closing line, on stdout unless `--quiet`. Written at once, not through
    /// `print`'s buffer: a watch's stdout is a pipe or a file (journald, a log), where a
    /// buffered line would show only when the buffer fills or the watch exits. A failed
    /// write (a full disk, a closed stream) is not worth stopping the build for.
    func summary(_ line: String) {
        guard !quiet else { return }
        try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
    }

    /// An error on stderr, always.
    func error(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data("stagefeed: error: \(message)\n".utf8))
    }
}
