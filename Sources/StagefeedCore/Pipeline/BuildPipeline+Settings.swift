extension BuildPipeline {
    /// The standard build for resolved settings: their day start, output folder, store,
    /// public address and cancelled-set retention.
    public init(settings: Settings, source: any ProgramSource) throws {
        self.init(source: source, normalizer: ProgramNormalizer(dayStart: settings.dayStart),
                  writer: OutputWriter(folder: settings.outputFolder), store: try ProgramStore(folder: settings.cacheFolder))
        siteURL = settings.siteURL
        cancelledRetention = settings.keepCancelled.seconds
    }
}
