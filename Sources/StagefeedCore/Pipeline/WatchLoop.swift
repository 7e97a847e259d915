import Foundation
import Logging

/// `stagefeed watch`'s loop: a build every interval (with jitter), riding out every fault
/// with a growing pause, until its task is cancelled. Each cycle asks `makePipeline` for
/// its build, so a reloaded configuration takes effect at the next cycle.
public struct WatchLoop: Sendable {
    public var interval: Duration
    /// Up to +10 % by default, so many screens' hosts do not poll in step (never less than
    /// the interval, which may be the source's polling floor).
    public var jitter = 0.1
    /// The longest pause after repeated failures.
    public var maximumBackoff: Duration = .seconds(30 * 60)
    public var wake: WakeSignal
    public var makePipeline: @Sendable () throws -> BuildPipeline

    public init(
        interval: Duration, wake: WakeSignal = WakeSignal(),
        makePipeline: @escaping @Sendable () throws -> BuildPipeline
    ) {
        self.interval = interval
        self.wake = wake
        self.makePipeline = makePipeline
    }

    /// Runs cycles until cancelled (or `cycles` are done), reporting each one.
    public func run(
        cycles: Int? = nil, logger: Logger,
        report: @Sendable (Result<BuildReport, any Error>) async -> Void
    ) async {
        var failures = 0
        var done = 0
        var generator = SystemRandomNumberGenerator()
        while !Task.isCancelled {
            do {
                let result = try await makePipeline().run(logger: logger)
                failures = result.freshness.isStale ? failures + 1 : 0
                await report(.success(result))
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                failures += 1
                await report(.failure(error))
            }
            done += 1
            if let cycles, done >= cycles { return }
            await wake.wait(for: pause(after: failures, using: &generator))
        }
    }

    /// The interval, doubled for each consecutive failure up to the maximum, with jitter.
    func pause(after failures: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let base = failures == 0 ? interval : min(interval * (1 << min(failures, 10)), max(maximumBackoff, interval))
        return base * Double.random(in: 1...(1 + jitter), using: &generator)
    }
}
