import Hummingbird
import Logging
import NIOCore

/// Starts a test server's router on 127.0.0.1 at a port the system picks, quietly, and
/// returns once it listens: the port and the task that runs it (cancel it to stop).
enum LoopbackServer {
    static func start(
        _ router: Router<BasicRequestContext>, label: String
    ) async -> (
        port: Int, task: Task<Void, Error>
    ) {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: label)
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        return (await iterator.next() ?? 0, task)
    }
}
