import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The synthetic festival served as the Stagecraft API on loopback, with ETags: unchanged
/// endpoints answer a conditional request with 304, as a real server does.
struct BenchAPI {
    let baseURL: URL
    private let task: Task<Void, any Error>

    /// The ETag of a body.
    static func etag(of body: Data) -> String {
        "\"" + SHA256.hash(data: body).prefix(8).map { String(format: "%02x", $0) }.joined() + "\""
    }

    static func start(bodies: [String: Data]) async throws -> BenchAPI {
        let router = Router()
        for (endpoint, body) in bodies {
            let tag = etag(of: body)
            router.get("api/v1/\(endpoint)") { request, _ -> Response in
                var headers = HTTPFields()
                headers[.eTag] = tag
                if request.headers[.ifNoneMatch] == tag { return Response(status: .notModified, headers: headers) }
                headers[.contentType] = "application/json"
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
            }
        }
        var logger = Logger(label: "bench-api")
        // Cancelled once the build is done, the server at times reports its channels closing
        // as errors; a request it failed shows as the build's own error.
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let task = Task { try await application.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return BenchAPI(baseURL: URL(string: "http://127.0.0.1:\(port)/api/v1")!, task: task)
    }

    func stop() { task.cancel() }
}
