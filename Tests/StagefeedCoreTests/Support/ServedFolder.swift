import Foundation
import Logging

@testable import StagefeedCore

/// A folder served by `StaticFileServer` on a free loopback port, until `stop()`.
struct ServedFolder {
    let port: Int
    private let task: Task<Void, any Error>

    static func start(_ root: URL, events: ServerEvents? = nil) async throws -> ServedFolder {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = StaticFileServer(root: root, host: "127.0.0.1", port: 0, events: events)
        let task = Task {
            try await server.run(logger: Logger(label: "test")) { continuation.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return ServedFolder(port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
