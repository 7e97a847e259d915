import AsyncHTTPClient
import Foundation
import NIOCore

/// GET requests over async-http-client with connect and read time-outs, an overall
/// deadline, a cap on the body's size and no redirects (a redirect could carry the API key
/// to another host).
public struct HTTPFetcher: Sendable {
    /// Limits of one request.
    public struct Limits: Sendable {
        public var connectTimeout: Duration
        public var readTimeout: Duration
        /// The whole request, from connecting to the last byte of the body.
        public var deadline: Duration
        public var maximumBodyBytes: Int

        public init(
            connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(30),
            deadline: Duration = .seconds(60), maximumBodyBytes: Int = 64 << 20
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.deadline = deadline
            self.maximumBodyBytes = maximumBodyBytes
        }
    }

    /// Why a request got no response.
    public enum Failure: Error, Equatable {
        case timedOut
        case tooLarge(limit: Int)
        case unreachable(String)
        /// The task asking was cancelled (a watch being stopped).
        case cancelled
    }

    private let client: HTTPClient
    public let limits: Limits

    /// Makes a fetcher with its own client; call `shutdown()` when done.
    public init(limits: Limits = Limits()) {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(limits.connectTimeout), read: .init(limits.readTimeout)))
        configuration.httpVersion = .http1Only
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.limits = limits
    }

    /// GETs a URL with the given headers (`Accept: application/json` unless they name another).
    public func get(_ url: URL, headers: [(String, String)]) async throws(Failure) -> HTTPResponse {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .GET
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "User-Agent", value: "stagefeed/\(StagefeedVersion.current)")
        if !headers.contains(where: { $0.0.lowercased() == "accept" }) {
            request.headers.add(name: "Accept", value: "application/json")
        }
        let started = ContinuousClock.now
        do {
            let response = try await client.execute(request, timeout: .init(limits.deadline))
            if let length = response.headers.first(name: "content-length").flatMap(Int.init),
                length > limits.maximumBodyBytes
            {
                throw Failure.tooLarge(limit: limits.maximumBodyBytes)
            }
            // The client's deadline ends with the headers; the body gets what is left of it.
            let limit = limits.maximumBodyBytes, end = started + limits.deadline
            let body = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
                group.addTask { try await response.body.collect(upTo: limit) }
                group.addTask {
                    try await Task.sleep(until: end, clock: .continuous)
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                guard let first else { throw Failure.timedOut }
                return first
            }
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        } catch let failure as Failure {
            throw failure
        } catch let error as HTTPClientError
            where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout
        {
            throw .timedOut
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: limits.maximumBodyBytes)
        } catch  where Task.isCancelled {
            throw .cancelled
        } catch {
            throw .unreachable(Self.describe(error))
        }
    }

    /// Closes the client's connections.
    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .remoteConnectionClosed { return "the server closed the connection" }
            if error == .cancelled { return "the request was cancelled" }
        }
        return String(describing: error)
    }
}
