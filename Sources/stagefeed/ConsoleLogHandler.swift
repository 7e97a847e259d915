import Foundation
import Logging

/// A swift-log handler for a command-line tool: `stagefeed: warning: …` lines on stderr,
/// without the timestamps cron mail and the systemd journal add anyway.
struct ConsoleLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let prefix = event.level == .info || event.level == .notice ? "" : "\(event.level): "
        try? FileHandle.standardError.write(contentsOf: Data("stagefeed: \(prefix)\(event.message)\n".utf8))
    }
}
