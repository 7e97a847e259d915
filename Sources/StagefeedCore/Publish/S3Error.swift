import Foundation

/// A request to the S3 service that failed, with what the service said (`code` from its
/// XML error document) and enough context to tell the user what to check. It never holds
/// the secret or the session token.
public struct S3Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was asked: `PUT days/…/index.html`, `LIST`, `DELETE …`.
    public var operation: String
    /// The HTTP status, or nil when no answer came.
    public var status: Int?
    /// S3's error code (`SignatureDoesNotMatch`, `NoSuchBucket`, `SlowDown`…), or the transport failure.
    public var code: String
    public var message: String
    /// The bucket's region when S3 names it (a wrong `--region`).
    public var region: String?
    public var bucket: String
    public var endpoint: String
    public var accessKeyID: String
    public var credentialsOrigin: String

    /// Worth another try: the service was busy or briefly failing, or the answer was lost.
    public var isRetryable: Bool {
        if status == nil { return true }
        if isRefusal { return false }
        if ["SlowDown", "RequestTimeout", "InternalError", "ServiceUnavailable", "Throttling"].contains(code) {
            return true
        }
        return status == 429 || (status ?? 0) >= 500
    }

    /// The failure applies to every request of the run (the key, the bucket, the region,
    /// the clock, a service that cannot be reached even after retries), so the run stops
    /// instead of failing each object the same way.
    public var isFatal: Bool { isRefusal || status == nil }

    /// The service refused the credentials, the bucket, the region or the clock: any 401 or
    /// 403 (a CDN or firewall may answer without S3's XML), a redirect, or an error code
    /// that names one of them.
    private var isRefusal: Bool {
        [
            "SignatureDoesNotMatch", "InvalidAccessKeyId", "NoSuchBucket", "AccessDenied",
            "AuthorizationHeaderMalformed",
            "PermanentRedirect", "TemporaryRedirect", "RequestTimeTooSkewed", "ExpiredToken", "InvalidToken",
            "InvalidBucketName",
            "AllAccessDisabled", "AccountProblem",
        ].contains(code)
            || [301, 302, 307, 308, 401, 403].contains(status ?? 0)
    }

    public var description: String {
        let at = "bucket \(bucket) at \(endpoint)"
        switch code {
        case "SignatureDoesNotMatch":
            return "\(at) refused the signature made with access key \(accessKeyID) (SignatureDoesNotMatch): "
                + "the secret access key is not that key's; check the secret in \(credentialsOrigin)"
        case "InvalidAccessKeyId":
            return
                "\(endpoint) does not know access key \(accessKeyID) (InvalidAccessKeyId): check \(credentialsOrigin) and --endpoint"
        case "NoSuchBucket":
            return "bucket \(bucket) does not exist at \(endpoint) (NoSuchBucket): check --to, --endpoint and --region"
        case "AccessDenied", "AllAccessDisabled", "AccountProblem":
            return "access key \(accessKeyID) may not \(operation) in \(at) (\(code)): it needs s3:ListBucket, "
                + "s3:PutObject and s3:DeleteObject on the bucket (see the README's IAM policy)"
        case "AuthorizationHeaderMalformed", "PermanentRedirect":
            let hint = region.map { "set --region \($0)" } ?? "set --region to the bucket's region"
            return "\(at) is not in the region signed for (\(code)): \(hint)"
        case "RequestTimeTooSkewed":
            return
                "\(endpoint) refused the request because this machine's clock is off by more than 15 minutes (RequestTimeTooSkewed): set the clock (NTP)"
        case "ExpiredToken", "InvalidToken":
            return
                "\(endpoint) refused the session token from \(credentialsOrigin) (\(code)): renew the temporary credentials"
        default:
            let answer = status.map { "answered \($0) \(code)" } ?? "could not be reached (\(code))"
            let detail = message.isEmpty ? "" : ": \(message)"
            return "\(operation) to \(at) failed: it \(answer)\(detail)"
        }
    }
}
