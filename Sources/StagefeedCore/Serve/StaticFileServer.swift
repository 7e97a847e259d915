import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves the output folder over HTTP (`stagefeed watch --serve`): the right content types,
/// strong ETags and Last-Modified with 304s, HEAD, `index.html` for folders, no listings,
/// and nothing outside the folder (`..` in any encoding, hidden files, symlinks leading out).
/// With `events`, `/events` is a server-sent-events stream for the screens (see `ServerEvents`).
public struct StaticFileServer: Sendable {
    public let root: URL
    public let host: String
    public let port: Int
    public let events: ServerEvents?
    /// How often an idle event stream gets a comment line.
    static let keepAliveInterval: Duration = .seconds(15)

    public init(root: URL, host: String, port: Int, events: ServerEvents? = nil) {
        self.root = root
        self.host = host
        self.port = port
        self.events = events
    }

    /// Runs until the task is cancelled; `onReady` gets the bound port (useful with port 0).
    public func run(logger: Logger, onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let root = self.root.resolvingSymlinksInPath().standardizedFileURL
        let events = self.events
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            if let events, request.uri.path == "/events", request.method == .get {
                return Self.eventStream(events, root: root)
            }
            return Self.respond(to: request, root: root)
        }
        var serverLogger = logger
        serverLogger.logLevel = .critical
        let app = Application(
            responder: responder, configuration: .init(address: .hostname(host, port: port)),
            onServerRunning: { await onReady($0.localAddress?.port ?? 0) }, logger: serverLogger)
        // Open event streams end as the server stops, so they never hold its shutdown up.
        try await withTaskCancellationHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                if let events {
                    group.addTask {
                        while !Task.isCancelled {
                            try await Task.sleep(for: Self.keepAliveInterval)
                            events.keepAlive()
                        }
                    }
                }
                group.addTask { try await app.runService(gracefulShutdownSignals: []) }
                try await group.next()
                group.cancelAll()
            }
        } onCancel: {
            events?.close()
        }
    }

    /// `/events`: a stream that starts with the reconnection delay and the announcements as
    /// they are now, then carries each event the watch sends.
    static func eventStream(_ events: ServerEvents, root: URL) -> Response {
        var first = "retry: 2000\n\n"
        if let current = FileManager.default.contents(atPath: root.appendingPathComponent(AnnouncementFeed.path).path) {
            first += ServerEvents.event("announcements", data: String(decoding: current, as: UTF8.self))
        }
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store",
            HTTPField.Name("X-Accel-Buffering")!: "no",
        ]
        return Response(
            status: .ok, headers: headers, body: ResponseBody(asyncSequence: events.subscribe(first: first)))
    }

    static func respond(to request: Request, root: URL) -> Response {
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "only GET and HEAD", head: false, extra: [.allow: "GET, HEAD"])
        }
        let head = request.method == .head
        guard let relative = safeRelativePath(request.uri.path) else {
            return plain(.notFound, "not found", head: head)
        }
        var target = relative.isEmpty ? root : root.appendingPathComponent(relative)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) else {
            return plain(.notFound, "not found", head: head)
        }
        if isFolder.boolValue {
            if !relative.isEmpty && !request.uri.path.hasSuffix("/") {
                let location =
                    "/" + (relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative) + "/"
                return plain(.movedPermanently, "moved", head: head, extra: [.location: location])
            }
            target = target.appendingPathComponent("index.html")
        }
        // Symlinks may not lead out of the folder.
        let resolved = target.resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved.hasPrefix(root.path + "/"), FileManager.default.isReadableFile(atPath: resolved),
            let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let contents = FileManager.default.contents(atPath: resolved)
        else { return plain(.notFound, "not found", head: head) }

        let path = String(resolved.dropFirst(root.path.count + 1))
        let modified = (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0)
        let etag = "\"" + SHA256.hash(data: contents).prefix(12).hexadecimal + "\""
        var headers: HTTPFields = [
            .contentType: ContentType.of(path), .eTag: etag, .lastModified: httpDate(modified),
            .cacheControl: ContentType.cacheControl(path), HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
        if let match = request.headers[.ifNoneMatch] {
            if match.split(separator: ",").contains(where: {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag
                    || $0.trimmingCharacters(in: .whitespaces) == "*"
            }) {
                return Response(status: .notModified, headers: headers)
            }
        } else if let since = request.headers[.ifModifiedSince].flatMap(RateLimitHeaders.httpDate),
            Int(modified.timeIntervalSince1970) <= Int(since.timeIntervalSince1970)
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(contents.count)
        return Response(
            status: .ok, headers: headers,
            body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: contents)))
    }

    /// The request path decoded and checked: no `..`, `.` or hidden segments, no
    /// backslashes or control characters; nil when unsafe. "" is the folder itself.
    static func safeRelativePath(_ raw: String) -> String? {
        let pathOnly =
            raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? raw
        guard let decoded = pathOnly.removingPercentEncoding, decoded.hasPrefix("/") else { return nil }
        let trimmed = String(decoded.dropFirst())
        if trimmed.isEmpty { return "" }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let candidate = segments.joined(separator: "/")
        return OutputPath.isSafe(candidate) ? candidate : nil
    }

    private static func plain(
        _ status: HTTPTypes.HTTPResponse.Status, _ text: String, head: Bool, extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(
            status: status, headers: headers,
            body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    private static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
