import Foundation

/// An API key, read from `STAGEFEED_API_KEY` or a key file. Its description is redacted so
/// it cannot reach a log line or an error message by accident.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The key itself; only ever placed in a request header.
    public let value: String

    public init(_ value: String) {
        self.value = value
    }

    public var description: String { "[redacted API key]" }
    public var debugDescription: String { description }

    /// The key from the environment, else from the key file; an error says where to put it.
    public static func load(environment: [String: String], file: URL?) throws(ConfigurationError) -> APIKey {
        var text = environment["STAGEFEED_API_KEY"] ?? ""
        var origin = "STAGEFEED_API_KEY"
        if text.isEmpty, let file {
            origin = file.path
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw .apiKeyUnavailable(
                    reason: "could not read the API key file \(file.path): \(error.localizedDescription)")
            }
        }
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !key.isEmpty else {
            throw .apiKeyUnavailable(
                reason: "no API key: set STAGEFEED_API_KEY or point --api-key-file (api_key_file:) at a file holding it"
            )
        }
        guard key.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .apiKeyUnavailable(
                reason: "the API key in \(origin) holds spaces or characters an HTTP header cannot carry")
        }
        return APIKey(key)
    }
}
