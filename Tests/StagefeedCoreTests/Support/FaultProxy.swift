import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// A loopback HTTP proxy (Hummingbird) in front of an S3 server that fails chosen requests
/// the way a busy service does (`500 InternalError`, `503 SlowDown`, `429`) and passes the rest
/// through byte for byte, `Host` and signature headers included.
final class FaultProxy: Sendable {
    /// Decides, per request, whether to fail it and with which status; `attempt` counts
    /// the requests for the same method and path so far (1 for the first).
    typealias Rule = @Sendable (_ method: String, _ path: String, _ attempt: Int) -> Int?

    /// Counts of requests per method and path, and the failures injected.
    actor Log {
        var attempts: [String: Int] = [:]
        var injected: [(method: String, path: String, status: Int)] = []
        /// Every request as `METHOD /path`, in the order they arrived.
        var order: [String] = []

        func next(_ id: String) -> Int {
            order.append(id)
            attempts[id, default: 0] += 1
            return attempts[id]!
        }

        func inject(_ method: String, _ path: String, _ status: Int) { injected.append((method, path, status)) }
    }

    let port: Int
    let log: Log
    private let task: Task<Void, any Error>
    private let client: HTTPClient

    private init(port: Int, log: Log, task: Task<Void, any Error>, client: HTTPClient) {
        self.port = port
        self.log = log
        self.task = task
        self.client = client
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }

    static func start(upstream: URL, rule: @escaping Rule) async -> FaultProxy {
        let log = Log()
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let router = Router()
        let upstreamBase =
            upstream.absoluteString.hasSuffix("/")
            ? String(upstream.absoluteString.dropLast()) : upstream.absoluteString
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let path = request.head.path ?? "/"
            let method = request.method.rawValue
            let attempt = await log.next(method + " " + path)
            let body = try await request.body.collect(upTo: 64 << 20)
            if let status = rule(method, path, attempt) {
                await log.inject(method, path, status)
                let code = [503: "SlowDown", 429: "TooManyRequests"][status] ?? "InternalError"
                let xml =
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>\(code)</Code><Message>injected</Message></Error>"
                return Response(
                    status: .init(code: status), headers: [.contentType: "application/xml"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
            }
            var forward = HTTPClientRequest(url: upstreamBase + path)
            forward.method = .init(rawValue: method)
            // HTTPTypes keeps Host apart, as the authority; the signature covers it.
            if let authority = request.head.authority { forward.headers.add(name: "host", value: authority) }
            for field in request.headers
            where !["content-length", "transfer-encoding", "connection"].contains(field.name.canonicalName) {
                forward.headers.add(name: field.name.rawName, value: field.value)
            }
            if method == "PUT" || method == "POST" { forward.body = .bytes(body) }
            let answer = try await client.execute(forward, timeout: .seconds(60))
            let bytes = try await answer.body.collect(upTo: 64 << 20)
            var fields = HTTPFields()
            for (name, value) in answer.headers
            where !["content-length", "transfer-encoding", "connection"].contains(name.lowercased()) {
                if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
            }
            return Response(
                status: .init(code: Int(answer.status.code)), headers: fields, body: ResponseBody(byteBuffer: bytes))
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .head, .post] {
            router.on("/**", method: method, use: handler)
        }
        let (port, task) = await LoopbackServer.start(router, label: "fault-proxy")
        return FaultProxy(port: port, log: log, task: task, client: client)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? await client.shutdown()
    }
}
