/// The settings one place gave (flags, environment or a config file), as text, with
/// where they came from so errors can name the exact setting at fault.
public struct SettingsLayer: Sendable, Equatable {
    /// Where a layer's values came from.
    public enum Origin: Sendable, Equatable {
        case flags
        case environment
        case file(path: String)
    }

    public var origin: Origin
    public var values: [SettingKey: String]
    /// For a file: the line each setting stands on.
    public var lines: [SettingKey: Int]

    public init(origin: Origin, values: [SettingKey: String] = [:], lines: [SettingKey: Int] = [:]) {
        self.origin = origin
        self.values = values
        self.lines = lines
    }

    /// The layer the environment gives: every `STAGEFEED_<SETTING>` variable that is set.
    public static func environment(_ variables: [String: String]) -> SettingsLayer {
        var values: [SettingKey: String] = [:]
        for key in SettingKey.allCases {
            if let value = variables[key.environmentVariable], !value.isEmpty { values[key] = value }
        }
        return SettingsLayer(origin: .environment, values: values)
    }

    /// How messages name a setting of this layer, e.g. `--out`, `STAGEFEED_OUT` or
    /// `out in stagefeed.yml (line 4)`.
    public func name(of key: SettingKey) -> String {
        switch origin {
        case .flags: return key.flag
        case .environment: return key.environmentVariable
        case .file(let path):
            let line = lines[key].map { " (line \($0))" } ?? ""
            return "\(key.rawValue) in \(path)\(line)"
        }
    }
}
