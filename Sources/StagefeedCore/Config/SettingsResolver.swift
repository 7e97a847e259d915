import Foundation

/// Merges the layers of settings (flags > environment > config file > defaults) and checks
/// every value, naming the exact flag, variable or file line at fault.
public struct SettingsResolver: Sendable {
    /// The folder relative paths from flags and the environment are taken from.
    public var workingDirectory: URL

    public init(workingDirectory: URL) {
        self.workingDirectory = workingDirectory
    }

    /// The config file to read: `--config`, else `STAGEFEED_CONFIG`, else `stagefeed.yml`
    /// in the working directory when there is one.
    public func configFilePath(flag: String?, environment: [String: String]) throws(ConfigurationError) -> String? {
        if let explicit = flag ?? environment["STAGEFEED_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let path = absolute(explicit, from: workingDirectory).path
            guard FileManager.default.fileExists(atPath: path) else { throw .configFileMissing(path: explicit) }
            return path
        }
        let standard = workingDirectory.appendingPathComponent("stagefeed.yml").path
        return FileManager.default.fileExists(atPath: standard) ? standard : nil
    }

    /// Settings from the flags, the environment and the config file (if any).
    public func resolve(
        flags: SettingsLayer, environment: [String: String], configFlag: String?
    ) throws(ConfigurationError) -> Settings {
        var layers = [flags, SettingsLayer.environment(environment)]
        if let path = try configFilePath(flag: configFlag, environment: environment) {
            layers.append(try ConfigFile.load(path: path))
        }
        return try resolve(layers)
    }

    /// Settings from layers given in order of precedence.
    public func resolve(_ layers: [SettingsLayer]) throws(ConfigurationError) -> Settings {
        func lookup(_ key: SettingKey) -> (value: String, layer: SettingsLayer)? {
            for layer in layers { if let value = layer.values[key] { return (value, layer) } }
            return nil
        }
        func path(_ key: SettingKey, default fallback: String) -> (url: URL, setting: String) {
            guard let (value, layer) = lookup(key) else {
                return (absolute(fallback, from: workingDirectory), key.flag)
            }
            var base = workingDirectory
            if case .file(let file) = layer.origin { base = URL(fileURLWithPath: file).deletingLastPathComponent() }
            return (absolute(value, from: base), layer.name(of: key))
        }
        func flag(_ key: SettingKey) throws(ConfigurationError) -> Bool {
            guard let (value, layer) = lookup(key) else { return false }
            switch value.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: throw .invalidValue(setting: layer.name(of: key), value: value, expected: "true or false")
            }
        }

        var source = Settings.SourceKind.demo
        if let (value, layer) = lookup(.source) {
            guard let kind = Settings.SourceKind(rawValue: value.lowercased()) else {
                let known = Settings.SourceKind.allCases.map(\.rawValue).joined(separator: " or ")
                throw .invalidValue(setting: layer.name(of: .source), value: value, expected: known)
            }
            source = kind
        }

        var baseURL: URL?
        if let (value, layer) = lookup(.baseURL) {
            guard let url = URL(string: value), URLPolicy.isAllowed(url) else {
                throw .invalidValue(
                    setting: layer.name(of: .baseURL), value: value,
                    expected:
                        "an https URL such as https://festival.example.com/api/v1 (plain http only to this machine)")
            }
            baseURL = url
        }
        var timeZone: TimeZone?
        if let (value, layer) = lookup(.timezone) {
            guard let zone = TimeZone(identifier: value), value.contains("/") || value == "UTC" else {
                throw .invalidValue(
                    setting: layer.name(of: .timezone), value: value, expected: "an IANA timezone such as Europe/Madrid"
                )
            }
            timeZone = zone
        }
        if source == .fourvenues, let (value, layer) = lookup(.environment) {
            guard let environment = FourvenuesEnvironment(rawValue: value.lowercased()) else {
                throw .invalidValue(
                    setting: layer.name(of: .environment), value: value,
                    expected: "alpha (test data) or production (live data)")
            }
            // `base_url` overrides the environment's address, unless it comes from a lower layer.
            let rank = { (layer: SettingsLayer) in layers.firstIndex(of: layer) ?? layers.count }
            if let (_, urlLayer) = lookup(.baseURL), rank(urlLayer) <= rank(layer) {
            } else {
                baseURL = environment.baseURL
            }
        }
        if source == .fourvenues {
            if baseURL == nil {
                throw .missingSetting(
                    setting: "environment (--environment, STAGEFEED_ENVIRONMENT)",
                    reason:
                        "the Fourvenues source reads alpha (test data) or production (live data); validate against alpha first"
                )
            }
            if timeZone == nil {
                throw .missingSetting(
                    setting: "timezone (--timezone, STAGEFEED_TIMEZONE)",
                    reason: "the Fourvenues API gives no timezone: name the venue's, e.g. Europe/Madrid")
            }
        }
        var keepPast = Duration.seconds(30 * 86_400)
        if let (value, layer) = lookup(.keepPast) {
            guard let seconds = Self.seconds(in: value) else {
                throw .invalidValue(
                    setting: layer.name(of: .keepPast), value: value, expected: "a duration such as 0s, 12h or 30d")
            }
            keepPast = .seconds(seconds)
        }
        let venueName = lookup(.venueName).map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }

        if source == .stagecraft && baseURL == nil {
            throw .missingSetting(
                setting: "base_url (--base-url, STAGEFEED_BASE_URL)",
                reason:
                    "the Stagecraft source needs the festival's API address, e.g. https://festival.example.com/api/v1")
        }

        var minimumRefreshAge = Duration.seconds(60)
        if let (value, layer) = lookup(.minRefresh) {
            guard let seconds = Self.seconds(in: value), seconds >= 60 else {
                throw .invalidValue(
                    setting: layer.name(of: .minRefresh), value: value,
                    expected:
                        "a duration of at least 60s such as 90s, 5m or 1h (the API asks not to be polled more often)")
            }
            minimumRefreshAge = .seconds(seconds)
        }

        var dayStart = DayStart.standard
        if let (value, layer) = lookup(.dayStarts) {
            guard let parsed = DayStart(parsing: value) else {
                throw .invalidValue(
                    setting: layer.name(of: .dayStarts), value: value, expected: "a 24-hour time HH:MM such as 06:00")
            }
            dayStart = parsed
        }

        var siteURL: URL?
        if let (value, layer) = lookup(.siteURL) {
            guard let url = URL(string: value.hasSuffix("/") ? value : value + "/"),
                ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil
            else {
                throw .invalidValue(
                    setting: layer.name(of: .siteURL), value: value,
                    expected:
                        "the public http(s) address output/ is served at, e.g. https://festival.example.com/timetable/")
            }
            siteURL = url
        }

        var keepCancelled = Duration.seconds(7 * 86_400)
        if let (value, layer) = lookup(.keepCancelled) {
            guard let seconds = Self.seconds(in: value) else {
                throw .invalidValue(
                    setting: layer.name(of: .keepCancelled), value: value, expected: "a duration such as 0s, 12h or 7d")
            }
            keepCancelled = .seconds(seconds)
        }

        var theme: URL?
        if let (value, layer) = lookup(.theme) {
            var base = workingDirectory
            if case .file(let file) = layer.origin { base = URL(fileURLWithPath: file).deletingLastPathComponent() }
            do {
                theme = try ThemeLoader.folder(for: value, relativeTo: base)
            } catch {
                throw .invalidValue(
                    setting: layer.name(of: .theme), value: value,
                    expected: "default, the name of a folder in Themes/, or a theme folder's path (\(error))")
            }
        }

        var clock: ClockStyle?
        if let (value, layer) = lookup(.timeFormat) {
            guard let style = ClockStyle(rawValue: value.lowercased()) else {
                throw .invalidValue(setting: layer.name(of: .timeFormat), value: value, expected: "24h or 12h")
            }
            clock = style
        }

        var locales = [SiteLocale.english]
        if let (value, layer) = lookup(.locales) {
            let tags = value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
            guard !tags.isEmpty else {
                throw .invalidValue(
                    setting: layer.name(of: .locales), value: value,
                    expected: "one or more BCP 47 language tags such as es-ES, en")
            }
            locales = []
            for (index, tag) in tags.enumerated() {
                guard let locale = SiteLocale(tag: tag, isDefault: index == 0) else {
                    throw .invalidValue(
                        setting: layer.name(of: .locales), value: tag,
                        expected: "a BCP 47 language tag of a known language, such as es-ES, de, en-GB, pt-BR or ar")
                }
                // A further language's folder must not be one of the output's own folders (Burmese is `my`).
                let reserved = ["days", "stages", "artists", "my", "assets", "feeds", "calendar", "signage"]
                guard !reserved.contains(String(locale.folder.dropLast())) else {
                    throw .invalidValue(
                        setting: layer.name(of: .locales), value: tag,
                        expected:
                            "a language whose folder is not one of the output's own (\(locale.folder) is taken); list it first to put it at the root"
                    )
                }
                guard !locales.contains(where: { $0.tag == locale.tag }) else {
                    throw .invalidValue(setting: layer.name(of: .locales), value: tag, expected: "each language once")
                }
                locales.append(locale)
            }
        }

        let publish = try publishSettings(lookup: lookup, flag: flag)
        let publishAfterBuild = try flag(.publishAfterBuild)
        if publishAfterBuild && publish == nil {
            throw .missingSetting(
                setting: "publish.to (--to, STAGEFEED_PUBLISH_TO)",
                reason: "publishing after each build needs a destination such as s3://bucket/prefix")
        }

        let output = path(.out, default: "output")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: output.url.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw .outputIsFile(setting: output.setting, path: output.url.path)
        }
        let cache = path(.cache, default: ".stagefeed")
        if FileManager.default.fileExists(atPath: cache.url.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw .outputIsFile(setting: cache.setting, path: cache.url.path)
        }

        return Settings(
            source: source, sourceIsDefault: lookup(.source) == nil, baseURL: baseURL,
            outputFolder: output.url, cacheFolder: cache.url, dayStart: dayStart,
            offline: try flag(.offline), refresh: try flag(.refresh),
            apiKeyFile: lookup(.apiKeyFile).map { _ in path(.apiKeyFile, default: "").url },
            minimumRefreshAge: minimumRefreshAge, siteURL: siteURL, keepCancelled: keepCancelled,
            theme: theme, clock: clock, locales: locales, timeZone: timeZone, venueName: venueName, keepPast: keepPast,
            publish: publish, publishAfterBuild: publishAfterBuild)
    }

    /// The `publish:` settings, or nil when no destination is set.
    private func publishSettings(
        lookup: (SettingKey) -> (value: String, layer: SettingsLayer)?,
        flag: (SettingKey) throws(ConfigurationError) -> Bool
    ) throws(ConfigurationError) -> PublishSettings? {
        guard let (value, layer) = lookup(.publishTo) else { return nil }
        guard let destination = S3Destination(parsing: value) else {
            throw .invalidValue(
                setting: layer.name(of: .publishTo), value: value,
                expected:
                    "s3://BUCKET or s3://BUCKET/PREFIX, the bucket named as S3 allows (3 to 63 lowercase letters, digits, dots and hyphens)"
            )
        }
        var settings = PublishSettings(destination: destination)
        if let (value, layer) = lookup(.publishEndpoint) {
            guard let url = URL(string: value), URLPolicy.isAllowed(url), url.path.isEmpty || url.path == "/" else {
                throw .invalidValue(
                    setting: layer.name(of: .publishEndpoint), value: value,
                    expected:
                        "the service's https address such as https://ACCOUNT.r2.cloudflarestorage.com (plain http only to this machine)"
                )
            }
            settings.endpoint = url
        }
        if let (value, layer) = lookup(.publishRegion) {
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            else {
                throw .invalidValue(
                    setting: layer.name(of: .publishRegion), value: value,
                    expected: "a region name such as eu-central-1 or auto")
            }
            settings.region = value
        }
        settings.pathStyle = try flag(.publishPathStyle)
        if lookup(.publishDelete) != nil { settings.deletes = try flag(.publishDelete) }
        for key in [SettingKey.publishShortCache, .publishHashedCache] {
            guard let (value, layer) = lookup(key) else { continue }
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty,
                !value.contains(where: { $0.isNewline || !$0.isASCII })
            else {
                throw .invalidValue(
                    setting: layer.name(of: key), value: value,
                    expected: "a Cache-Control value such as public, max-age=60")
            }
            if key == .publishShortCache {
                settings.cachePolicy.short = value
            } else {
                settings.cachePolicy.hashed = value
            }
        }
        return settings
    }

    /// Seconds in a duration such as `90`, `90s`, `5m`, `1h` or `7d`.
    public static func seconds(in text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = trimmed.last, let factor = units[unit], let count = Int(trimmed.dropLast()), count >= 0 {
            let (seconds, overflow) = count.multipliedReportingOverflow(by: factor)
            return overflow || seconds > 10 * 365 * 86_400 ? nil : seconds
        }
        return Int(trimmed).flatMap { $0 >= 0 && $0 <= 10 * 365 * 86_400 ? $0 : nil }
    }

    private func absolute(_ path: String, from base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
        return url.standardizedFileURL
    }
}
