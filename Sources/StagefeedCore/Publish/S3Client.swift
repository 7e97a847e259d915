import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// The three S3 operations publishing needs (PutObject, DeleteObject, ListObjectsV2) on
/// async-http-client, signed with Signature Version 4, retried with backoff when the
/// service is busy or failing (5xx, 429, `SlowDown`) or the answer is lost.
public struct S3Client: Sendable {
    /// An object as a listing (and, when asked, a HEAD request) shows it.
    public struct Object: Sendable, Equatable {
        /// The ETag without quotes: the MD5 of the bytes for a plain (single-part) upload.
        public var etag: String
        /// `Content-Type` and `Cache-Control` as `LocalObject.headers` joins them; nil until read by `head`.
        public var headers: String?

        public init(etag: String, headers: String? = nil) {
            self.etag = etag
            self.headers = headers
        }
    }

    /// How often and how patiently a request is tried again.
    public struct Retry: Sendable {
        public var attempts = 5
        public var firstDelay = Duration.milliseconds(250)
        public var longestDelay = Duration.seconds(8)

        public init() {}
    }

    public let endpoint: S3Endpoint
    public let bucket: String
    public let credentials: AWSCredentials
    public var retry = Retry()
    /// Keys per ListObjectsV2 page (S3's maximum is 1000).
    public var listPageSize = 1000

    public init(endpoint: S3Endpoint, bucket: String, credentials: AWSCredentials) {
        self.endpoint = endpoint
        self.bucket = bucket
        self.credentials = credentials
    }

    /// One connection pool for the process, never shut down: no redirects (a redirect
    /// would carry a signed request elsewhere), connect and read time-outs.
    private static let http: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10), read: .seconds(30)))
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Uploads one object with its `Content-Type`, `Cache-Control` and `Content-MD5`.
    public func put(key: String, body: Data, contentType: String, cacheControl: String) async throws(S3Error) {
        let md5 = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
        _ = try await send(
            method: "PUT", key: key,
            headers: [
                ("Content-Type", contentType), ("Cache-Control", cacheControl), ("Content-MD5", md5),
            ], body: body, operation: "PUT \(key)")
    }

    /// Deletes one object (deleting a missing object succeeds, as S3 has it).
    public func delete(key: String) async throws(S3Error) {
        _ = try await send(method: "DELETE", key: key, operation: "DELETE \(key)")
    }

    /// Every object under `prefix`, page by page (ListObjectsV2).
    public func list(prefix: String) async throws(S3Error) -> [String: Object] {
        var objects: [String: Object] = [:]
        var token: String?
        repeat {
            var query = [("list-type", "2"), ("max-keys", String(listPageSize))]
            if !prefix.isEmpty { query.append(("prefix", prefix)) }
            if let token { query.append(("continuation-token", token)) }
            let body = try await send(
                method: "GET", key: "", query: query, operation: "LIST \(prefix.isEmpty ? "/" : prefix)")
            guard let root = S3XML.parse(body), root.name == "ListBucketResult" else {
                throw failure(
                    operation: "LIST", status: 200, code: "MalformedListing",
                    message: "the answer is not a ListBucketResult document")
            }
            for entry in root.all("Contents") {
                guard let key = entry.value("Key") else { continue }
                let etag = (entry.value("ETag") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
                objects[key] = Object(etag: etag.lowercased())
            }
            token = nil
            if root.value("IsTruncated") == "true" {
                guard let next = root.value("NextContinuationToken"), !next.isEmpty else {
                    throw failure(
                        operation: "LIST", status: 200, code: "MalformedListing",
                        message: "a truncated listing without a continuation token")
                }
                token = next
            }
        } while token != nil
        return objects
    }

    /// An object's ETag and headers (HEAD).
    public func head(key: String) async throws(S3Error) -> Object {
        let answer = try await exchange(method: "HEAD", key: key, operation: "HEAD \(key)")
        let etag = (answer.headers["etag"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        let headers = (answer.headers["content-type"] ?? "") + "\n" + (answer.headers["cache-control"] ?? "")
        return Object(etag: etag.lowercased(), headers: headers)
    }

    /// Signs and sends a request, trying again as `retry` allows; the body of the
    /// successful answer.
    private func send(
        method: String, key: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: Data = Data(), operation: String
    ) async throws(S3Error) -> Data {
        try await exchange(method: method, key: key, query: query, headers: headers, body: body, operation: operation)
            .body
    }

    /// A successful answer's headers and body.
    private struct Answer: Sendable {
        /// Header values by lowercased name.
        var headers: [String: String]
        var body: Data
    }

    private func exchange(
        method: String, key: String, query: [(String, String)] = [], headers: [(String, String)] = [],
        body: Data = Data(), operation: String
    ) async throws(S3Error) -> Answer {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await sendOnce(
                    method: method, key: key, query: query, headers: headers, body: body, operation: operation)
            } catch let error where error.error.isRetryable && attempt < retry.attempts {
                try await pause(attempt: attempt, retryAfter: error.retryAfter, lastError: error.error)
            } catch {
                throw error.error
            }
        }
    }

    /// A failed try, with the `Retry-After` the service asked for.
    private struct Attempt: Error {
        var error: S3Error
        var retryAfter: Duration?
    }

    private func sendOnce(
        method: String, key: String, query: [(String, String)], headers: [(String, String)],
        body: Data, operation: String
    ) async throws(Attempt) -> Answer {
        let address = endpoint.address(bucket: bucket, key: key, query: query)
        let now = Date()
        let payloadHash = SignatureV4.payloadHash(body)
        var signed =
            headers + [
                ("host", address.host), ("x-amz-date", SignatureV4.amzDate(now)), ("x-amz-content-sha256", payloadHash),
            ]
        if let token = credentials.sessionToken { signed.append(("x-amz-security-token", token)) }
        let signer = SignatureV4(credentials: credentials.keys, region: endpoint.region)
        let signature = signer.sign(
            method: method, path: address.path, query: query, headers: signed, payloadHash: payloadHash, at: now)

        var request = HTTPClientRequest(url: address.url)
        request.method = .init(rawValue: method)
        for (name, value) in signed { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Authorization", value: signature.authorization)
        request.headers.add(name: "User-Agent", value: "stagefeed/\(StagefeedVersion.current)")
        if method == "PUT" { request.body = .bytes(ByteBuffer(data: body)) }
        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await Self.http.execute(request, timeout: .seconds(120))
            answer = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw Attempt(
                error: failure(operation: operation, status: nil, code: Self.transportCode(error), message: ""),
                retryAfter: nil)
        }
        let data = Data(answer.readableBytesView)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let document = S3XML.parse(data)
            let code = document?.value("Code") ?? (status == 429 ? "TooManyRequests" : "HTTP\(status)")
            var error = failure(
                operation: operation, status: status, code: code, message: document?.value("Message") ?? "")
            error.region = document?.value("Region") ?? response.headers.first(name: "x-amz-bucket-region")
            let retryAfter = response.headers.first(name: "retry-after").flatMap(Int.init).map {
                Duration.seconds(min($0, 60))
            }
            throw Attempt(error: error, retryAfter: retryAfter)
        }
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return Answer(headers: fields, body: data)
    }

    /// Waits before another try: exponential backoff with jitter, or longer when the
    /// service asked for it with `Retry-After` (at most a minute).
    private func pause(attempt: Int, retryAfter: Duration?, lastError: S3Error) async throws(S3Error) {
        let exponential = retry.firstDelay * (1 << min(attempt - 1, 16))
        let backoff = min(exponential, retry.longestDelay) * Double.random(in: 0.5...1)
        let delay = max(backoff, retryAfter ?? .zero)
        do { try await Task.sleep(for: delay) } catch { throw lastError }
    }

    private func failure(operation: String, status: Int?, code: String, message: String) -> S3Error {
        S3Error(
            operation: operation, status: status, code: code, message: message, region: nil, bucket: bucket,
            endpoint: endpoint.base.absoluteString, accessKeyID: credentials.keys.accessKeyID,
            credentialsOrigin: credentials.origin)
    }

    private static func transportCode(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "timed out"
            case .remoteConnectionClosed: return "connection closed"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
