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

    /// The command-line flag, e.g. `--day-starts`.
    public var flag: String { "--" + rawValue.replacingOccurrences(of: "_", with: "-") }

    /// The environment variable, e.g. `STAGEFEED_DAY_STARTS`.
    public var environmentVariable: String { "STAGEFEED_" + rawValue.uppercased() }

    public static func < (lhs: SettingKey, rhs: SettingKey) -> Bool { lhs.rawValue < rhs.rawValue }
}
