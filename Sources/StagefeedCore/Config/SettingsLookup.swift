import Foundation

/// The layers of settings in order of precedence (flags, environment, config file), read
/// one setting at a time: each value with the layer it came from, so a parser can name the
/// exact flag, variable or file line when a value is wrong.
public struct SettingsLookup: Sendable {
    /// The layers, highest precedence first.
    public let layers: [SettingsLayer]
    /// The folder relative paths from flags and the environment are taken from.
    public let workingDirectory: URL

    public init(layers: [SettingsLayer], workingDirectory: URL) {
        self.layers = layers
        self.workingDirectory = workingDirectory
    }

    /// The value of `key` from the highest layer that sets it, with that layer.
    public func value(_ key: SettingKey) -> (text: String, layer: SettingsLayer)? {
        for layer in layers {
            if let value = layer.values[key] { return (value, layer) }
        }
        return nil
    }

    /// Whether `key` is set anywhere.
    public func isSet(_ key: SettingKey) -> Bool { value(key) != nil }

    /// The value of `key` made by `parse`, nil when unset; a value `parse` refuses (nil) is
    /// an error naming the setting and what was `expected`.
    public func parse<Value>(
        _ key: SettingKey, expected: String, _ parse: (String) -> Value?
    ) throws(ConfigurationError)
        -> Value?
    {
        guard let (text, layer) = value(key) else { return nil }
        guard let parsed = parse(text) else {
            throw .invalidValue(setting: layer.name(of: key), value: text, expected: expected)
        }
        return parsed
    }

    /// A true/false setting (`true`, `yes`, `1`, `on` and their opposites); false when unset.
    public func flag(_ key: SettingKey) throws(ConfigurationError) -> Bool {
        try parse(key, expected: "true or false") { text in
            switch text.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: return nil
            }
        } ?? false
    }

    /// A duration such as `90s`, `5m`, `12h` or `7d` of at least `minimum` seconds.
    public func duration(_ key: SettingKey, minimum: Int = 0, expected: String) throws(ConfigurationError) -> Duration?
    {
        try parse(key, expected: expected) { text in
            Self.seconds(in: text).flatMap { $0 >= minimum ? Duration.seconds($0) : nil }
        }
    }

    /// The folder relative paths of `layer` are taken from: the config file's folder for the
    /// file, else the working folder.
    public func base(of layer: SettingsLayer) -> URL {
        if case .file(let file) = layer.origin { return URL(fileURLWithPath: file).deletingLastPathComponent() }
        return workingDirectory
    }

    /// A path setting made absolute (from its layer's base), or `fallback` from the working
    /// folder; with the name of the setting that gave it.
    public func path(_ key: SettingKey, default fallback: String) -> (url: URL, setting: String) {
        guard let (text, layer) = value(key) else { return (Self.absolute(fallback, from: workingDirectory), key.flag) }
        return (Self.absolute(text, from: base(of: layer)), layer.name(of: key))
    }

    /// The position of `layer` in the order of precedence (0 is the highest).
    public func rank(of layer: SettingsLayer) -> Int {
        layers.firstIndex(of: layer) ?? layers.count
    }

    /// Seconds in a duration such as `90`, `90s`, `5m`, `1h` or `7d` (at most ten years).
    public static func seconds(in text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        if let unit = trimmed.last, let factor = units[unit], let count = Int(trimmed.dropLast()), count >= 0 {
            let (seconds, overflow) = count.multipliedReportingOverflow(by: factor)
            return overflow || seconds > 10 * 365 * 86_400 ? nil : seconds
        }
        return Int(trimmed).flatMap { $0 >= 0 && $0 <= 10 * 365 * 86_400 ? $0 : nil }
    }

    /// `path` made absolute from `base`, with `~` expanded.
    static func absolute(_ path: String, from base: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        let url = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded) : base.appendingPathComponent(expanded)
        return url.standardizedFileURL
    }
}
