import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Fourvenues Integrations API on loopback (Hummingbird, port 0): `/integrations/events/`
/// with page/limit and the `updated_at` window, `/integrations/channels/`, the key checked,
/// injectable faults, and a log of every request.
final class FourvenuesTestServer: Sendable {
    /// One request as the server saw it.
    struct Request: Sendable {
        var path: String
        var query: [String: String]
        var at: Date
    }

    /// The server's mutable state.
    actor State {
        /// Events by id, each with the day it was last updated (`YYYY-MM-DD`, UTC).
        var events: [String: (body: [String: JSONLike], updated: String)] = [:]
        var faults: [(page: Int?, status: Int)] = []
        var requests: [Request] = []
        let apiKey: String

        init(apiKey: String) { self.apiKey = apiKey }

        func put(_ id: String, _ body: [String: JSONLike], updated: String) { events[id] = (body, updated) }
        func remove(_ id: String) { events[id] = nil }
        /// Statuses the next requests to /events/ (for `page`, or any page) get instead of
        /// an answer, in order.
        func inject(_ statuses: [Int], page: Int? = nil) { faults += statuses.map { (page, $0) } }
        func record(_ request: Request) { requests.append(request) }
        func nextFault(page: Int) -> Int? {
            guard let index = faults.firstIndex(where: { $0.page == nil || $0.page == page }) else { return nil }
            return faults.remove(at: index).status
        }
        func clearLog() { requests = [] }
    }

    let state: State
    let port: Int
    private let task: Task<Void, any Error>

    private init(state: State, port: Int, task: Task<Void, any Error>) {
        self.state = state
        self.port = port
        self.task = task
    }

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/integrations")! }

    static func start(apiKey: String) async -> FourvenuesTestServer {
        let state = State(apiKey: apiKey)
        let router = Router()
        router.get("/integrations/channels/") { request, _ -> Response in
            await state.record(Request(path: "/channels/", query: [:], at: Date()))
            guard request.headers[HTTPField.Name("X-Api-Key")!] == state.apiKey else {
                return json(401, #"{"success": false, "error": "Invalid API key"}"#)
            }
            return json(
                200,
                #"{"success": true, "data": [{"_id": "pw2gra4r20xlu02js0ybj42s6vYpAzeX", "name": "Sala Aurora", "slug": "sala-aurora"}]}"#
            )
        }
        router.get("/integrations/events/") { request, _ -> Response in
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            await state.record(Request(path: "/events/", query: query, at: Date()))
            if let status = await state.nextFault(page: Int(query["page"] ?? "1") ?? 1) {
                return json(status, #"{"success": false, "error": "injected \#(status)"}"#)
            }
            guard request.headers[HTTPField.Name("X-Api-Key")!] == state.apiKey else {
                return json(401, #"{"success": false, "error": "Invalid API key"}"#)
            }
            let page = Int(query["page"] ?? "1") ?? 1, limit = Int(query["limit"] ?? "20") ?? 20
            var selected = await state.events.sorted { $0.key < $1.key }
            if query["date_field"] == "updated_at", let start = query["start_date"], let end = query["end_date"] {
                selected = selected.filter { $0.value.updated >= start && $0.value.updated <= end }
            }
            let slice = selected.dropFirst((page - 1) * limit).prefix(limit).map { $0.value.body }
            let data = try JSONSerialization.data(
                withJSONObject: ["success": true, "data": slice.map { $0.mapValues(\.any) }] as [String: Any],
                options: [.sortedKeys])
            return json(200, String(decoding: data, as: UTF8.self))
        }
        let (port, task) = await LoopbackServer.start(router, label: "fourvenues-test-server")
        return FourvenuesTestServer(state: state, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func json(_ status: Int, _ body: String) -> Response {
        Response(
            status: .init(code: status), headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// A JSON value a test writes into a fixture event (Sendable, unlike `Any`).
enum JSONLike: Sendable {
    case string(String)
    case number(Double)
    case list([JSONLike])
    case object([String: JSONLike])

    var any: Any {
        switch self {
        case .string(let text): return text
        case .number(let number): return number
        case .list(let items): return items.map(\.any)
        case .object(let fields): return fields.mapValues(\.any)
        }
    }
}
