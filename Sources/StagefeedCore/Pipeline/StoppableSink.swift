import Foundation
import Synchronization

/// A sink that refuses files once its build is stopped, so renderers running on their own
/// threads (which do not see their task's cancellation) end at their next file instead of
/// rendering a whole festival nobody will write.
final class StoppableSink: OutputSink {
    private let sink: any OutputSink
    private let stopped = Atomic(false)

    init(_ sink: any OutputSink) {
        self.sink = sink
    }

    /// From now on every file is refused with `CancellationError`.
    func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    func emit(_ file: OutputFile) throws {
        try checkRunning()
        try sink.emit(file)
    }

    func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
        try checkRunning()
        try sink.emit(path: path, writing: write) { _ in try checkRunning() }
    }

    private func checkRunning() throws {
        if stopped.load(ordering: .relaxed) { throw CancellationError() }
    }
}
