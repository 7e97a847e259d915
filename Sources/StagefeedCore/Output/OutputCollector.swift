import Foundation

/// A sink that keeps every file, for `stagefeed check`, previews and tests.
public final class OutputCollector: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [OutputFile] = []

    public init() {}

    public func emit(_ file: OutputFile) throws {
        lock.withLock { collected.append(file) }
    }

    /// The files, by path (renderers may emit from several threads in any order).
    public var files: [OutputFile] {
        lock.withLock { collected.sorted { $0.path < $1.path } }
    }
}
