import Foundation

/// `feeds/status.json`: the health of the export for screens and monitoring: when the
/// source was last checked, when the data last changed, its version, and whether it is
/// fresh, cached or stale. The only feed that changes on every run.
public struct StatusFeedRenderer: Renderer {
    public init() {}

    public func render(_ program: Program, context: BuildContext) throws -> [OutputFile] {
        let format = EventTimeFormat(timeZone: program.event.timeZone)
        var reason: String?
        if case .stale(let text, _) = context.freshness { reason = text }
        let status = Status(
            source: context.sourceName, state: context.freshness.description, stale: context.freshness.isStale,
            stale_reason: Nullable(reason), last_check: format.iso8601(context.lastChecked), last_change: format.iso8601(context.lastChanged),
            data_version: try ProgramFeedRenderer.dataVersion(of: program), generated_at: format.iso8601(context.now),
            performances: program.performances.count, generator: "stagefeed \(StagefeedVersion.current)")
        return [OutputFile(path: "feeds/status.json", contents: try FeedEncoding.encode(status))]
    }

    struct Status: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let source, state: String
        let stale: Bool
        let stale_reason: Nullable<String>
        let last_check, last_change, data_version, generated_at: String
        let performances: Int
        let generator: String
    }
}
