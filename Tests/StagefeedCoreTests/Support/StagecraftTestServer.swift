import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

@testable import StagefeedCore

/// A Stagecraft v1 API on loopback (Hummingbird, port 0) serving fixture bodies, checking
/// the key, answering conditional requests, and injecting the faults real servers produce.
/// It counts every request it gets.
final class StagecraftTestServer: Sendable {
    /// What the server does with the next request to an endpoint instead of answering normally.
    enum Fault: Sendable {
        case status(Int, body: String = #"{"success": false, "error": "injected"}"#, headers: [String: String] = [:])
        case tooManyRequests(retryAfter: String?)
        case slow(seconds: Double)
        case hang
        case body(String)
    }

    /// One request as the server saw it.
    struct Request: Sendable {
        var endpoint: String
        var at: Date
        var apiKey: String?
        var ifNoneMatch: String?
    }

    /// The server's mutable state: bodies, queued faults, the request log.
    actor State {
        var bodies: [String: Data]
        var faults: [String: [(fault: Fault, conditionalOnly: Bool)]] = [:]
        var requests: [Request] = []
        var sendValidators = true
        var rateHeaders: [String: String] = [:]
        let apiKey: String

        init(bodies: [String: Data], apiKey: String) {
            self.bodies = bodies
            self.apiKey = apiKey
        }

        func setBody(_ endpoint: String, _ body: Data) { bodies[endpoint] = body }
        func setSendValidators(_ value: Bool) { sendValidators = value }
        func setRateHeaders(_ headers: [String: String]) { rateHeaders = headers }
        /// Queues faults for an endpoint ("*" for whichever endpoint is asked next). With
        /// `conditionalOnly`, only conditional requests take them: a build after a first one
        /// sends those, while a late-answered request of the first build (one its client
        /// gave up on under load) does not, so it cannot take a fault meant for the next.
        func inject(_ endpoint: String, _ queued: [Fault], conditionalOnly: Bool = false) {
            faults[endpoint, default: []] += queued.map { ($0, conditionalOnly) }
        }
        func clearRequests() { requests = [] }

        func next(for endpoint: String, conditional: Bool) -> Fault? {
            for key in [endpoint, "*"] {
                guard let first = faults[key]?.first, conditional || !first.conditionalOnly else { continue }
                return faults[key]!.removeFirst().fault
            }
            return nil
        }

        func record(_ request: Request) { requests.append(request) }
    }

    let state: State
    private let task: Task<Void, any Error>
    let port: Int

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/api/v1")! }

    private init(state: State, task: Task<Void, any Error>, port: Int) {
        self.state = state
        self.task = task
        self.port = port
    }

    /// Starts a server with the bundled demo festival's bodies (without the artists' photo
    /// URLs, whose host is no test's: `ImageBuildTests` gives artists photos on loopback).
    static func start(
        apiKey: String = "fk_live_test_key_0123456789", bodies: [String: Data]? = nil
    ) async throws -> StagecraftTestServer {
        var initial: [String: Data] = [:]
        if let bodies {
            initial = bodies
        } else {
            for (endpoint, body) in try DemoSource.bodies() { initial[endpoint.rawValue] = body }
            initial["artists"] = try withoutPhotos(initial["artists"] ?? Data())
        }
        let state = State(bodies: initial, apiKey: apiKey)
        let router = Router()
        router.get("/api/v1/{endpoint}") { request, context -> Response in
            let endpoint = try context.parameters.require("endpoint")
            return await respond(to: request, endpoint: endpoint, state: state)
        }
        let (port, task) = await LoopbackServer.start(router, label: "test-server")
        return StagecraftTestServer(state: state, task: task, port: port)
    }

    /// An artists body with every `hero_image_url` null.
    static func withoutPhotos(_ body: Data) throws -> Data {
        guard var json = try JSONSerialization.jsonObject(with: body) as? [String: Any],
            let artists = json["data"] as? [[String: Any]]
        else { return body }
        json["data"] = artists.map { artist in
            var artist = artist
            artist["hero_image_url"] = NSNull()
            return artist
        }
        return try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    }

    /// Stops the server.
    func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func respond(to request: Request_, endpoint: String, state: State) async -> Response {
        let key = request.headers[HTTPField.Name("X-API-Key")!]
        let ifNoneMatch = request.headers[.ifNoneMatch]
        await state.record(Request(endpoint: endpoint, at: Date(), apiKey: key, ifNoneMatch: ifNoneMatch))
        var extra = await state.rateHeaders
        switch await state.next(for: endpoint, conditional: ifNoneMatch != nil) {
        case .status(let code, let body, let headers)?:
            return make(code, body: Data(body.utf8), headers: headers.merging(extra) { first, _ in first })
        case .tooManyRequests(let retryAfter)?:
            if let retryAfter { extra["Retry-After"] = retryAfter }
            return make(429, body: Data(#"{"success": false, "error": "Rate limit exceeded"}"#.utf8), headers: extra)
        case .slow(let seconds)?:
            try? await Task.sleep(for: .seconds(seconds))
        case .hang?:
            try? await Task.sleep(for: .seconds(30))
        case .body(let text)?:
            return make(200, body: Data(text.utf8), headers: extra)
        case nil:
            break
        }
        guard key == state.apiKey else {
            return make(401, body: Data(#"{"success": false, "error": "Invalid API key"}"#.utf8), headers: extra)
        }
        guard let body = await state.bodies[endpoint] else {
            return make(404, body: Data(#"{"success": false, "error": "Not found"}"#.utf8), headers: extra)
        }
        let etag = "\"\(Slug.token(for: String(decoding: body, as: UTF8.self)))\""
        if await state.sendValidators {
            if ifNoneMatch == etag {
                return make(304, body: Data(), headers: extra.merging(["ETag": etag]) { first, _ in first })
            }
            extra["ETag"] = etag
        }
        return make(200, body: body, headers: extra)
    }

    typealias Request_ = Hummingbird.Request

    private static func make(_ status: Int, body: Data, headers: [String: String]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return Response(
            status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension StagecraftTestServer.State {
    /// Requests received, in order.
    var log: [StagecraftTestServer.Request] { requests }
}
