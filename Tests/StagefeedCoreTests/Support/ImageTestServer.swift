import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

@testable import StagefeedCore

/// A picture host on loopback (Hummingbird, port 0) with the pictures a source's URLs may
/// lead to: good ones (with an ETag, or only Last-Modified, answering conditional requests
/// with 304), one behind a redirect, one over 10 MB sent without a length, an HTML page
/// sent as `image/jpeg`, a slow one and a failing one. It logs every request.
final class ImageTestServer: Sendable {
    /// One request as the server saw it.
    struct Request: Sendable {
        var path: String
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var isConditional: Bool { ifNoneMatch != nil || ifModifiedSince != nil }
    }

    /// The request log and the pictures made to fail.
    actor State {
        var requests: [Request] = []
        var failing: Set<String> = []

        func record(_ request: Request) { requests.append(request) }
        func clear() { requests = [] }
        func fail(_ name: String) { failing.insert(name) }
    }

    static let lastModified = "Tue, 01 Jun 2027 10:00:00 GMT"

    let state: State
    private let task: Task<Void, any Error>
    let port: Int

    private init(state: State, task: Task<Void, any Error>, port: Int) {
        self.state = state
        self.task = task
        self.port = port
    }

    /// The address of a picture on the server.
    func url(_ name: String) -> String { "http://127.0.0.1:\(port)/img/\(name)" }

    static func start() async throws -> ImageTestServer {
        let state = State()
        let router = Router()
        router.get("/img/{name}") { request, context -> Response in
            let name = try context.parameters.require("name")
            return try await respond(to: request, name: name, state: state)
        }
        let (port, task) = await LoopbackServer.start(router, label: "image-test-server")
        return ImageTestServer(state: state, task: task, port: port)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }

    private static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: Repository.fixture("images/\(name)"))
    }

    private static func respond(to request: Hummingbird.Request, name: String, state: State) async throws -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch], ifModifiedSince = request.headers[.ifModifiedSince]
        await state.record(Request(path: name, ifNoneMatch: ifNoneMatch, ifModifiedSince: ifModifiedSince))
        if await state.failing.contains(name) { return make(500, Data("boom".utf8), type: "text/plain") }
        switch name {
        case "good.jpg":
            let etag = "\"good-v1\""
            if ifNoneMatch == etag { return make(304, Data(), type: "image/jpeg", headers: ["ETag": etag]) }
            return make(200, try sample("baseline.jpg"), type: "image/jpeg", headers: ["ETag": etag])
        case "photo.png":
            if ifModifiedSince == lastModified {
                return make(304, Data(), type: "image/png", headers: ["Last-Modified": lastModified])
            }
            return make(200, try sample("image.png"), type: "image/png", headers: ["Last-Modified": lastModified])
        case "moved.jpg":
            return make(302, Data(), type: "text/plain", headers: ["Location": "/img/target.webp"])
        case "target.webp":
            let etag = "\"webp-v1\""
            if ifNoneMatch == etag { return make(304, Data(), type: "image/webp", headers: ["ETag": etag]) }
            return make(200, try sample("lossy.webp"), type: "image/webp", headers: ["ETag": etag])
        case "huge.jpg":
            // 11 MB of "JPEG", streamed without a Content-Length.
            let head = try sample("baseline.jpg")
            var headers = HTTPFields()
            headers[.contentType] = "image/jpeg"
            return Response(
                status: .ok, headers: headers,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(bytes: head))
                    let chunk = ByteBuffer(repeating: 0, count: 64 * 1024)
                    for _ in 0..<176 { try await writer.write(chunk) }
                    try await writer.finish(nil)
                })
        case "wrong.jpg":
            return make(200, Data("<!DOCTYPE html><html><body>Not found</body></html>".utf8), type: "image/jpeg")
        case "fail.jpg":
            return make(500, Data("Internal Server Error".utf8), type: "text/plain")
        case "slow.jpg":
            try? await Task.sleep(for: .seconds(30))
            return make(200, try sample("baseline.jpg"), type: "image/jpeg")
        default:
            return make(404, Data("no such picture".utf8), type: "text/plain")
        }
    }

    private static func make(_ status: Int, _ body: Data, type: String, headers: [String: String] = [:]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = type
        for (name, value) in headers { fields[HTTPField.Name(name)!] = value }
        return Response(
            status: .init(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
