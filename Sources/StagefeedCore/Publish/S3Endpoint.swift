import Foundation

/// How requests reach a bucket: the service's address, its region, and path-style
/// (`https://host/bucket/key`) or virtual-hosted (`https://bucket.host/key`) addressing.
public struct S3Endpoint: Sendable, Equatable {
    /// `scheme://host[:port]` of the service.
    public var base: URL
    public var region: String
    /// Path-style addressing asked for; it is also used whenever the bucket cannot be a
    /// host name here (an IP address or `localhost` endpoint, or a dotted bucket over https).
    public var pathStyle: Bool

    public init(base: URL, region: String, pathStyle: Bool) {
        self.base = base
        self.region = region
        self.pathStyle = pathStyle
    }

    /// Amazon S3's own endpoint for a region.
    public static func amazon(region: String) -> URL {
        URL(string: "https://s3.\(region).amazonaws.com")!
    }

    /// One request's address: the URL to send (percent-encoded), the `Host` header, and
    /// the unencoded path the signature covers.
    struct Address: Sendable {
        var url: String
        var host: String
        var path: String
    }

    /// The address of `key` in `bucket` (the bucket itself for an empty key), with the
    /// query parameters given.
    func address(bucket: String, key: String, query: [(String, String)] = []) -> Address {
        let scheme = base.scheme?.lowercased() ?? "https"
        let bareHost = base.host ?? ""
        let serviceHost = bareHost.contains(":") && !bareHost.hasPrefix("[") ? "[\(bareHost)]" : bareHost
        let port = base.port.map { ":\($0)" } ?? ""
        let usesPath = usesPathStyle(for: bucket)
        let host = (usesPath ? serviceHost : "\(bucket).\(serviceHost)") + port
        let path = usesPath ? "/\(bucket)/\(key)" : "/\(key)"
        let encodedPath = path.split(separator: "/", omittingEmptySubsequences: false)
            .map { SignatureV4.encode(String($0)) }.joined(separator: "/")
        let encodedQuery = query.map { "\(SignatureV4.encode($0.0))=\(SignatureV4.encode($0.1))" }.joined(
            separator: "&")
        let url = "\(scheme)://\(host)\(encodedPath)" + (encodedQuery.isEmpty ? "" : "?" + encodedQuery)
        return Address(url: url, host: host, path: path)
    }

    func usesPathStyle(for bucket: String) -> Bool {
        guard !pathStyle, let host = base.host else { return true }
        let isAddress =
            host == "localhost" || host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
        let dottedOverTLS = bucket.contains(".") && base.scheme?.lowercased() == "https"
        return isAddress || dottedOverTLS
    }
}
