import Foundation
import Logging

/// Builds the source the settings name, with its API key when it needs one.
public enum SourceFactory {
    public static func source(
        for settings: Settings, environment: [String: String], logger: Logger
    )
        throws(ConfigurationError) -> any ProgramSource
    {
        let source = settings.source
        switch source.kind {
        case .demo:
            return DemoSource()
        case .stagecraft(let baseURL):
            var configuration = StagecraftSource.Configuration(
                baseURL: baseURL, apiKey: try APIKey.load(environment: environment, file: source.apiKeyFile),
                cacheFolder: settings.cacheFolder)
            configuration.minimumRefreshAge = source.minimumRefreshAge
            configuration.refresh = source.refresh
            configuration.offline = source.offline
            return StagecraftSource(configuration: configuration, logger: logger)
        case .fourvenues(let options):
            var configuration = FourvenuesSource.Configuration(
                baseURL: options.baseURL, apiKey: try APIKey.load(environment: environment, file: source.apiKeyFile),
                cacheFolder: settings.cacheFolder, timeZone: options.timeZone)
            configuration.venueName = options.venueName
            configuration.keepPast = options.keepPast
            configuration.minimumRefreshAge = source.minimumRefreshAge
            configuration.refresh = source.refresh
            configuration.offline = source.offline
            return FourvenuesSource(configuration: configuration, logger: logger)
        }
    }
}
