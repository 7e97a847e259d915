import ArgumentParser
import StagefeedCore

/// Where and how to publish: the options of `publish`, also taken by `build --publish`
/// and `watch --publish`. Credentials are never options: they come from the AWS
/// environment or profile.
struct PublishOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Destination bucket and optional prefix.", valueName: "s3://bucket[/prefix]"))
    var to: String?

    @Option(
        help: ArgumentHelp("The S3-compatible service's address (default: Amazon S3 in --region).", valueName: "url"))
    var endpoint: String?

    @Option(
        help: ArgumentHelp(
            "Region to sign for (default: AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).", valueName: "region"))
    var region: String?

    @Flag(
        name: .customLong("path-style"),
        help: "Address the bucket in the path (https://host/bucket/key), as MinIO and many self-hosted services want.")
    var pathStyle = false

    @Flag(
        inversion: .prefixedNo,
        help: "Delete objects stagefeed published before and no longer produces (default: on; never others).")
    var delete: Bool?

    @Option(
        name: .customLong("cache-short"),
        help: ArgumentHelp(
            "Cache-Control of pages, feeds, calendars and signage (default: public, max-age=60).", valueName: "value"))
    var cacheShort: String?

    @Option(
        name: .customLong("cache-hashed"),
        help: ArgumentHelp(
            "Cache-Control of assets whose name carries a content hash (default: public, max-age=31536000, immutable).",
            valueName: "value"))
    var cacheHashed: String?

    /// These options laid over the common options' layer.
    func adding(to layer: SettingsLayer) -> SettingsLayer {
        var layer = layer
        layer.values[.publishTo] = to
        layer.values[.publishEndpoint] = endpoint
        layer.values[.publishRegion] = region
        if pathStyle { layer.values[.publishPathStyle] = "true" }
        if let delete { layer.values[.publishDelete] = delete ? "true" : "false" }
        layer.values[.publishShortCache] = cacheShort
        layer.values[.publishHashedCache] = cacheHashed
        return layer
    }
}
