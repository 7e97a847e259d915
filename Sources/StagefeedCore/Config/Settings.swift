import Foundation

/// Every setting of a run, resolved and checked (flags > environment > config file >
/// defaults).
public struct Settings: Sendable, Equatable {
    /// The sources stagefeed can read.
    public enum SourceKind: String, Sendable, CaseIterable {
        case demo
        case stagecraft
        case fourvenues
    }

    public var source: SourceKind
    /// True when no source was configured and the bundled demo stands in.
    public var sourceIsDefault: Bool
    public var baseURL: URL?
    public var outputFolder: URL
    public var cacheFolder: URL
    public var dayStart: DayStart
    /// Render from the store without asking the source.
    public var offline: Bool
    /// Ask the source now even inside the minimum refresh age.
    public var refresh: Bool
    /// Where the API key is read from when `STAGEFEED_API_KEY` is not set.
    public var apiKeyFile: URL?
    /// No request is made when the last successful check is younger than this (at least 60 s).
    public var minimumRefreshAge: Duration
    /// The public address `output/` is served at, for absolute links and `webcal://`.
    public var siteURL: URL?
    /// How long a performance removed from the program stays in calendars as cancelled.
    public var keepCancelled: Duration
    /// The theme folder laid over the default theme; nil for the default theme alone.
    public var theme: URL?
    /// 24-hour or 12-hour times on pages; nil: each language's own habit.
    public var clock: ClockStyle?
    /// The languages of the export, the first written at the root of the output.
    public var locales: [SiteLocale]
    /// Fourvenues: the venue's timezone, its name on the site (nil: the key's first
    /// channel), and how long nights stay after they ended.
    public var timeZone: TimeZone?
    public var venueName: String?
    public var keepPast: Duration
    /// Where `stagefeed publish` uploads; nil when no destination is set.
    public var publish: PublishSettings?
    /// Publish after every build (`build --publish`, `watch --publish`).
    public var publishAfterBuild: Bool
}
