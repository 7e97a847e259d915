import Foundation
import Synchronization

/// Decodes Stagecraft v1 response bodies (the `success` / `data` envelope) into a
/// `ProgramDraft`, tolerant in what it accepts and precise in what it rejects.
public enum StagecraftDecoder {
    /// The draft from the bodies of the four endpoints.
    public static func draft(bodies: [StagecraftEndpoint: Data]) throws(SourceError) -> ProgramDraft {
        func payload(_ endpoint: StagecraftEndpoint) throws(SourceError) -> JSONValue {
            try unwrap(bodies[endpoint] ?? Data(), endpoint: endpoint)
        }
        let event = try event(payload(.event))
        let stages = try items(payload(.stages), endpoint: .stages, decode: stage)
        // The two large bodies side by side, each parsed document gone once its items are read.
        let artistsBody = bodies[.artists] ?? Data(), programBody = bodies[.program] ?? Data()
        let results = Mutex<
            (artists: Result<[ArtistRecord], SourceError>?, program: Result<[PerformanceRecord], SourceError>?)
        >(
            (nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let made = Result { () throws(SourceError) in
                    try items(unwrap(artistsBody, endpoint: .artists), endpoint: .artists, decode: artist)
                }
                results.withLock { $0.artists = made }
            } else {
                let made = Result { () throws(SourceError) in
                    try items(unwrap(programBody, endpoint: .program), endpoint: .program, decode: performance)
                }
                results.withLock { $0.program = made }
            }
        }
        let (artists, performances) = results.withLock { ($0.artists, $0.program) }
        return ProgramDraft(
            event: event, stages: stages, artists: try artists?.get() ?? [], performances: try performances?.get() ?? []
        )
    }

    /// The `data` of an envelope, or the error the envelope describes.
    public static func unwrap(_ body: Data, endpoint: StagecraftEndpoint) throws(SourceError) -> JSONValue {
        guard let document = JSONValue.parse(body) else { throw .notJSON(endpoint: endpoint.label) }
        guard case .object(let envelope) = document else {
            throw .wrongShape(
                endpoint: endpoint.label, expected: "an object with success and data", found: document.typeName)
        }
        if case .bool(false)? = envelope["success"] {
            var message = "no error message"
            if case .string(let text)? = envelope["error"] { message = text }
            throw .unsuccessful(endpoint: endpoint.label, message: message)
        }
        switch envelope["data"] {
        case nil, .null?:
            if endpoint == .event { throw .noActiveEvent(endpoint: endpoint.label) }
            throw .wrongShape(endpoint: endpoint.label, expected: "an array", found: "no data")
        case let data?:
            return data
        }
    }

    private static func items<Item>(
        _ data: JSONValue, endpoint: StagecraftEndpoint,
        decode: (FieldReader) throws(SourceError) -> Item
    ) throws(SourceError) -> [Item] {
        guard case .array(let elements) = data else {
            throw .wrongShape(endpoint: endpoint.label, expected: "an array", found: data.typeName)
        }
        var result: [Item] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            var item = "item \(index)"
            if case .object(let object) = element, case .string(let id)? = object["id"] { item += " (id \(id))" }
            result.append(try decode(FieldReader(element, endpoint: endpoint.label, item: item)))
        }
        return result
    }

    private static func event(_ data: JSONValue) throws(SourceError) -> EventRecord {
        let fields = try FieldReader(data, endpoint: StagecraftEndpoint.event.label, item: "event")
        return EventRecord(
            id: try fields.string("id"), name: try fields.string("name"),
            slug: try fields.optionalString("slug"), description: try fields.optionalString("description"),
            startDate: try fields.localDate("start_date"), endDate: try fields.localDate("end_date"),
            timeZoneIdentifier: try fields.string("timezone"), updatedAt: try fields.optionalInstant("updated_at"))
    }

    private static func stage(_ fields: FieldReader) throws(SourceError) -> StageRecord {
        var capacity: Capacity?
        switch fields.value("capacity") {
        case nil: capacity = nil
        case .string(let text)? where Int(text) == nil: capacity = .unlimited
        default: capacity = try fields.optionalInt("capacity").map(Capacity.people)
        }
        return StageRecord(
            id: try fields.string("id"), name: try fields.string("name"),
            description: try fields.optionalString("description"),
            capacity: capacity, position: try fields.optionalInt("position"))
    }

    private static func artist(_ fields: FieldReader) throws(SourceError) -> ArtistRecord {
        ArtistRecord(
            id: try fields.string("id"), name: try fields.string("name"),
            bio: try fields.optionalString("bio"),
            imageURL: try fields.optionalString("hero_image_url"),
            links: try socialLinks(fields))
    }

    /// Social links as an array of `{platform, url}` or an object `{platform: url}`.
    private static func socialLinks(_ fields: FieldReader) throws(SourceError) -> [SocialLink] {
        switch fields.value("social_links") {
        case nil:
            return []
        case .array(let entries)?:
            var links: [SocialLink] = []
            for (index, entry) in entries.enumerated() {
                let link = try FieldReader(
                    entry, endpoint: fields.endpoint, item: "\(fields.item), social_links[\(index)]")
                links.append(
                    SocialLink(platform: try link.string("platform").lowercased(), url: try link.string("url")))
            }
            return links
        case .object(let object)?:
            return object.keys.sorted().compactMap { platform in
                guard case .string(let url)? = object[platform], !url.isEmpty else { return nil }
                return SocialLink(platform: platform.lowercased(), url: url)
            }
        case let other?:
            throw fields.invalid("social_links", expected: "an array or an object", found: other.typeName)
        }
    }

    private static func performance(_ fields: FieldReader) throws(SourceError) -> PerformanceRecord {
        var activity: Activity?
        if let nested = try fields.optionalObject("activity") {
            activity = Activity(
                id: try nested.string("id"), name: try nested.string("name"),
                description: try nested.optionalString("description"),
                imageURL: try nested.optionalString("hero_image_url"))
        }
        return PerformanceRecord(
            id: try fields.string("id"), stageID: try fields.string("stage_id"),
            artistID: try fields.optionalString("artist_id").flatMap { $0.isEmpty ? nil : $0 },
            activity: activity, title: try fields.optionalString("title"),
            description: try fields.optionalString("description"),
            start: try fields.instant("start_time"), end: try fields.instant("end_time"),
            updatedAt: try fields.optionalInstant("updated_at"))
    }
}
