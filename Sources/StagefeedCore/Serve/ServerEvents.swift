import Foundation
import NIOCore
import Synchronization

/// Server-sent events (`/events` on `stagefeed watch --serve`): every screen that connects
/// gets a stream of its own, and `send` writes one event to all of them at once, so a new
/// announcement reaches the screens without waiting for their next poll.
public final class ServerEvents: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<ByteBuffer>.Continuation] = [:]
        var next = 0
        var closed = false
    }

    private let state = Mutex(State())

    public init() {}

    /// `event: NAME` with `data` (a `data:` line for each of its lines) to every subscriber.
    public func send(_ name: String, data: String) {
        broadcast(Self.event(name, data: data))
    }

    /// How many streams are open.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// A comment line, which keeps idle connections (and proxies between) open and lets
    /// the server notice screens that went away.
    func keepAlive() {
        broadcast(": keep-alive\n\n")
    }

    /// A new subscriber's stream, starting with `first` (the reconnection delay and the
    /// current state); it ends when the server closes.
    func subscribe(first: String) -> AsyncStream<ByteBuffer> {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(64))
        let id = state.withLock { state -> Int? in
            guard !state.closed else { return nil }
            state.next += 1
            state.subscribers[state.next] = continuation
            return state.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        continuation.yield(ByteBuffer(string: first))
        return stream
    }

    /// Ends every stream, and any later one at once: the server is stopping.
    func close() {
        let open = state.withLock { state in
            state.closed = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in open { continuation.finish() }
    }

    private func broadcast(_ text: String) {
        let open = state.withLock { Array($0.subscribers.values) }
        let buffer = ByteBuffer(string: text)
        for continuation in open { continuation.yield(buffer) }
    }

    /// One event in the stream's format.
    static func event(_ name: String, data: String) -> String {
        var lines = data.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.last?.isEmpty == true { lines.removeLast() }
        return "event: \(name)\n" + lines.map { "data: \($0)\n" }.joined() + "\n"
    }
}
