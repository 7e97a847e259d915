import Foundation

/// Where and how `stagefeed publish` uploads (the `publish:` settings). Credentials are
/// not settings: they come from the AWS environment (`AWSCredentials`).
public struct PublishSettings: Sendable, Equatable {
    public var destination: S3Destination
    /// The S3-compatible service; nil: Amazon S3 in `region`.
    public var endpoint: URL?
    /// The region requests are signed for; nil: `AWS_REGION`, `AWS_DEFAULT_REGION`, else `us-east-1`.
    public var region: String?
    public var pathStyle: Bool
    /// Delete objects stagefeed published before and no longer produces.
    public var deletes: Bool
    public var cachePolicy: CachePolicy

    public init(
        destination: S3Destination, endpoint: URL? = nil, region: String? = nil, pathStyle: Bool = false,
        deletes: Bool = true, cachePolicy: CachePolicy = CachePolicy()
    ) {
        self.destination = destination
        self.endpoint = endpoint
        self.region = region
        self.pathStyle = pathStyle
        self.deletes = deletes
        self.cachePolicy = cachePolicy
    }

    /// The region to sign for, with the AWS environment's defaults.
    public func signingRegion(environment: [String: String]) -> String {
        region ?? [environment["AWS_REGION"], environment["AWS_DEFAULT_REGION"]].compactMap { $0 }.first { !$0.isEmpty }
            ?? "us-east-1"
    }

    /// The service's address and addressing for a run.
    public func endpoint(environment: [String: String]) -> S3Endpoint {
        let region = signingRegion(environment: environment)
        return S3Endpoint(base: endpoint ?? S3Endpoint.amazon(region: region), region: region, pathStyle: pathStyle)
    }
}

/// The `Cache-Control` of published objects: short for everything that changes under its
/// name (pages, feeds, calendars, signage), long and immutable for assets whose name
/// carries a hash of their content.
public struct CachePolicy: Sendable, Equatable {
    public var short: String
    public var hashed: String

    public init(short: String = "public, max-age=60", hashed: String = "public, max-age=31536000, immutable") {
        self.short = short
        self.hashed = hashed
    }

    /// The header for an output path.
    public func cacheControl(for path: String) -> String {
        ContentType.isContentHashed(path) ? hashed : short
    }
}
