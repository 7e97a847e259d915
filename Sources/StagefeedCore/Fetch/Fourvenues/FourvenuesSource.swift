import Foundation
import Logging

/// A venue's nights from the Fourvenues Integrations API as a source. Syncs into the store:
/// a full sync the first time and once a day (removing nights no longer listed), otherwise
/// an incremental one (`date_field=updated_at` over a window from the last successful sync,
/// a day of overlap), merged by `_id`, page by page, resumable after a failure. A failing
/// API falls back to the stored nights (stale) instead of blanking the output.
public struct FourvenuesSource: ProgramSource {
    /// Everything the source needs besides the normalizer.
    public struct Configuration: Sendable {
        public var baseURL: URL
        public var apiKey: APIKey
        public var cacheFolder: URL
        /// The venue's IANA timezone (the API gives none).
        public var timeZone: TimeZone
        /// The name on the site; nil: the key's first channel.
        public var venueName: String?
        /// Nights that ended longer ago than this are dropped.
        public var keepPast: Duration = .seconds(30 * 86_400)
        /// No request is made when the last successful sync is younger (floor 60 s: the
        /// vendor asks never to poll an endpoint more than once a minute).
        public var minimumRefreshAge: Duration = .seconds(60)
        public var refresh = false
        public var offline = false
        public var pageSize = 100
        /// A full sync at least this often; incremental syncs in between.
        public var fullSyncInterval: Duration = .seconds(86_400)
        public var limits = HTTPFetcher.Limits()
        /// Backoff for 429s, and the time budget of one build's waits.
        public var retry = RetryPolicy(
            maximumAttempts: 6, baseDelay: .seconds(1), maximumDelay: .seconds(30), totalBudget: .seconds(120))
        /// The vendor's burst limit: requests per second per key.
        public var requestsPerSecond = 10
        /// Limits of each picture's download (line-up photos, flyers), and of all of them together.
        public var imageLimits = ImageAccess.standardLimits
        public var imageBudget: Duration = .seconds(90)

        public init(baseURL: URL, apiKey: APIKey, cacheFolder: URL, timeZone: TimeZone) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.cacheFolder = cacheFolder
            self.timeZone = timeZone
        }
    }

    public let name = "fourvenues"
    public var pollingFloor: Duration { configuration.minimumRefreshAge }
    public let configuration: Configuration
    public let logger: Logger

    public init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The store's name for this account's events: the environment is part of it, so alpha
    /// test data never mixes with production.
    var storeKey: String { "fourvenues \(configuration.baseURL.absoluteString)" }

    /// Pictures come from any host; those on the API's count against its burst limit.
    public var imageAccess: ImageAccess? {
        var access = ImageAccess(
            storeKey: storeKey, api: configuration.baseURL, rateSource: name,
            rateLimit: configuration.requestsPerSecond, rateWindow: .seconds(1))
        access.limits = configuration.imageLimits
        access.budget = configuration.imageBudget
        return access
    }

    public func load(normalizer: ProgramNormalizer) async throws -> SourceOutcome {
        let store = try ProgramStore(folder: configuration.cacheFolder)
        let normalizer = try normalizer.withSlugs(of: store)
        // The state of this account in this environment (never another's).
        let state = try store.state(source: storeKey)
        let policy = RefreshPolicy(
            offline: configuration.offline, refresh: configuration.refresh,
            minimumRefreshAge: configuration.minimumRefreshAge, stored: "the nights", asked: "synced")
        return try await policy.load(state: state, source: name, logger: logger) { freshness in
            SourceOutcome(program: try storedProgram(store, normalizer: normalizer), freshness: freshness)
        } ask: {
            try await self.sync(store: store, state: try store.fourvenuesState(source: storeKey))
            let program = try storedProgram(store, normalizer: normalizer)
            let changed = try store.program(source: storeKey) != program
            try store.commit(
                source: storeKey, responses: [], program: program, keepingProgram: true,
                changed: changed || state == nil, rate: nil, at: Date())
            return SourceOutcome(program: program, freshness: .fresh)
        }
    }

    public func inspect(normalizer: ProgramNormalizer) async throws -> SourceInspection {
        let store = try ProgramStore(folder: configuration.cacheFolder)
        let normalizer = try normalizer.withSlugs(of: store)
        let deadline = Date().addingTimeInterval(configuration.retry.totalBudget.seconds)
        let (client, fetcher) = makeClient(store: store)
        do {
            let inspection = try await inspect(client: client, store: store, normalizer: normalizer, deadline: deadline)
            await fetcher.shutdown()
            return inspection
        } catch {
            await fetcher.shutdown()
            throw error
        }
    }

    private func inspect(
        client: FourvenuesClient, store: ProgramStore, normalizer: ProgramNormalizer, deadline: Date
    ) async throws -> SourceInspection {
        let channels = try FourvenuesDecoder.channels(
            try await client.get("channels", deadline: deadline), endpoint: "GET /channels/")
        logger.info(
            "the key works in \(configuration.baseURL.absoluteString): channels \(channels.joined(separator: ", "))")
        var events: [FourvenuesEvent] = []
        var page = 1
        while true {
            let endpoint = "GET /events/?page=\(page)"
            let body = try await client.get(
                "events", query: [("page", String(page)), ("limit", String(configuration.pageSize))], deadline: deadline
            )
            let decoded = try FourvenuesDecoder.page(body, endpoint: endpoint)
            for skipped in decoded.skipped { logger.warning("skipped: \(skipped.error)") }
            events += decoded.events.map(\.0)
            if decoded.events.count + decoded.skipped.count < configuration.pageSize { break }
            page += 1
        }
        let keepAfter = Date().addingTimeInterval(-configuration.keepPast.seconds)
        let draft = FourvenuesProgram.draft(
            events: events.filter { $0.end >= keepAfter },
            venueName: configuration.venueName ?? channels.first ?? "Fourvenues", timeZone: configuration.timeZone)
        return SourceInspection(
            program: try normalizer.normalize(draft), storePath: store.path,
            storeState: try store.state(source: storeKey))
    }

    /// Brings the store up to date: resumes the sync in progress, else starts a full or an
    /// incremental one; each page is merged and the cursor saved in one transaction.
    private func sync(store: ProgramStore, state: FourvenuesSyncState) async throws {
        let now = Date()
        let deadline = now.addingTimeInterval(configuration.retry.totalBudget.seconds)
        let (client, fetcher) = makeClient(store: store)
        do {
            var cursor: FourvenuesCursor
            // A sync resumes only while its pages still line up: same page size, under an hour old.
            if let resumed = state.cursor, resumed.limit == configuration.pageSize,
                now.timeIntervalSince(resumed.startedAt) < 3600
            {
                cursor = resumed
                logger.info("resuming the \(cursor.isFull ? "full" : "incremental") sync at page \(cursor.page)")
            } else {
                cursor = newCursor(state: state, now: now)
                try store.beginFourvenuesSync(source: storeKey, cursor: cursor)
                logger.info(
                    cursor.isFull
                        ? "full sync of the venue's events"
                        : "incremental sync: events updated \(cursor.startDate ?? "") to \(cursor.endDate ?? "")")
            }
            var venueName: String?
            if configuration.venueName == nil && (cursor.isFull || state.venueName == nil) {
                do {
                    venueName = try FourvenuesDecoder.channels(
                        try await client.get("channels", deadline: deadline), endpoint: "GET /channels/"
                    ).first
                } catch {
                    // A key scoped to /events/ alone still builds: the name is only a label.
                    // A stopped run stops.
                    guard !Task.isCancelled else { throw error }
                    logger.warning("the venue's name could not be read (\(error)); set venue_name (--venue-name)")
                }
            }
            while true {
                let query = cursor.query()
                let endpoint = "GET /events/?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
                let decoded = try FourvenuesDecoder.page(
                    try await client.get("events", query: query, deadline: deadline), endpoint: endpoint)
                for skipped in decoded.skipped { logger.warning("skipped a night: \(skipped.error)") }
                cursor.page += 1
                try store.mergeFourvenuesPage(
                    source: storeKey, events: decoded.events.map { ($0.0.id, $0.1, $0.0.end) },
                    skipped: decoded.skipped.compactMap(\.id), cursor: cursor, venueName: venueName)
                logger.debug("\(endpoint): \(decoded.events.count) events")
                if decoded.events.count + decoded.skipped.count < configuration.pageSize { break }
            }
            try store.finishFourvenuesSync(
                source: storeKey, cursor: cursor, keepAfter: now.addingTimeInterval(-configuration.keepPast.seconds))
        } catch {
            await fetcher.shutdown()
            throw error
        }
        await fetcher.shutdown()
    }

    /// A full sync when none was ever completed or the last is older than the interval;
    /// else the window from a day before the last successful sync to tomorrow.
    func newCursor(state: FourvenuesSyncState, now: Date) -> FourvenuesCursor {
        guard let lastFull = state.lastFull, let lastSync = state.lastSync,
            now.timeIntervalSince(lastFull) < configuration.fullSyncInterval.seconds
        else { return FourvenuesCursor(isFull: true, page: 1, startedAt: now, limit: configuration.pageSize) }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = configuration.timeZone
        let start = LocalDate(lastSync.addingTimeInterval(-86_400), in: calendar)
        let end = LocalDate(now.addingTimeInterval(86_400), in: calendar)
        return FourvenuesCursor(
            isFull: false, startDate: start.description, endDate: end.description, page: 1, startedAt: now,
            limit: configuration.pageSize)
    }

    /// The program of the stored nights.
    private func storedProgram(_ store: ProgramStore, normalizer: ProgramNormalizer) throws -> Program {
        var events: [FourvenuesEvent] = []
        for (id, body) in try store.fourvenuesEvents(source: storeKey) {
            do { events.append(try FourvenuesDecoder.event(body, id: id)) } catch {
                logger.warning("stored night \(id) skipped: \(error)")
            }
        }
        let keepAfter = Date().addingTimeInterval(-configuration.keepPast.seconds)
        let storedName = try store.fourvenuesState(source: storeKey).venueName
        let venue = configuration.venueName ?? storedName ?? "Fourvenues"
        let draft = FourvenuesProgram.draft(
            events: events.filter { $0.end >= keepAfter }, venueName: venue, timeZone: configuration.timeZone)
        return try normalizer.normalize(draft)
    }

    private func makeClient(store: ProgramStore) -> (FourvenuesClient, HTTPFetcher) {
        let fetcher = HTTPFetcher(limits: configuration.limits)
        let limiter = RateLimiter(
            store: store, source: name, limit: configuration.requestsPerSecond, window: .seconds(1))
        let request = RetryingRequest(
            fetcher: fetcher, limiter: limiter, rules: FourvenuesClient.rules(configuration.retry), logger: logger)
        return (
            FourvenuesClient(baseURL: configuration.baseURL, apiKey: configuration.apiKey, request: request), fetcher
        )
    }
}
