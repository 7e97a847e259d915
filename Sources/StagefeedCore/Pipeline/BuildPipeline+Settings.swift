extension BuildPipeline {
    /// The standard build for resolved settings: their day start, output folder, store,
    /// public address, cancelled-set retention, theme and clock. A broken theme fails here,
    /// before anything is fetched.
    public init(settings: Settings, source: any ProgramSource) throws {
        let theme = try ThemeLoader.load(overriding: settings.theme)
        try self.init(source: source, normalizer: ProgramNormalizer(dayStart: settings.dayStart),
                  renderers: Self.standardRenderers(theme: theme, clock: settings.clock),
                  writer: OutputWriter(folder: settings.outputFolder), store: try ProgramStore(folder: settings.cacheFolder))
        siteURL = settings.siteURL
        cancelledRetention = settings.keepCancelled.seconds
    }
}
