import Foundation
import Logging

/// A watch's eye on the store's announcements: every `interval` it brings
/// `feeds/announcements.json` in line with them (one set or cleared by `stagefeed
/// announce` in another process, or one that ended), and reports each write, so screens
/// hear of it within a second while the watch holds the output folder.
public struct AnnouncementWatcher: Sendable {
    public var file: AnnouncementFile
    public var interval: Duration

    public init(file: AnnouncementFile, interval: Duration = .milliseconds(250)) {
        self.file = file
        self.interval = interval
    }

    /// Runs until the task is cancelled; `wrote` is called after each write (to publish it).
    /// A failure is logged once, and tried again at the next tick.
    public func run(logger: Logger, now: @Sendable () -> Date = Date.init, wrote: @Sendable () async -> Void) async {
        var failing = false
        while !Task.isCancelled {
            do {
                if try file.syncUnlessBusy(at: now()) { await wrote() }
                failing = false
            } catch {
                if !failing {
                    logger.error("could not bring \(AnnouncementFeed.path) in line with the store: \(error)")
                }
                failing = true
            }
            try? await Task.sleep(for: interval)
        }
    }
}
