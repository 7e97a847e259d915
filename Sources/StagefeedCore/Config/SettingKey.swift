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

    /// The command-line flag, e.g. `--day-starts` (`--locale`, repeatable, for `locales`).
    public var flag: String { self == .locales ? "--locale" : "--" + rawValue.replacingOccurrences(of: "_", with: "-") }

    /// Settings that take several values (a YAML list, or commas).
    public var acceptsList: Bool { self == .locales }

    /// The environment variable, e.g. `STAGEFEED_DAY_STARTS`.
    public var environmentVariable: String { "STAGEFEED_" + rawValue.uppercased() }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
