/// Every setting stagefeed reads, under one name per place it can come from:
/// `day_starts` in `stagefeed.yml`, `STAGEFEED_DAY_STARTS` in the environment,
/// `--day-starts` on the command line.
public enum SettingKey: String, Sendable, CaseIterable, Comparable {
    case source
    case baseURL = "base_url"
    case out
    case cache
    case dayStarts = "day_starts"
    case offline
    case refresh
    case apiKeyFile = "api_key_file"
    case minRefresh = "min_refresh"
    case siteURL = "site_url"
    case keepCancelled = "keep_cancelled"
    case theme
    case timeFormat = "time_format"
    case locales
    /// Fourvenues: `alpha` or `production`, the venue's timezone and name, and how long past nights stay.
    case environment
    case timezone
    case venueName = "venue_name"
    case keepPast = "keep_past"
    /// Settings of `stagefeed publish`, under `publish:` in `stagefeed.yml`.
    case publishTo = "publish.to"
    case publishEndpoint = "publish.endpoint"
    case publishRegion = "publish.region"
    case publishPathStyle = "publish.path_style"
    case publishDelete = "publish.delete"
    case publishShortCache = "publish.cache_short"
    case publishHashedCache = "publish.cache_hashed"
    /// Publish after every build (`build --publish`, `watch --publish`).
    case publishAfterBuild = "publish.after_build"

    /// The section of `stagefeed.yml` the setting sits in (`publish`), or nil at the top level.
    public var section: String? {
        rawValue.firstIndex(of: ".").map { String(rawValue[..<$0]) }
    }

    /// The setting's name inside its section (`to` for `publish.to`).
    public var nameInSection: String {
        rawValue.firstIndex(of: ".").map { String(rawValue[rawValue.index(after: $0)...]) } ?? rawValue
    }

    /// The command-line flag, e.g. `--day-starts`, `--to` (`--locale`, repeatable, for
    /// `locales`; `--publish` for `publish.after_build`).
    public var flag: String {
        switch self {
        case .locales: return "--locale"
        case .publishAfterBuild: return "--publish"
        default: return "--" + nameInSection.replacingOccurrences(of: "_", with: "-")
        }
    }

    /// Settings that take several values (a YAML list, or commas).
    public var acceptsList: Bool { self == .locales }

    /// The environment variable, e.g. `STAGEFEED_DAY_STARTS`, `STAGEFEED_PUBLISH_TO`.
    public var environmentVariable: String {
        "STAGEFEED_" + rawValue.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
