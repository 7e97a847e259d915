/// The exit statuses scripts, cron and signage setups rely on (see DESIGN.md).
public enum ExitStatus: Int32, Sendable {
    /// Rendered fresh data, or nothing changed.
    case success = 0
    /// Failed; the output was left exactly as it was.
    case failure = 1
    /// A usage or configuration error; nothing was done.
    case usage = 2
    /// The source failed and the output was rendered from stored data.
    case stale = 3

    /// The status a build that threw `error` ends with.
    public static func of(_ error: any Error) -> ExitStatus {
        error is ConfigurationError || error is ThemeError ? .usage : .failure
    }

    /// The status a build that finished ends with.
    public static func of(_ report: BuildReport) -> ExitStatus {
        report.freshness.isStale ? .stale : .success
    }
}
