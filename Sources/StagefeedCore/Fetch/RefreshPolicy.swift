import Foundation
import Logging

/// When a syncing source asks its API and what it falls back to: offline, or inside the
/// minimum refresh age, the stored data (cached); otherwise ask, and when asking fails with
/// a source or program error, the stored data again (stale) if there is any. A run stopped
/// while asking stops: it does not fall back.
struct RefreshPolicy: Sendable {
    var offline: Bool
    var refresh: Bool
    var minimumRefreshAge: Duration
    /// How messages name what is stored ("the program", "the nights") and asking ("checked", "synced").
    var stored: String
    var asked: String

    /// The outcome by these rules: `storedOutcome` gives the stored data with a freshness
    /// (throwing when there is none to give), `ask` asks the API.
    func load(
        state: SourceState?, source: String, logger: Logger, storedOutcome: (Freshness) throws -> SourceOutcome,
        ask: () async throws -> SourceOutcome
    ) async throws -> SourceOutcome {
        if offline {
            guard let state else { throw StoreError.empty(source: source) }
            logger.info("offline: rendering \(stored) stored at \(state.checkedAt)")
            return try storedOutcome(.cached(since: state.checkedAt))
        }
        if let state, !refresh, Date().timeIntervalSince(state.checkedAt) < minimumRefreshAge.seconds {
            logger.info(
                "\(asked) \(Int(Date().timeIntervalSince(state.checkedAt))) s ago, inside the minimum refresh age: no request sent"
            )
            return try storedOutcome(.cached(since: state.checkedAt))
        }
        do {
            return try await ask()
        } catch  where Task.isCancelled {
            throw CancellationError()
        } catch let failure where failure is SourceError || failure is ProgramError {
            guard let state, let fallback = try? storedOutcome(.stale(reason: "\(failure)", since: state.checkedAt))
            else { throw failure }
            logger.warning("\(failure)")
            return fallback
        }
    }
}
