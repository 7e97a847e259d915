import Foundation
import Logging

/// Brings a source's pictures in the store up to date: asks for each picture that is new,
/// or whose copy the server's caching headers no longer cover (conditionally, with the
/// validators it gave), a few at once, pictures on the API's host within the API's rate
/// limit, none started past the time budget. A picture refused (not a served format, too
/// large) or failing (no answer, an HTTP error) is reported with what it is of and its URL,
/// keeps its last good copy, and is asked for again only after a pause. Nothing here fails
/// a build.
public struct ImageSync: Sendable {
    public let access: ImageAccess
    public let store: ProgramStore
    public let logger: Logger
    public let now: @Sendable () -> Date

    /// A failed picture is asked for again after this long; a refused one after a day.
    static let failurePause: TimeInterval = 15 * 60
    static let refusalPause: TimeInterval = 86_400

    public init(
        access: ImageAccess, store: ProgramStore, logger: Logger, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.access = access
        self.store = store
        self.logger = logger
        self.now = now
    }

    /// Asks for the pictures of `requests` that are due, except those in `skipping` (asked
    /// already in this build); returns the URLs it asked for.
    @discardableResult
    public func run(_ requests: [ImageRequest], skipping: Set<String> = []) async -> Set<String> {
        let stored: [String: StoredImage]
        do { stored = try store.storedImages(source: access.storeKey) } catch {
            logger.warning("pictures were not downloaded: \(error)")
            return []
        }
        let started = now()
        let due = requests.filter { request in
            guard WebLink.isSafe(request.url), !skipping.contains(request.url) else { return false }
            guard let known = stored[request.url] else { return true }
            return started >= known.askAgainAfter
        }
        guard !due.isEmpty else { return [] }
        let transport = access.transport(access.limits)
        let limiter = access.api.map { _ in
            RateLimiter(store: store, source: access.rateSource, limit: access.rateLimit, window: access.rateWindow)
        }
        let deadline = started.addingTimeInterval(access.budget.seconds)
        let download = ImageDownload(transport: transport, maximumBytes: access.limits.maximumBodyBytes) {
            [access] url in
            guard let limiter, access.isOnAPI(url) else { return {} }
            let entry = try await limiter.acquire(before: deadline)
            return { await limiter.settle(entry) }
        }
        var asked: Set<String> = []
        var messages: [(url: String, text: String)] = []
        await withTaskGroup(of: (ImageRequest, ImageAnswer).self) { group in
            var pending = due[...]
            func startNext() -> Bool {
                guard let request = pending.popFirst(), now() < deadline, !Task.isCancelled else { return false }
                let known = stored[request.url]
                // Validators are worth sending only with a copy to fall back on.
                let validators = known?.hash == nil ? (nil, nil) : (known?.etag, known?.lastModified)
                asked.insert(request.url)
                group.addTask { [now] in
                    (
                        request,
                        await download.fetch(request.url, etag: validators.0, lastModified: validators.1, now: now)
                    )
                }
                return true
            }
            var running = 0
            while running < max(1, access.parallel), startNext() { running += 1 }
            for await (request, answer) in group {
                if let message = record(answer, for: request, known: stored[request.url]) {
                    messages.append((request.url, message))
                }
                _ = startNext()
            }
        }
        await transport.shutdown()
        for message in messages.sorted(by: { $0.url < $1.url }) { logger.warning("\(message.text)") }
        let skipped = due.count - asked.count
        if skipped > 0 {
            logger.info("\(skipped) pictures wait for the next build (the time for pictures ran out)")
        }
        return asked
    }

    /// Stores what one answer gave; returns the warning to print, if any.
    private func record(_ answer: ImageAnswer, for request: ImageRequest, known: StoredImage?) -> String? {
        let at = now()
        var image =
            known
            ?? StoredImage(url: request.url, owner: request.owner, checkedAt: at, askAgainAfter: at)
        image.owner = request.owner
        image.checkedAt = at
        var copy: (bytes: Data, header: ImageHeader)?
        var warning: String?
        let fallback = image.hash == nil ? "it is not shown" : "the last good copy stays"
        switch answer {
        case .copy(let bytes, let header, let etag, let lastModified, let freshUntil):
            image.hash = ImageDownload.hash(bytes)
            image.etag = etag
            image.lastModified = lastModified
            image.askAgainAfter = freshUntil
            image.problem = nil
            copy = (bytes, header)
            logger.debug("picture of \(request.owner): \(header.format.rawValue) \(header.width)×\(header.height)")
        case .notModified(let etag, let lastModified, let freshUntil):
            image.etag = etag
            image.lastModified = lastModified
            image.askAgainAfter = freshUntil
            image.problem = nil
        case .refused(let reason):
            image.askAgainAfter = at.addingTimeInterval(Self.refusalPause)
            image.problem = reason
            warning = "the picture of \(request.owner) was refused: \(request.url): \(reason); \(fallback)"
        case .failed(let reason):
            image.askAgainAfter = at.addingTimeInterval(Self.failurePause)
            image.problem = reason
            warning =
                "the picture of \(request.owner) could not be downloaded: \(request.url): \(reason); \(fallback)"
        }
        do { try store.saveImage(image, source: access.storeKey, copy: copy) } catch {
            return "the picture of \(request.owner) could not be stored: \(error)"
        }
        return warning
    }
}
