import Crypto
import Foundation
import Logging

/// The Stagecraft v1 API as a source: reads the four endpoints through the store, so that
/// runs inside the minimum refresh age make no request, unchanged data costs 304s, and a
/// failing API falls back to the last good program (stale) instead of blanking the output.
public struct StagecraftSource: ProgramSource {
    /// Everything the source needs besides the normalizer.
    public struct Configuration: Sendable {
        public var baseURL: URL
        public var apiKey: APIKey
        public var cacheFolder: URL
        /// No request is made when the last successful check is younger (floor 60 s).
        public var minimumRefreshAge: Duration = .seconds(60)
        /// Ask now even inside the minimum refresh age.
        public var refresh = false
        /// Never ask: render from the store.
        public var offline = false
        public var limits = HTTPFetcher.Limits()
        public var retry = RetryPolicy()
        /// The API's rate limit: requests per window per key.
        public var rateLimit = 60
        public var rateWindow: Duration = .seconds(60)
        /// Limits of each picture's download, and of all of them together.
        public var imageLimits = ImageAccess.standardLimits
        public var imageBudget: Duration = .seconds(90)

        public init(baseURL: URL, apiKey: APIKey, cacheFolder: URL) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.cacheFolder = cacheFolder
        }
    }

    public let name = "stagecraft"
    public var pollingFloor: Duration { configuration.minimumRefreshAge }
    public let configuration: Configuration
    public let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Pictures come from any host; those on the API's count against its rate limit.
    public var imageAccess: ImageAccess? {
        var access = ImageAccess(
            storeKey: name, api: configuration.baseURL, rateSource: name, rateLimit: configuration.rateLimit,
            rateWindow: configuration.rateWindow)
        access.limits = configuration.imageLimits
        access.budget = configuration.imageBudget
        return access
    }

    public func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome {
        let store = try ProgramStore(folder: configuration.cacheFolder)
        let state = try store.state(source: name)
        let policy = RefreshPolicy(
            offline: configuration.offline, refresh: configuration.refresh,
            minimumRefreshAge: configuration.minimumRefreshAge, stored: "the program", asked: "checked")
        return try await policy.load(state: state, source: name, logger: logger) { freshness in
            try storedOutcome(store: store, normalizer: normalizer, freshness: freshness)
        } ask: {
            let stored = try store.responses(source: name)
            let fetched = try await fetchAll(store: store, stored: stored)
            let changed = fetched.changed.contains { stored[$0.endpoint]?.body != $0.body }
            var current = stored
            for response in fetched.changed { current[response.endpoint] = response }
            guard changed || state == nil else {
                // Same data as before: record the check, leave decoding to whoever needs the program.
                try store.commit(
                    source: name, responses: fetched.changed, program: nil, changed: false, rate: fetched.rate,
                    at: Date())
                return try outcome(current, store: store, normalizer: normalizer, freshness: .fresh)
            }
            let program = try program(bodies: current, normalizer: normalizer.withSlugs(of: store))
            try store.commit(
                source: name, responses: fetched.changed, program: program, changed: true, rate: fetched.rate,
                at: Date())
            return SourceOutcome(freshness: .fresh, digest: Self.digest(of: current)) { program }
        }
    }

    public func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection {
        let store = try ProgramStore(folder: configuration.cacheFolder)
        var current = try store.responses(source: name)
        let fetched = try await fetchAll(store: store, stored: current)
        for response in fetched.changed { current[response.endpoint] = response }
        return SourceInspection(
            program: try program(bodies: current, normalizer: normalizer.withSlugs(of: store)), rateLimit: fetched.rate,
            storePath: store.path, storeState: try store.state(source: name))
    }

    /// Reads every endpoint (conditionally where the store has validators) within the
    /// retry policy's time budget.
    private func fetchAll(
        store: ProgramStore, stored: [String: StoredResponse]
    ) async throws(SourceError)
        -> (changed: [StoredResponse], rate: RateLimitHeaders?)
    {
        let fetcher = HTTPFetcher(limits: configuration.limits)
        let limiter = RateLimiter(
            store: store, source: name, limit: configuration.rateLimit, window: configuration.rateWindow)
        let request = RetryingRequest(
            fetcher: fetcher, limiter: limiter, rules: StagecraftClient.rules(configuration.retry), logger: logger)
        let client = StagecraftClient(baseURL: configuration.baseURL, apiKey: configuration.apiKey, request: request)
        let deadline = Date().addingTimeInterval(configuration.retry.totalBudget.seconds)
        var changed: [StoredResponse] = []
        do {
            for endpoint in StagecraftEndpoint.allCases {
                switch try await client.fetch(endpoint, stored: stored[endpoint.rawValue], deadline: deadline) {
                case .modified(let response):
                    logger.debug("\(endpoint.label): 200, \(response.body.count) bytes")
                    changed.append(response)
                case .notModified:
                    logger.debug("\(endpoint.label): 304 not modified")
                }
            }
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
        return (changed, await limiter.lastHeaders)
    }

    /// The program of the stored responses, read and decoded when first asked for: a build
    /// that finds the digest unchanged reads only the digests.
    private func storedOutcome(
        store: ProgramStore, normalizer: ProgramNormalizer, freshness: Freshness
    ) throws -> SourceOutcome {
        let digests = try store.responseDigests(source: name)
        guard digests.count == StagecraftEndpoint.allCases.count else { throw StoreError.empty(source: name) }
        return SourceOutcome(freshness: freshness, digest: Self.digest(combining: digests)) {
            try program(bodies: store.responses(source: name), normalizer: normalizer.withSlugs(of: store))
        }
    }

    /// The program of `responses` (all four endpoints), decoded when first asked for.
    private func outcome(
        _ responses: [String: StoredResponse], store: ProgramStore, normalizer: ProgramNormalizer,
        freshness: Freshness
    ) throws -> SourceOutcome {
        guard responses.count == StagecraftEndpoint.allCases.count else { throw StoreError.empty(source: name) }
        return SourceOutcome(freshness: freshness, digest: Self.digest(of: responses)) {
            try program(bodies: responses, normalizer: normalizer.withSlugs(of: store))
        }
    }

    /// The program from the responses' bodies.
    private func program(bodies responses: [String: StoredResponse], normalizer: ProgramNormalizer) throws -> Program {
        var bodies: [StagecraftEndpoint: Data] = [:]
        for response in responses.values {
            if let endpoint = StagecraftEndpoint(rawValue: response.endpoint) { bodies[endpoint] = response.body }
        }
        return try normalizer.normalize(StagecraftDecoder.draft(bodies: bodies))
    }

    /// The hash of the endpoints' bodies: equal for equal data.
    static func digest(of responses: [String: StoredResponse]) -> String {
        digest(combining: responses.mapValues(\.digest))
    }

    /// The hash of the endpoints' body digests.
    static func digest(combining digests: [String: String]) -> String {
        let lines = digests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
        return SHA256.hash(data: Data(lines.utf8)).hexadecimal
    }
}
