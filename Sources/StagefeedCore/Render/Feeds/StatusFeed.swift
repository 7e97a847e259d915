import Foundation

/// `feeds/status.json`: the health of the export for screens and monitoring: when the
/// source was last checked, when the data last changed, its version, and whether it is
/// fresh, cached or stale. `generated_at` is when the export was last written: a build that
/// finds nothing changed (and the source in the same state) leaves the file as it is.
/// The build writes it with the data version the program feed gave (see `BuildPipeline`),
/// and keeps its fields with the build record.
public enum StatusFeed {
    public static let path = OutputPaths.status

    /// The status of a build of `program` with `dataVersion` (`program.json`'s version).
    static func status(for program: Program, context: BuildContext, dataVersion: String) -> Status {
        let status = Status(
            source: context.sourceName, state: "", stale: false, stale_reason: nil, last_check: "",
            last_change: EventTimeFormat(timeZone: program.event.timeZone).iso8601(context.lastChanged),
            data_version: dataVersion, generated_at: "",
            performances: program.performances.count, generator: "stagefeed \(StagefeedVersion.current)",
            time_zone: program.event.timeZone.identifier)
        return status.with(context.freshness, lastChecked: context.lastChecked, at: context.now)
    }

    /// The feed's fields; kept with the build record so a build that skips rendering can
    /// still bring the source's state up to date.
    public struct Status: Codable, Sendable, Equatable {
        var schema_version = FeedsRenderer.schemaVersion
        var source, state: String
        var stale: Bool
        var stale_reason: String?
        var last_check, last_change, data_version, generated_at: String
        var performances: Int
        var generator: String
        /// The event's timezone, in which the times are written (not part of the feed).
        var time_zone: String?

        /// This status with the source's state and the generation time changed.
        func with(_ freshness: Freshness, lastChecked: Date, at now: Date) -> Status {
            let format = EventTimeFormat(timeZone: time_zone.flatMap(TimeZone.init(identifier:)) ?? .gmt)
            var status = self
            status.state = freshness.description
            status.stale = freshness.isStale
            if case .stale(let reason, _) = freshness {
                status.stale_reason = reason
            } else {
                status.stale_reason = nil
            }
            status.last_check = format.iso8601(lastChecked)
            status.generated_at = format.iso8601(now)
            return status
        }

        /// Whether the source's state differs from `other`'s (the generation time aside).
        func reportsOtherState(than other: Status) -> Bool {
            var other = other
            other.generated_at = generated_at
            return other != self
        }

        /// `feeds/status.json` with these fields.
        func file() throws -> OutputFile {
            OutputFile(path: StatusFeed.path, contents: try FeedEncoding.encode(Feed(self)))
        }
    }

    /// The published fields of a status, without the timezone.
    private struct Feed: Encodable {
        let status: Status
        init(_ status: Status) { self.status = status }

        enum Keys: String, CodingKey {
            case schema_version, source, state, stale, stale_reason, last_check, last_change, data_version,
                generated_at, performances, generator
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(status.schema_version, forKey: .schema_version)
            try container.encode(status.source, forKey: .source)
            try container.encode(status.state, forKey: .state)
            try container.encode(status.stale, forKey: .stale)
            try container.encode(Nullable(status.stale_reason), forKey: .stale_reason)
            try container.encode(status.last_check, forKey: .last_check)
            try container.encode(status.last_change, forKey: .last_change)
            try container.encode(status.data_version, forKey: .data_version)
            try container.encode(status.generated_at, forKey: .generated_at)
            try container.encode(status.performances, forKey: .performances)
            try container.encode(status.generator, forKey: .generator)
        }
    }
}
