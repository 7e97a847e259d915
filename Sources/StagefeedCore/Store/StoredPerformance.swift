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
        json.key("id")
        json.string(performance.id)
        json.key("stageID")
        json.string(performance.stageID)
        if let artist = performance.artistID {
            json.key("artistID")
            json.string(artist)
        }
        if let activity = performance.activity {
            json.key("activity")
            json.beginObject()
            json.key("id")
            json.string(activity.id)
            json.key("name")
            json.string(activity.name)
            optional("description", activity.description, into: &json)
            optional("image_url", activity.imageURL, into: &json)
            json.endObject()
        }
        json.key("displayName")
        json.string(performance.displayName)
        optional("description", performance.description, into: &json)
        date("start", performance.start, into: &json)
        date("end", performance.end, into: &json)
        if let updated = performance.updatedAt { date("updatedAt", updated, into: &json) }
        json.key("day")
        json.string(performance.day.description)
        if let lineup = performance.lineup {
            json.key("lineup")
            json.beginArray()
            for id in lineup { json.string(id) }
            json.endArray()
        }
        if let details = performance.details {
            json.key("details")
            json.beginObject()
            json.key("genres")
            json.beginArray()
            for genre in details.genres { json.string(genre) }
            json.endArray()
            if let age = details.minimumAge {
                json.key("minimumAge")
                json.number(age)
            }
            optional("dressCode", details.dressCode, into: &json)
            optional("ticketURL", details.ticketURL, into: &json)
            optional("flyerURL", details.flyerURL, into: &json)
            json.endObject()
        }
        json.endObject()
        return Data(json.take())
    }

    private static func optional(_ key: String, _ value: String?, into json: inout JSONWriter) {
        guard let value else { return }
        json.key(key)
        json.string(value)
    }

    /// A date as JSONEncoder writes it by default: seconds since 2001-01-01, in the shortest
    /// digits that read back as the same number.
    private static func date(_ key: String, _ date: Date, into json: inout JSONWriter) {
        json.key(key)
        json.raw(Array(date.timeIntervalSinceReferenceDate.description.utf8))
    }
}
