import Foundation
import Synchronization

/// A sink that keeps every file, for `stagefeed check`, previews and tests.
public final class OutputCollector: OutputSink, Sendable {
    private let collected = Mutex<[OutputFile]>([])

    public init() {}

    public func emit(_ file: OutputFile) throws {
        collected.withLock { $0.append(file) }
    }

    /// The files, by path (renderers may emit from several threads in any order).
    public var files: [OutputFile] {
        collected.withLock { $0.sorted { $0.path < $1.path } }
    }
}
