import Foundation

extension PublishSettings {
    /// The `publish:` settings of `lookup`, each value checked; nil when no destination is set.
    static func parse(_ lookup: SettingsLookup) throws(ConfigurationError) -> PublishSettings? {
        let bucketRule = "3 to 63 lowercase letters, digits, dots and hyphens"
        guard
            let destination = try lookup.parse(
                .publishTo,
                expected: "s3://BUCKET or s3://BUCKET/PREFIX, the bucket named as S3 allows (\(bucketRule))",
                S3Destination.init(parsing:))
        else { return nil }
        var settings = PublishSettings(destination: destination)
        if let endpoint = try lookup.parse(
            .publishEndpoint,
            expected:
                "the service's https address such as https://ACCOUNT.r2.cloudflarestorage.com (plain http only to this machine)",
            { text in
                URL(string: text).flatMap { URLPolicy.isAllowed($0) && ($0.path.isEmpty || $0.path == "/") ? $0 : nil }
            })
        {
            settings.endpoint = endpoint
        }
        if let region = try lookup.parse(
            .publishRegion, expected: "a region name such as eu-central-1 or auto",
            { text in
                !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                    ? text : nil
            })
        {
            settings.region = region
        }
        settings.pathStyle = try lookup.flag(.publishPathStyle)
        if lookup.isSet(.publishDelete) { settings.deletes = try lookup.flag(.publishDelete) }
        let cacheControl = { (text: String) -> String? in
            text.trimmingCharacters(in: .whitespaces).isEmpty || text.contains(where: { $0.isNewline || !$0.isASCII })
                ? nil : text
        }
        let expected = "a Cache-Control value such as public, max-age=60"
        if let short = try lookup.parse(.publishShortCache, expected: expected, cacheControl) {
            settings.cachePolicy.short = short
        }
        if let hashed = try lookup.parse(.publishHashedCache, expected: expected, cacheControl) {
            settings.cachePolicy.hashed = hashed
        }
        return settings
    }
}
