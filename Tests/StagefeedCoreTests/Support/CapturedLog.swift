import Foundation
import Logging
import Synchronization

/// A logger whose messages (warnings and above unless told otherwise) the test can read.
final class CapturedLog: Sendable {
    private let messages = Mutex<[String]>([])

    /// A logger writing into this capture.
    func logger(level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: "captured") { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    /// Every message so far, in order.
    var lines: [String] { messages.withLock { $0 } }

    fileprivate func append(_ line: String) { messages.withLock { $0.append(line) } }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(event.message.description)
        }
    }
}
