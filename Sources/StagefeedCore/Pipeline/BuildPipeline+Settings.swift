extension BuildPipeline {
    /// The standard build for resolved settings: their day start, output folder, store,
    /// public address, cancelled-set retention, theme and clock. A broken theme fails here,
    /// before anything is fetched.
    public init(settings: Settings, source: any ProgramSource) throws {
        let rendering = settings.rendering
        let theme = try ThemeLoader.load(overriding: rendering.theme, languages: Set(rendering.locales.map(\.language)))
        try self.init(
            source: source, normalizer: ProgramNormalizer(dayStart: rendering.dayStart),
            renderers: Self.standardRenderers(theme: theme, clock: rendering.clock, locales: rendering.locales),
            writer: OutputWriter(folder: settings.outputFolder, cache: settings.cacheFolder),
            store: try ProgramStore(folder: settings.cacheFolder))
        siteURL = rendering.siteURL
        self.theme = theme
        let keys = theme.strings.strings(for: .english).strings.values.count
        themeWarnings = rendering.locales.compactMap { locale in
            let missing = theme.strings.strings(for: locale).missing
            if missing.isEmpty { return nil }
            if missing.count == keys {
                return "the theme has no strings for \(locale.tag) (i18n/\(locale.language).yml); English is used"
            }
            return
                "theme strings for \(locale.tag) lack \(missing.count) of the English keys; English is used for them: \(missing.joined(separator: ", "))"
        }
        cancelledRetention = rendering.keepCancelled.seconds
        configurationDigest = Self.configurationDigest(theme: theme, clock: rendering.clock, locales: rendering.locales)
    }

    /// Identifies what the standard renderers make of a program: the theme's files, the
    /// clock style and the languages.
    public static func configurationDigest(theme: Theme, clock: ClockStyle?, locales: [SiteLocale]) -> String {
        "\(theme.digest) \(clock.map { "\($0)" } ?? "-") \(locales.map(\.tag).joined(separator: ","))"
    }
}
