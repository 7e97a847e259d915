import Foundation

/// A performance as the store keeps it (`revision_state.last_seen`): the JSON of its
/// `Codable` form, which `JSONDecoder` reads back, written by `JSONWriter` in one pass.
/// JSONEncoder took 7 µs a performance, most of a first build's revisions phase at 20,000.
enum StoredPerformance {
    /// The JSON of `performance`: its `Codable` keys, dates as seconds since 2001 (the
    /// encoder's default), optional values left out when absent; nil for a date JSON cannot
    /// hold (not finite), as the encoder would fail.
    static func json(_ performance: Performance) -> Data? {
        let dates = [performance.start, performance.end] + (performance.updatedAt.map { [$0] } ?? [])
        guard dates.allSatisfy({ $0.timeIntervalSinceReferenceDate.isFinite }) else { return nil }
        var json = JSONWriter(style: .script, capacity: 512)
        json.beginObject()
        member("id", performance.id, into: &json)
        member("stageID", performance.stageID, into: &json)
        member("artistID", performance.artistID, into: &json)
        if let activity = performance.activity {
            json.key("activity")
            json.beginObject()
            member("id", activity.id, into: &json)
            member("name", activity.name, into: &json)
            member("description", activity.description, into: &json)
            member("image_url", activity.imageURL, into: &json)
            json.endObject()
        }
        member("displayName", performance.displayName, into: &json)
        member("description", performance.description, into: &json)
        // Dates as JSONEncoder writes them by default: seconds since 2001-01-01, in the
        // shortest digits that read back as the same number.
        for (key, date) in [
            ("start", performance.start), ("end", performance.end), ("updatedAt", performance.updatedAt),
        ] {
            guard let date else { continue }
            json.key(key)
            json.raw(Array(date.timeIntervalSinceReferenceDate.description.utf8))
        }
        member("day", performance.day.description, into: &json)
        if let lineup = performance.lineup {
            json.key("lineup")
            json.strings(lineup)
        }
        if let details = performance.details {
            json.key("details")
            json.beginObject()
            json.key("genres")
            json.strings(details.genres)
            if let age = details.minimumAge {
                json.key("minimumAge")
                json.number(age)
            }
            member("dressCode", details.dressCode, into: &json)
            member("ticketURL", details.ticketURL, into: &json)
            member("flyerURL", details.flyerURL, into: &json)
            json.endObject()
        }
        json.endObject()
        return Data(json.take())
    }

    /// A text member, left out when absent.
    private static func member(_ key: String, _ value: String?, into json: inout JSONWriter) {
        guard let value else { return }
        json.key(key)
        json.string(value)
    }
}
