import Foundation

/// Where `stagefeed publish` puts the output: a bucket and an optional key prefix, written
/// `s3://BUCKET[/PREFIX]`.
public struct S3Destination: Sendable, Equatable, CustomStringConvertible {
    public var bucket: String
    /// The prefix every key starts with: empty, or ending in `/` (`festival/2027/`).
    public var prefix: String

    /// Parses `s3://bucket` or `s3://bucket/some/prefix`; nil when it is not one.
    public init?(parsing text: String) {
        guard text.lowercased().hasPrefix("s3://") else { return nil }
        let rest = text.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        guard Self.isValidBucketName(bucket) else { return nil }
        let path = rest.dropFirst(bucket.count).split(separator: "/").map(String.init)
        guard path.allSatisfy({ $0 != "." && $0 != ".." && !$0.contains(where: \.isNewline) }) else { return nil }
        self.bucket = bucket
        self.prefix = path.isEmpty ? "" : path.joined(separator: "/") + "/"
    }

    /// S3's bucket naming rules: 3 to 63 lowercase letters, digits, dots and hyphens,
    /// starting and ending with a letter or digit.
    static func isValidBucketName(_ name: String) -> Bool {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789.-")
        guard (3...63).contains(name.count), name.allSatisfy(allowed.contains),
            let first = name.first, let last = name.last,
            first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return false }
        return !name.contains("..")
    }

    /// The object key of an output file (`days/2027-07-24/index.html`).
    public func key(for path: String) -> String { prefix + path }

    public var description: String { "s3://\(bucket)" + (prefix.isEmpty ? "" : "/" + prefix.dropLast()) }
}
