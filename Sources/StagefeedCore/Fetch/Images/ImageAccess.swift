import Foundation

/// How a source's pictures may be downloaded: where their records live in the store, how
/// long one request and the whole download may take, how large a picture may be, and, for
/// pictures on the API's own host, the API's rate limit (the requests count against it).
public struct ImageAccess: Sendable {
    /// The source's key in the store's picture table.
    public var storeKey: String
    public var limits: HTTPFetcher.Limits
    /// No request starts after this much time; pictures not reached wait for the next build.
    public var budget: Duration
    /// Requests in flight at once.
    public var parallel: Int
    /// The API's address and its rate limit (requests per window, counted with the API's own
    /// under `rateSource` in the store): pictures at the same scheme, host and port count.
    public var api: URL?
    public var rateSource: String
    public var rateLimit: Int
    public var rateWindow: Duration
    /// Where the bytes come from: the network, or (for the demo) the bundle.
    public var transport: @Sendable (HTTPFetcher.Limits) -> any ImageTransport

    public init(
        storeKey: String, api: URL? = nil, rateSource: String = "", rateLimit: Int = 60,
        rateWindow: Duration = .seconds(60),
        transport: @escaping @Sendable (HTTPFetcher.Limits) -> any ImageTransport = { HTTPFetcher(limits: $0) }
    ) {
        self.storeKey = storeKey
        self.api = api
        self.rateSource = rateSource
        self.rateLimit = rateLimit
        self.rateWindow = rateWindow
        self.transport = transport
        limits = Self.standardLimits
        budget = .seconds(90)
        parallel = 4
    }

    /// Whether `url` is served by the API's server (same scheme, host and port).
    func isOnAPI(_ url: URL) -> Bool {
        guard let api, let scheme = url.scheme?.lowercased(), scheme == api.scheme?.lowercased(),
            url.host?.lowercased() == api.host?.lowercased()
        else { return false }
        let standard = scheme == "https" ? 443 : 80
        return (url.port ?? standard) == (api.port ?? standard)
    }

    /// 5 s to connect, 10 s between bytes, 30 s a picture, at most 10 MB each.
    public static let standardLimits = HTTPFetcher.Limits(
        connectTimeout: .seconds(5), readTimeout: .seconds(10), deadline: .seconds(30),
        maximumBodyBytes: 10 * 1024 * 1024)
}

/// Answers GET requests for pictures: the network (`HTTPFetcher`) or a stand-in.
public protocol ImageTransport: Sendable {
    func get(_ url: URL, headers: [(String, String)]) async throws(HTTPFetcher.Failure) -> HTTPResponse
    func shutdown() async
}

extension HTTPFetcher: ImageTransport {}
