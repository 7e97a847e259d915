import Foundation

/// Where the program comes from and what that source needs: nothing for the bundled demo,
/// the API's address for Stagecraft, the environment's address, the venue's timezone and
/// name and how long past nights stay for Fourvenues; with the settings every API source
/// shares (the key file, offline, refresh, the minimum refresh age).
public struct SourceSettings: Sendable, Equatable {
    /// The source and its own settings.
    public enum Kind: Sendable, Equatable {
        case demo
        case stagecraft(baseURL: URL)
        case fourvenues(FourvenuesOptions)

        /// The name `source:` takes.
        public var name: String {
            switch self {
            case .demo: return "demo"
            case .stagecraft: return "stagecraft"
            case .fourvenues: return "fourvenues"
            }
        }

        /// The API's address, for an API source.
        public var baseURL: URL? {
            switch self {
            case .demo: return nil
            case .stagecraft(let baseURL): return baseURL
            case .fourvenues(let options): return options.baseURL
            }
        }
    }

    /// What the Fourvenues source needs besides the key.
    public struct FourvenuesOptions: Sendable, Equatable {
        /// The environment's address (or `base_url`).
        public var baseURL: URL
        /// The venue's IANA timezone: the API gives none.
        public var timeZone: TimeZone
        /// The venue's name on the site; nil: the key's first channel.
        public var venueName: String?
        /// How long nights stay after they ended.
        public var keepPast: Duration
    }

    /// The names `source:` takes.
    public static let names = ["demo", "stagecraft", "fourvenues"]

    public var kind: Kind
    /// True when no source was configured and the bundled demo stands in.
    public var isDefault: Bool
    /// Where the API key is read from when `STAGEFEED_API_KEY` is not set.
    public var apiKeyFile: URL?
    /// Render from the store without asking the source.
    public var offline: Bool
    /// Ask the source now even inside the minimum refresh age.
    public var refresh: Bool
    /// No request is made when the last successful check is younger than this (at least 60 s).
    public var minimumRefreshAge: Duration

    /// The source settings of `lookup`, each value checked.
    public init(_ lookup: SettingsLookup) throws(ConfigurationError) {
        let name = try lookup.parse(.source, expected: Self.names.joined(separator: " or ")) { text in
            Self.names.contains(text.lowercased()) ? text.lowercased() : nil
        }
        isDefault = name == nil
        // Checked whichever source reads it: a bad address is an error, not a silent default.
        let baseURL = try Self.baseURL(lookup)
        switch name ?? "demo" {
        case "stagecraft":
            guard let baseURL else {
                throw .missingSetting(
                    setting: "base_url (--base-url, STAGEFEED_BASE_URL)",
                    reason:
                        "the Stagecraft source needs the festival's API address, e.g. https://festival.example.com/api/v1"
                )
            }
            kind = .stagecraft(baseURL: baseURL)
        case "fourvenues":
            kind = .fourvenues(try Self.fourvenues(lookup, baseURL: baseURL))
        default:
            kind = .demo
        }
        apiKeyFile = lookup.isSet(.apiKeyFile) ? lookup.path(.apiKeyFile, default: "").url : nil
        offline = try lookup.flag(.offline)
        refresh = try lookup.flag(.refresh)
        minimumRefreshAge =
            try lookup.duration(
                .minRefresh, minimum: 60,
                expected: "a duration of at least 60s such as 90s, 5m or 1h (the API asks not to be polled more often)")
            ?? .seconds(60)
    }

    /// `base_url`, when set: https, or plain http to this machine only.
    private static func baseURL(_ lookup: SettingsLookup) throws(ConfigurationError) -> URL? {
        try lookup.parse(
            .baseURL,
            expected: "an https URL such as https://festival.example.com/api/v1 (plain http only to this machine)"
        ) { text in URL(string: text).flatMap { URLPolicy.isAllowed($0) ? $0 : nil } }
    }

    /// The Fourvenues settings: the environment gives the address unless `base_url` comes
    /// from the same or a higher layer; the timezone is required.
    private static func fourvenues(
        _ lookup: SettingsLookup, baseURL: URL?
    ) throws(ConfigurationError)
        -> FourvenuesOptions
    {
        var baseURL = baseURL
        let environment = try lookup.parse(.environment, expected: "alpha (test data) or production (live data)") {
            FourvenuesEnvironment(rawValue: $0.lowercased())
        }
        if let environment, let (_, layer) = lookup.value(.environment) {
            let urlIsHigher =
                lookup.value(.baseURL).map { lookup.rank(of: $0.layer) <= lookup.rank(of: layer) } ?? false
            if !urlIsHigher { baseURL = environment.baseURL }
        }
        guard let baseURL else {
            throw .missingSetting(
                setting: "environment (--environment, STAGEFEED_ENVIRONMENT)",
                reason:
                    "the Fourvenues source reads alpha (test data) or production (live data); validate against alpha first"
            )
        }
        let timeZone = try lookup.parse(.timezone, expected: "an IANA timezone such as Europe/Madrid") { text in
            (text.contains("/") || text == "UTC") ? TimeZone(identifier: text) : nil
        }
        guard let timeZone else {
            throw .missingSetting(
                setting: "timezone (--timezone, STAGEFEED_TIMEZONE)",
                reason: "the Fourvenues API gives no timezone: name the venue's, e.g. Europe/Madrid")
        }
        let venueName = lookup.value(.venueName).map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let keepPast =
            try lookup.duration(.keepPast, expected: "a duration such as 0s, 12h or 30d") ?? .seconds(30 * 86_400)
        return FourvenuesOptions(
            baseURL: baseURL, timeZone: timeZone, venueName: venueName.flatMap { $0.isEmpty ? nil : $0 },
            keepPast: keepPast)
    }
}
