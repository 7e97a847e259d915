import Foundation

/// What one publish did (or, for a dry run, would do), for the summary line.
public struct PublishReport: Sendable {
    public var destination: S3Destination
    public var plan: PublishPlan
    public var dryRun: Bool
    /// Keys uploaded and deleted.
    public var uploaded: [String] = []
    public var deleted: [String] = []
    public var bytes = 0
    /// Keys that failed after retries, with why.
    public var failures: [(key: String, reason: String)] = []
    /// The failure that stopped the run (the key, the bucket, the region, an unreachable service).
    public var refusal: S3Error?
    public var duration: TimeInterval = 0

    /// `s3://fest/site · 12 uploaded, 3 deleted, 124 unchanged · 1.2 MB · 0.84 s`.
    public var summary: String {
        let seconds = String(format: "%.2f", duration)
        if dryRun {
            return "\(destination) · dry run: would upload \(plan.uploads.count), delete \(plan.deletions.count), "
                + "\(plan.unchanged) unchanged · \(Self.size(plan.uploads.reduce(0) { $0 + $1.object.size })) · \(seconds) s"
        }
        let failed = failures.isEmpty ? "" : ", \(failures.count) failed"
        return
            "\(destination) · \(uploaded.count) uploaded, \(deleted.count) deleted, \(plan.unchanged) unchanged\(failed) · "
            + "\(Self.size(bytes)) · \(seconds) s"
    }

    /// The error a run with failures ends with; nil when everything went through.
    public var error: PublishError? {
        if let refusal { return .refused(refusal) }
        guard let first = failures.first else { return nil }
        return .incomplete(failed: failures.map(\.key), firstReason: first.reason)
    }

    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1024 * 1024 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
