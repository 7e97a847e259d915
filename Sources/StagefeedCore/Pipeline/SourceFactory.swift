import Foundation
import Logging

/// Builds the source the settings name, with its API key when it needs one.
public enum SourceFactory {
    public static func source(
        for settings: Settings, environment: [String: String], logger: Logger
    ) throws(ConfigurationError) -> any ProgramSource {
        switch settings.source {
        case .demo:
            return DemoSource()
        case .stagecraft:
            var configuration = StagecraftSource.Configuration(
                baseURL: settings.baseURL!,
                apiKey: try APIKey.load(environment: environment, file: settings.apiKeyFile),
                cacheFolder: settings.cacheFolder)
            configuration.minimumRefreshAge = settings.minimumRefreshAge
            configuration.refresh = settings.refresh
            configuration.offline = settings.offline
            return StagecraftSource(configuration: configuration, logger: logger)
        case .fourvenues:
            var configuration = FourvenuesSource.Configuration(
                baseURL: settings.baseURL!,
                apiKey: try APIKey.load(environment: environment, file: settings.apiKeyFile),
                cacheFolder: settings.cacheFolder, timeZone: settings.timeZone!)
            configuration.venueName = settings.venueName
            configuration.keepPast = settings.keepPast
            configuration.minimumRefreshAge = settings.minimumRefreshAge
            configuration.refresh = settings.refresh
            configuration.offline = settings.offline
            return FourvenuesSource(configuration: configuration, logger: logger)
        }
    }
}
