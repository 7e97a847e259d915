/// Why `stagefeed publish` could not start or could not finish.
public enum PublishError: Error, Equatable, CustomStringConvertible {
    /// No usable credentials (exit status 2: nothing was sent).
    case credentials(String)
    /// The output folder holds nothing stagefeed built.
    case nothingBuilt(folder: String)
    /// A local file listed in the output's manifest could not be read.
    case unreadable(path: String, reason: String)
    /// The store's record of what was published could not be read or written.
    case store(StoreError)
    /// The service refused the whole run (key, bucket, region, clock).
    case refused(S3Error)
    /// Some objects could not be uploaded or deleted after retries; the next run retries them.
    case incomplete(failed: [String], firstReason: String)

    public var description: String {
        switch self {
        case .credentials(let reason):
            return reason
        case .nothingBuilt(let folder):
            return "\(folder) holds nothing stagefeed built; run stagefeed build first (or point --out at the output)"
        case .unreadable(let path, let reason):
            return "could not read \(path) to publish it: \(reason)"
        case .store(let error):
            return "\(error)"
        case .refused(let error):
            return "\(error)"
        case .incomplete(let failed, let first):
            let listed = failed.prefix(10).joined(separator: ", ") + (failed.count > 10 ? ", …" : "")
            return
                "\(failed.count) object(s) not published (\(listed)); the next publish retries them; first failure: \(first)"
        }
    }
}
