import ArgumentParser
import Foundation
import StagefeedCore

/// The options every command shares (see DESIGN.md).
struct CommonOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Config file (default: stagefeed.yml if present).", valueName: "file"))
    var config: String?

    @Option(
        help: ArgumentHelp(
            "Where the program comes from: demo (the default when none is configured), stagecraft or fourvenues.",
            valueName: "source"))
    var source: String?

    @Option(
        help: ArgumentHelp("Fourvenues environment: alpha (test data) or production.", valueName: "alpha|production"))
    var environment: String?

    @Option(help: ArgumentHelp("Fourvenues: the venue's IANA timezone, e.g. Europe/Madrid.", valueName: "tz"))
    var timezone: String?

    @Option(
        name: .customLong("venue-name"),
        help: ArgumentHelp(
            "Fourvenues: the venue's name on the site (default: the key's first channel).", valueName: "name"))
    var venueName: String?

    @Option(
        name: .customLong("keep-past"),
        help: ArgumentHelp("Fourvenues: how long nights stay after they ended (default: 30d).", valueName: "duration"))
    var keepPast: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The source API's base URL.", valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Output folder (default: output).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Cache folder for the store (default: .stagefeed).", valueName: "dir"))
    var cache: String?

    @Option(
        name: .customLong("day-starts"),
        help: ArgumentHelp("Local time a festival day starts (default: 06:00).", valueName: "HH:MM"))
    var dayStarts: String?

    @Option(
        name: .customLong("min-refresh"),
        help: ArgumentHelp("Ask the source at most this often (default and floor: 60s).", valueName: "duration"))
    var minRefresh: String?

    @Option(
        name: .customLong("site-url"),
        help: ArgumentHelp(
            "Public address the output is served at (for calendar links and webcal://).", valueName: "url"))
    var siteURL: String?

    @Option(
        name: .customLong("keep-cancelled"),
        help: ArgumentHelp(
            "How long a removed set stays in calendars as cancelled (default: 7d).", valueName: "duration"))
    var keepCancelled: String?

    @Option(
        help: ArgumentHelp(
            "Site theme: default, a folder name in Themes/, or a theme folder's path.", valueName: "name|path"))
    var theme: String?

    @Option(
        name: .customLong("time-format"),
        help: ArgumentHelp("Times on pages: 24h or 12h (default: each language's habit).", valueName: "24h|12h"))
    var timeFormat: String?

    @Option(
        name: .customLong("locale"),
        help: ArgumentHelp(
            "Languages of the export (BCP 47, repeatable or comma-separated); the first at the root (default: en).",
            valueName: "tag"))
    var locale: [String] = []

    @Flag(help: "Render from the store without contacting the source.")
    var offline = false

    @Flag(help: "Ask the source now, even inside the minimum refresh age.")
    var refresh = false

    @Option(
        name: .customLong("api-key-file"),
        help: ArgumentHelp("File holding the API key (else STAGEFEED_API_KEY).", valueName: "file"))
    var apiKeyFile: String?

    @Flag(help: "Print only errors.")
    var quiet = false

    @Flag(help: "Print progress and details.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// The flags given, as the top layer of settings.
    var layer: SettingsLayer {
        var values: [SettingKey: String] = [:]
        values[.source] = source
        values[.environment] = environment
        values[.timezone] = timezone
        values[.venueName] = venueName
        values[.keepPast] = keepPast
        values[.baseURL] = baseURL
        values[.out] = out
        values[.cache] = cache
        values[.dayStarts] = dayStarts
        values[.apiKeyFile] = apiKeyFile
        values[.minRefresh] = minRefresh
        values[.siteURL] = siteURL
        values[.keepCancelled] = keepCancelled
        values[.theme] = theme
        values[.timeFormat] = timeFormat
        if !locale.isEmpty { values[.locales] = locale.joined(separator: ",") }
        if offline { values[.offline] = "true" }
        if refresh { values[.refresh] = "true" }
        return SettingsLayer(origin: .flags, values: values)
    }

    /// The settings (flags, environment, config file) and the source they name; a
    /// configuration error is reported and ends the command with exit status 2.
    func resolve(layer: SettingsLayer? = nil, console: Console) throws -> (Settings, any ProgramSource) {
        do {
            return try Self.resolve(layer: layer ?? self.layer, config: config, console: console)
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }

    /// The settings alone (no source: publishing needs none) from `layer` (default: these
    /// flags); a configuration error ends the command with exit status 2.
    func settings(layer: SettingsLayer? = nil, console: Console) throws -> Settings {
        do {
            let resolver = SettingsResolver(
                workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            return try resolver.resolve(
                flags: layer ?? self.layer, environment: ProcessInfo.processInfo.environment, configFlag: config)
        } catch {
            console.error("\(error)")
            throw ExitCode(ExitStatus.usage.rawValue)
        }
    }

    /// The settings and source from the flags' layer, or the configuration error as it is.
    static func resolve(layer: SettingsLayer, config: String?, console: Console) throws -> (Settings, any ProgramSource)
    {
        let environment = ProcessInfo.processInfo.environment
        let resolver = SettingsResolver(
            workingDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let settings = try resolver.resolve(flags: layer, environment: environment, configFlag: config)
        return (settings, try SourceFactory.source(for: settings, environment: environment, logger: console.logger))
    }
}
