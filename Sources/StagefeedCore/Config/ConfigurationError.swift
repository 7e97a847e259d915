/// A setting that stops stagefeed before it does anything (exit status 2): each message
/// names the file, flag or variable at fault and what to do.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    case configFileMissing(path: String)
    case configFileUnreadable(path: String, reason: String)
    case configFileMalformed(path: String, detail: String)
    case unknownSetting(path: String, key: String, line: Int?)
    case invalidValue(setting: String, value: String, expected: String)
    case missingSetting(setting: String, reason: String)
    case outputIsFile(setting: String, path: String)
    case apiKeyUnavailable(reason: String)

    public var description: String {
        switch self {
        case .configFileMissing(let path):
            return "the config file \(path) does not exist; check --config or STAGEFEED_CONFIG"
        case .configFileUnreadable(let path, let reason):
            return "could not read the config file \(path): \(reason)"
        case .configFileMalformed(let path, let detail):
            return "\(path) is not valid stagefeed YAML: \(detail)"
        case .unknownSetting(let path, let key, let line):
            let known = SettingKey.allCases.map(\.rawValue).sorted().joined(separator: ", ")
            return "\(path)\(line.map { " line \($0)" } ?? ""): unknown setting \"\(key)\"; known settings: \(known)"
        case .invalidValue(let setting, let value, let expected):
            return "\(setting): \"\(value)\" is not valid; expected \(expected)"
        case .missingSetting(let setting, let reason):
            return "\(setting) is required: \(reason)"
        case .outputIsFile(let setting, let path):
            return "\(setting): \(path) is a file, not a folder; point it at a folder (it is created if missing)"
        case .apiKeyUnavailable(let reason):
            return reason
        }
    }
}
