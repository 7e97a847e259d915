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
            stale_reason: reason, last_check: format.iso8601(context.lastChecked), last_change: format.iso8601(context.lastChanged),
            data_version: try ProgramFeedRenderer.dataVersion(of: program), generated_at: format.iso8601(context.now),
            performances: program.performances.count, generator: "stagefeed \(StagefeedVersion.current)")
        return [OutputFile(path: "feeds/status.json", contents: try FeedEncoding.encode(status))]
    }

    struct Status: Encodable {
        let schema_version = ProgramFeedRenderer.schemaVersion
        let source, state: String
        let stale: Bool
        let stale_reason: String?
        let last_check, last_change, data_version, generated_at: String
        let performances: Int
        let generator: String

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(schema_version, forKey: .schema_version)
            try container.encode(source, forKey: .source)
            try container.encode(state, forKey: .state)
            try container.encode(stale, forKey: .stale)
            try container.encode(stale_reason, forKey: .stale_reason)
            try container.encode(last_check, forKey: .last_check)
            try container.encode(last_change, forKey: .last_change)
            try container.encode(data_version, forKey: .data_version)
            try container.encode(generated_at, forKey: .generated_at)
            try container.encode(performances, forKey: .performances)
            try container.encode(generator, forKey: .generator)
        }

        enum CodingKeys: String, CodingKey {
            case schema_version, source, state, stale, stale_reason, last_check, last_change, data_version, generated_at, performances, generator
        }
    }
}
