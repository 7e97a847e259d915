import Foundation
import Yams

/// Reads `stagefeed.yml`: a YAML mapping of setting names to plain values. Unknown keys
/// are errors with their line, so a typo never passes silently.
public enum ConfigFile {
    /// The file's settings as a layer; relative paths are taken from the file's folder.
    public static func load(path: String) throws(ConfigurationError) -> SettingsLayer {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .configFileUnreadable(path: path, reason: error.localizedDescription)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .configFileMalformed(path: path, detail: "\(error)")
        }
        guard let root else { return SettingsLayer(origin: .file(path: path)) }
        guard let mapping = root.mapping else {
            throw .configFileMalformed(path: path, detail: "the top level must be a mapping of settings (key: value)")
        }
        var layer = SettingsLayer(origin: .file(path: path))
        var entries: [(name: String, keyNode: Node, valueNode: Node)] = []
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? "\(keyNode)"
            // A section (`publish:`) holds its settings as a mapping of its own.
            if let section = valueNode.mapping, SettingKey.allCases.contains(where: { $0.section == name }) {
                for (innerKey, innerValue) in section {
                    entries.append((name + "." + (innerKey.string ?? "\(innerKey)"), innerKey, innerValue))
                }
            } else {
                entries.append((name, keyNode, valueNode))
            }
        }
        for (name, keyNode, valueNode) in entries {
            let line = keyNode.mark.map { $0.line }
            if valueNode.mapping == nil, SettingKey.allCases.contains(where: { $0.section == name }) {
                throw .configFileMalformed(
                    path: path,
                    detail:
                        "line \(line ?? 0): \(name) must be a mapping of its settings, e.g. \(name):\n  to: s3://bucket/prefix"
                )
            }
            guard let key = SettingKey(rawValue: name) else {
                throw .unknownSetting(path: path, key: name, line: line)
            }
            let value: String
            if key.acceptsList, let list = valueNode.sequence {
                // `locales: [es-ES, en]` is the same as `locales: es-ES, en`.
                let items = list.compactMap { $0.scalar?.string }
                guard items.count == list.count else {
                    throw .configFileMalformed(
                        path: path, detail: "line \(line ?? 0): \(name) must be a list of plain values")
                }
                value = items.joined(separator: ",")
            } else if let scalar = valueNode.scalar?.string {
                value = scalar
            } else {
                throw .configFileMalformed(
                    path: path, detail: "line \(line ?? 0): \(name) must be a single value, not a list or mapping")
            }
            layer.values[key] = value
            layer.lines[key] = line
        }
        return layer
    }
}
