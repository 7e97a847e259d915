import Foundation
import Testing

@testable import StagefeedCore

@Suite struct SettingsResolverTests {
    @Test func defaultsUseTheDemoAndStandardFolders() throws {
        let folder = try TemporaryFolder()
        let settings = try SettingsResolver(workingDirectory: folder.url).resolve(
            flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        #expect(settings.source.kind == .demo)
        #expect(settings.source.isDefault)
        #expect(settings.outputFolder == folder.path("output").standardizedFileURL)
        #expect(settings.cacheFolder == folder.path(".stagefeed").standardizedFileURL)
        #expect(settings.rendering.dayStart == .standard)
        #expect(!settings.source.offline && !settings.source.refresh)
    }

    @Test func flagsBeatEnvironmentBeatFileBeatDefaults() throws {
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", "out: from-file\nday_starts: 05:00\ncache: cache-from-file\nsource: demo\n")
        let resolver = SettingsResolver(workingDirectory: folder.url)
        let settings = try resolver.resolve(
            flags: SettingsLayer(origin: .flags, values: [.out: "from-flag"]),
            environment: ["STAGEFEED_OUT": "from-env", "STAGEFEED_DAY_STARTS": "04:00"], configFlag: nil)
        #expect(settings.outputFolder.lastPathComponent == "from-flag")
        #expect(settings.rendering.dayStart == DayStart(hour: 4, minute: 0))
        #expect(settings.cacheFolder == folder.path("cache-from-file").standardizedFileURL)
        #expect(!settings.source.isDefault)
        let fileOnly = try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        #expect(
            fileOnly.rendering.dayStart == DayStart(hour: 5, minute: 0),
            "an unquoted 05:00 is read as written, not as a YAML number")
    }

    @Test func pathsInTheConfigFileAreRelativeToIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("site/stagefeed.yml", "out: public\n")
        let settings = try SettingsResolver(workingDirectory: folder.url)
            .resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: "site/stagefeed.yml")
        #expect(settings.outputFolder == folder.path("site/public").standardizedFileURL)
    }

    @Test func unknownKeysNameTheFileAndLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", "out: public\nouptut: typo\n")
        #expect(
            throws: ConfigurationError.unknownSetting(path: folder.path("stagefeed.yml").path, key: "ouptut", line: 2)
        ) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        }
    }

    @Test(arguments: ["out: [a, b\n", "- just\n- a list\n", "out:\n  nested: true\n", "\tout: tab\n"])
    func malformedFilesAreConfigurationErrors(text: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", text)
        #expect(throws: ConfigurationError.self) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        }
    }

    @Test func badValuesNameWhereTheyCameFrom() throws {
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", "source: demo\nday_starts: \"25:00\"\n")
        let resolver = SettingsResolver(workingDirectory: folder.url)
        let error = #expect(throws: ConfigurationError.self) {
            try resolver.resolve(flags: SettingsLayer(origin: .flags), environment: [:], configFlag: nil)
        }
        #expect(error?.description.contains("day_starts in \(folder.path("stagefeed.yml").path) (line 2)") == true)

        let plain = SettingsResolver(workingDirectory: try TemporaryFolder().url)
        #expect(
            throws: ConfigurationError.invalidValue(
                setting: "--source", value: "myspace", expected: "demo or stagecraft or fourvenues")
        ) {
            try plain.resolve(
                flags: SettingsLayer(origin: .flags, values: [.source: "myspace"]), environment: [:], configFlag: nil)
        }
        #expect(
            throws: ConfigurationError.invalidValue(
                setting: "STAGEFEED_OFFLINE", value: "maybe", expected: "true or false")
        ) {
            try plain.resolve(
                flags: SettingsLayer(origin: .flags), environment: ["STAGEFEED_OFFLINE": "maybe"], configFlag: nil)
        }
        #expect(throws: ConfigurationError.self) {
            try plain.resolve(
                flags: SettingsLayer(origin: .flags, values: [.baseURL: "ftp://x"]), environment: [:], configFlag: nil)
        }
    }

    @Test(arguments: ["200000000000000d", "99999999999999999999s", "-5m", "soon"])
    func absurdDurationsAreRefusedNotCrashedOn(value: String) throws {
        let folder = try TemporaryFolder()
        #expect(throws: ConfigurationError.self) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags, values: [.minRefresh: value]), environment: [:], configFlag: nil)
        }
    }

    @Test(arguments: [
        "http://127.attacker.example/api/v1", "http://127.0.0.1.nip.example/api", "http://192.168.1.10/api",
        "ftp://127.0.0.1/",
    ])
    func plainHTTPGoesOnlyToThisMachine(url: String) throws {
        let folder = try TemporaryFolder()
        #expect(throws: ConfigurationError.self) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags, values: [.baseURL: url]), environment: [:], configFlag: nil)
        }
        #expect(!URLPolicy.isAllowed(URL(string: url)!))
        #expect(URLPolicy.isAllowed(URL(string: "http://127.0.0.1:8080/api/v1")!))
        #expect(URLPolicy.isAllowed(URL(string: "http://localhost/api/v1")!))
        #expect(URLPolicy.isAllowed(URL(string: "https://festival.example.com/api/v1")!))
    }

    @Test func anOutputPathThatIsAFileIsAConfigurationError() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("taken", "x")
        #expect(throws: ConfigurationError.outputIsFile(setting: "--out", path: file.path)) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags, values: [.out: "taken"]), environment: [:], configFlag: nil)
        }
    }

    @Test func aMissingExplicitConfigFileIsAnError() throws {
        let folder = try TemporaryFolder()
        #expect(throws: ConfigurationError.configFileMissing(path: "nope.yml")) {
            try SettingsResolver(workingDirectory: folder.url).resolve(
                flags: SettingsLayer(origin: .flags), environment: [:], configFlag: "nope.yml")
        }
    }

    @Test func fourvenuesSettings() throws {
        let folder = try TemporaryFolder()
        let resolver = SettingsResolver(workingDirectory: folder.url)
        let alpha = try resolver.resolve([
            SettingsLayer(
                origin: .flags,
                values: [
                    .source: "fourvenues", .environment: "alpha", .timezone: "Europe/Madrid",
                    .keepPast: "14d", .venueName: " Sala Aurora ",
                ])
        ])
        #expect(alpha.source.kind.baseURL?.absoluteString == "https://api-alpha.fourvenues.com/integrations")
        guard case .fourvenues(let options) = alpha.source.kind else {
            Issue.record("not the Fourvenues source: \(alpha.source.kind)")
            return
        }
        #expect(
            options.timeZone.identifier == "Europe/Madrid" && options.keepPast == .seconds(14 * 86_400)
                && options.venueName == "Sala Aurora")
        let file = SettingsLayer(
            origin: .file(path: "stagefeed.yml"),
            values: [.source: "fourvenues", .baseURL: "http://127.0.0.1:9/integrations", .timezone: "Europe/Madrid"])
        let production = try resolver.resolve([
            SettingsLayer(origin: .flags, values: [.environment: "production"]), file,
        ])
        #expect(
            production.source.kind.baseURL?.absoluteString == "https://api.fourvenues.com/integrations",
            "a flag beats the file's base_url")
        let local = try resolver.resolve([
            SettingsLayer(origin: .flags, values: [.baseURL: "http://127.0.0.1:8/integrations"]),
            SettingsLayer(origin: .environment, values: [.environment: "production"]), file,
        ])
        #expect(
            local.source.kind.baseURL?.absoluteString == "http://127.0.0.1:8/integrations",
            "--base-url overrides the environment")
        let stagecraft = try resolver.resolve([
            SettingsLayer(origin: .flags, values: [.source: "stagecraft", .baseURL: "https://fest.example/api/v1"]),
            SettingsLayer(origin: .environment, values: [.environment: "production"]),
        ])
        #expect(
            stagecraft.source.kind.baseURL?.absoluteString == "https://fest.example/api/v1",
            "the environment is Fourvenues' alone")
        #expect(throws: ConfigurationError.self) {
            try resolver.resolve([
                SettingsLayer(origin: .flags, values: [.source: "fourvenues", .environment: "alpha"])
            ])
        }
        #expect(throws: ConfigurationError.self) {
            try resolver.resolve([
                SettingsLayer(
                    origin: .flags,
                    values: [.source: "fourvenues", .environment: "staging", .timezone: "Europe/Madrid"])
            ])
        }
        #expect(throws: ConfigurationError.self) {
            try resolver.resolve([
                SettingsLayer(
                    origin: .flags, values: [.source: "fourvenues", .environment: "alpha", .timezone: "Madrid"])
            ])
        }
    }
}
