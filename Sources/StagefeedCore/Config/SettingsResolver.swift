import Foundation

/// Reads the layers of settings (flags > environment > config file > defaults) and hands
/// each group to its own parser (`SourceSettings`, `RenderSettings`, `PublishSettings`),
/// which name the exact flag, variable or file line at fault.
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
            let path = SettingsLookup.absolute(explicit, from: workingDirectory).path
            guard FileManager.default.fileExists(atPath: path) else { throw .configFileMissing(path: explicit) }
            return path
        }
        let standard = workingDirectory.appendingPathComponent("stagefeed.yml").path
        return FileManager.default.fileExists(atPath: standard) ? standard : nil
    }

    /// Settings from the flags, the environment and the config file (if any).
    public func resolve(
        flags: SettingsLayer, environment: [String: String], configFlag: String?
    )
        throws(ConfigurationError) -> Settings
    {
        var layers = [flags, SettingsLayer.environment(environment)]
        if let path = try configFilePath(flag: configFlag, environment: environment) {
            layers.append(try ConfigFile.load(path: path))
        }
        return try resolve(layers)
    }

    /// Settings from layers given in order of precedence.
    public func resolve(_ layers: [SettingsLayer]) throws(ConfigurationError) -> Settings {
        let lookup = SettingsLookup(layers: layers, workingDirectory: workingDirectory)
        let source = try SourceSettings(lookup)
        let rendering = try RenderSettings(lookup)
        let publish = try PublishSettings.parse(lookup)
        let publishAfterBuild = try lookup.flag(.publishAfterBuild)
        if publishAfterBuild && publish == nil {
            throw .missingSetting(
                setting: "publish.to (--to, STAGEFEED_PUBLISH_TO)",
                reason: "publishing after each build needs a destination such as s3://bucket/prefix")
        }
        return Settings(
            source: source, outputFolder: try folder(.out, default: "output", lookup),
            cacheFolder: try folder(.cache, default: ".stagefeed", lookup), rendering: rendering,
            publish: publish, publishAfterBuild: publishAfterBuild)
    }

    /// A folder setting: absolute, and not an existing file (a missing folder is made later).
    private func folder(
        _ key: SettingKey, default fallback: String, _ lookup: SettingsLookup
    ) throws(ConfigurationError)
        -> URL
    {
        let (url, setting) = lookup.path(key, default: fallback)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw .outputIsFile(setting: setting, path: url.path)
        }
        return url
    }
}
