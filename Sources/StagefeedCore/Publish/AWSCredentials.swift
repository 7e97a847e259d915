import Foundation

/// The key pair (and, for temporary credentials, the session token) publishing signs
/// with, found the AWS way: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with
/// `AWS_SESSION_TOKEN`), else the `AWS_PROFILE` (or `default`) profile of the shared
/// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). Never from
/// a flag; neither the secret nor the token appears in its description.
public struct AWSCredentials: Sendable, CustomStringConvertible {
    public var keys: SignatureV4.Credentials
    public var sessionToken: String?
    /// Where they were found, for messages: "the environment (…)" or "profile default in ~/.aws/credentials".
    public var origin: String

    public init(keys: SignatureV4.Credentials, sessionToken: String?, origin: String) {
        self.keys = keys
        self.sessionToken = sessionToken
        self.origin = origin
    }

    public var description: String { "\(keys) from \(origin)" }

    /// The credentials the environment points at.
    public static func resolve(
        environment: [String: String], home: String = NSHomeDirectory()
    ) throws(PublishError) -> AWSCredentials {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let id = value("AWS_ACCESS_KEY_ID"), secret = value("AWS_SECRET_ACCESS_KEY")
        if id != nil || secret != nil {
            guard let id, let secret else {
                throw .credentials("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together")
            }
            return AWSCredentials(
                keys: .init(accessKeyID: id, secretAccessKey: secret),
                sessionToken: value("AWS_SESSION_TOKEN"),
                origin: "the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
        }
        let file =
            value("AWS_SHARED_CREDENTIALS_FILE").map { ($0 as NSString).expandingTildeInPath } ?? home
            + "/.aws/credentials"
        let profile = value("AWS_PROFILE") ?? "default"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw .credentials(
                "no credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put a [\(profile)] profile in \(file) (AWS_PROFILE chooses another)"
            )
        }
        let section = profiles(in: text)[profile] ?? [:]
        guard let fileID = section["aws_access_key_id"], let fileSecret = section["aws_secret_access_key"] else {
            throw .credentials("profile \(profile) in \(file) has no aws_access_key_id and aws_secret_access_key")
        }
        return AWSCredentials(
            keys: .init(accessKeyID: fileID, secretAccessKey: fileSecret),
            sessionToken: section["aws_session_token"], origin: "profile \(profile) in \(file)")
    }

    /// The sections of an INI-style credentials file: `[name]` then `key = value` lines.
    static func profiles(in text: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        var current: String?
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                current =
                    name.hasPrefix("profile ") ? String(name.dropFirst(8)).trimmingCharacters(in: .whitespaces) : name
                continue
            }
            guard let current, let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            result[current, default: [:]][key] = value
        }
        return result
    }
}
