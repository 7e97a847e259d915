import Foundation

/// How the program is rendered: the festival day's start, the public address, how long a
/// cancelled set stays in calendars, the theme, the clock and the languages.
public struct RenderSettings: Sendable, Equatable {
    /// The local time a festival day begins.
    public var dayStart: DayStart
    /// The public address `output/` is served at (ends with a slash), for absolute links and `webcal://`.
    public var siteURL: URL?
    /// How long a performance removed from the program stays in calendars as cancelled.
    public var keepCancelled: Duration
    /// The theme folder laid over the default theme; nil for the default theme alone.
    public var theme: URL?
    /// 24-hour or 12-hour times on pages; nil: each language's own habit.
    public var clock: ClockStyle?
    /// The languages of the export, the first written at the root of the output.
    public var locales: [SiteLocale]

    /// The output's own top-level folders, which a further language's folder may not be
    /// (Burmese is `my`).
    static let reservedFolders = [
        "days", "stages", "artists", "my", "assets", "feeds", "calendar", "signage", "images",
    ]

    /// The rendering settings of `lookup`, each value checked.
    public init(_ lookup: SettingsLookup) throws(ConfigurationError) {
        dayStart =
            try lookup.parse(.dayStarts, expected: "a 24-hour time HH:MM such as 06:00") { DayStart(parsing: $0) }
            ?? .standard
        siteURL = try lookup.parse(
            .siteURL,
            expected: "the public http(s) address output/ is served at, e.g. https://festival.example.com/timetable/"
        ) { text in
            URL(string: text.hasSuffix("/") ? text : text + "/").flatMap { url in
                ["http", "https"].contains(url.scheme?.lowercased() ?? "") && url.host != nil ? url : nil
            }
        }
        keepCancelled =
            try lookup.duration(.keepCancelled, expected: "a duration such as 0s, 12h or 7d") ?? .seconds(7 * 86_400)
        theme = try Self.theme(lookup)
        clock = try lookup.parse(.timeFormat, expected: "24h or 12h") { ClockStyle(rawValue: $0.lowercased()) }
        locales = try Self.locales(lookup)
    }

    /// The theme folder a `theme:` value names (see `ThemeLoader.folder(for:relativeTo:)`).
    private static func theme(_ lookup: SettingsLookup) throws(ConfigurationError) -> URL? {
        guard let (text, layer) = lookup.value(.theme) else { return nil }
        do {
            return try ThemeLoader.folder(for: text, relativeTo: lookup.base(of: layer))
        } catch {
            throw .invalidValue(
                setting: layer.name(of: .theme), value: text,
                expected: "default, the name of a folder in Themes/, or a theme folder's path (\(error))")
        }
    }

    /// The languages: BCP 47 tags Foundation knows, each once, none whose folder is one of
    /// the output's own; English when unset.
    private static func locales(_ lookup: SettingsLookup) throws(ConfigurationError) -> [SiteLocale] {
        guard let (text, layer) = lookup.value(.locales) else { return [.english] }
        let setting = layer.name(of: .locales)
        let tags = text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        guard !tags.isEmpty else {
            throw .invalidValue(
                setting: setting, value: text, expected: "one or more BCP 47 language tags such as es-ES, en")
        }
        var locales: [SiteLocale] = []
        for (index, tag) in tags.enumerated() {
            guard let locale = SiteLocale(tag: tag, isDefault: index == 0) else {
                throw .invalidValue(
                    setting: setting, value: tag,
                    expected: "a BCP 47 language tag of a known language, such as es-ES, de, en-GB, pt-BR or ar")
            }
            guard !reservedFolders.contains(String(locale.folder.dropLast())) else {
                throw .invalidValue(
                    setting: setting, value: tag,
                    expected:
                        "a language whose folder is not one of the output's own (\(locale.folder) is taken); list it first to put it at the root"
                )
            }
            guard !locales.contains(where: { $0.tag == locale.tag }) else {
                throw .invalidValue(setting: setting, value: tag, expected: "each language once")
            }
            locales.append(locale)
        }
        return locales
    }
}
