import Foundation

/// schema.org structured data (JSON-LD) for the sets a page lists, as Google's event
/// results and event sites read it: a `MusicEvent` per set (`Event` for an activity) with
/// its name, times with their offset, the stage as a `Place` inside the festival's venue
/// (with the town where the source gives one), the performers (`MusicGroup`, or `Person`
/// at an activity), the festival as `superEvent`, its status from the revision ledger
/// (`EventRescheduled` with `previousStartDate` for a set moved since it was first
/// published, `EventCancelled` for a cancelled set still kept), attendance in person, a
/// ticket `Offer` where the source links one, and — only when `site_url` gives the public
/// address — `url`, `image` and the performers' `url`. Written with `JSONWriter` in its
/// script style, so no text from the data can end the `<script>` element.
struct EventStructuredData: Sendable {
    let resources: RenderResources
    /// The page language's folder (`""`, `en/`): event and artist addresses stay in it.
    let folder: String
    /// What every set repeats, written once: the festival as `superEvent`, and each stage's
    /// `Place` by stage id.
    private let superEvent: [UInt8]
    private let places: [String: [UInt8]]

    private var siteURL: URL? { resources.context.siteURL }

    init(resources: RenderResources, folder: String) {
        let bare = EventStructuredData(resources: resources, folder: folder, superEvent: [], places: [:])
        var json = JSONWriter(style: .script, capacity: 512)
        bare.writeFestival(complete: false, into: &json)
        let superEvent = json.take()
        var places: [String: [UInt8]] = [:]
        for stage in resources.program.stages where places[stage.id] == nil {
            bare.writeStage(stage, id: stage.id, into: &json)
            places[stage.id] = json.take()
        }
        self.init(resources: resources, folder: folder, superEvent: superEvent, places: places)
    }

    private init(resources: RenderResources, folder: String, superEvent: [UInt8], places: [String: [UInt8]]) {
        self.resources = resources
        self.folder = folder
        self.superEvent = superEvent
        self.places = places
    }

    /// The JSON-LD of the festival and of the sets at `positions` with the `cancelled` ones
    /// among them, in UTF-8; nil when there is nothing to describe.
    func json(festival: Bool, positions: [Int32], cancelled: [PerformanceRevision]) -> [UInt8]? {
        guard festival || !positions.isEmpty || !cancelled.isEmpty else { return nil }
        var json = JSONWriter(style: .script, capacity: 1024 + positions.count * 900)
        json.beginObject()
        json.key("@context")
        json.string("https://schema.org")
        json.key("@graph")
        json.beginArray()
        if festival { writeFestival(complete: true, into: &json) }
        let program = resources.program
        // The sets and the cancelled ones by their start: the current by position, each
        // cancelled one by its place in `cancelled`.
        enum Listed {
            case current(Int)
            case cancelled(Int)
        }
        var sets: [(start: Date, id: String, listed: Listed)] = []
        sets.reserveCapacity(positions.count + cancelled.count)
        for position in positions {
            let performance = program.performances[Int(position)]
            sets.append((performance.start, performance.id, .current(Int(position))))
        }
        for (place, revision) in cancelled.enumerated() {
            sets.append((revision.lastSeen.start, revision.lastSeen.id, .cancelled(place)))
        }
        sets.sort { ($0.start, $0.id) < ($1.start, $1.id) }
        for set in sets {
            switch set.listed {
            case .current(let position):
                let facts = resources.performances[position]
                writeSet(
                    program.performances[position], start: facts.startISO, end: facts.endISO, image: facts.image,
                    previousStarts: facts.previousStarts, cancelled: false, into: &json)
            case .cancelled(let place):
                let performance = cancelled[place].lastSeen
                let image = resources.context.images.image(
                    for: program.imageURL(of: performance, artists: resources.artistsByID))
                writeSet(
                    performance, start: resources.clock.iso8601(performance.start),
                    end: resources.clock.iso8601(performance.end), image: image, previousStarts: [], cancelled: true,
                    into: &json)
            }
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// A set, its times (`start`, `end`) given in ISO 8601 with their offset.
    private func writeSet(
        _ performance: Performance, start: String, end: String, image: LocalImage?, previousStarts: [Date],
        cancelled: Bool, into json: inout JSONWriter
    ) {
        let clock = resources.clock
        json.beginObject()
        json.key("@type")
        json.string(performance.activity == nil ? "MusicEvent" : "Event")
        json.key("name")
        json.string(performance.displayName)
        if let description = performance.description ?? performance.activity?.description {
            json.key("description")
            json.string(description)
        }
        json.key("startDate")
        json.string(start)
        json.key("endDate")
        json.string(end)
        json.key("eventStatus")
        if cancelled {
            json.string("https://schema.org/EventCancelled")
        } else if previousStarts.isEmpty {
            json.string("https://schema.org/EventScheduled")
        } else {
            json.string("https://schema.org/EventRescheduled")
            json.key("previousStartDate")
            if previousStarts.count == 1 {
                json.string(clock.iso8601(previousStarts[0]))
            } else {
                json.beginArray()
                for start in previousStarts { json.string(clock.iso8601(start)) }
                json.endArray()
            }
        }
        json.key("eventAttendanceMode")
        json.string("https://schema.org/OfflineEventAttendanceMode")
        json.key("location")
        if let place = places[performance.stageID] {
            json.raw(place)
        } else {
            writeStage(resources.stagesByID[performance.stageID], id: performance.stageID, into: &json)
        }
        let performers = performance.artistIDs.compactMap { resources.artistsByID[$0] }
        if !performers.isEmpty {
            json.key("performer")
            json.beginArray()
            for artist in performers {
                json.beginObject()
                json.key("@type")
                json.string(performance.activity == nil ? "MusicGroup" : "Person")
                json.key("name")
                json.string(artist.name)
                if let siteURL {
                    json.key("url")
                    json.string(PageAddress.page(folder + OutputPaths.artist(artist.slug), siteURL: siteURL))
                }
                json.endObject()
            }
            json.endArray()
        }
        json.key("superEvent")
        json.raw(superEvent)
        if let ticket = performance.details?.ticketURL {
            json.key("offers")
            json.beginObject()
            json.key("@type")
            json.string("Offer")
            json.key("url")
            json.string(ticket)
            json.endObject()
        }
        if let siteURL {
            let page =
                performance.artistID.flatMap { resources.artistsByID[$0] }.map { OutputPaths.artist($0.slug) }
                ?? OutputPaths.day(performance.day)
            json.key("url")
            json.string(PageAddress.page(folder + page, siteURL: siteURL))
            if let image {
                json.key("image")
                json.string(PageAddress.file(image.path, siteURL: siteURL))
            }
        }
        json.endObject()
    }

    /// The stage as a `Place` inside the venue.
    private func writeStage(_ stage: Stage?, id: String, into json: inout JSONWriter) {
        json.beginObject()
        json.key("@type")
        json.string("Place")
        json.key("name")
        json.string(stage?.name ?? id)
        if let locality = stage?.locality {
            json.key("address")
            json.beginObject()
            json.key("@type")
            json.string("PostalAddress")
            json.key("addressLocality")
            json.string(locality)
            json.endObject()
        }
        json.key("containedInPlace")
        writeVenue(into: &json)
        json.endObject()
    }

    /// The festival's venue: a `Place` by the event's name (the sources give no other).
    private func writeVenue(into json: inout JSONWriter) {
        json.beginObject()
        json.key("@type")
        json.string("Place")
        json.key("name")
        json.string(resources.program.event.name)
        json.endObject()
    }

    /// The festival: in full for the index (`complete`), or as a set's `superEvent`, with
    /// enough to name it, its dates and its place.
    private func writeFestival(complete: Bool, into json: inout JSONWriter) {
        let event = resources.program.event
        json.beginObject()
        json.key("@type")
        json.string("Festival")
        json.key("name")
        json.string(event.name)
        if complete, let description = event.description {
            json.key("description")
            json.string(description)
        }
        json.key("startDate")
        json.string(event.startDate.description)
        json.key("endDate")
        json.string(event.endDate.description)
        if complete {
            json.key("eventStatus")
            json.string("https://schema.org/EventScheduled")
            json.key("eventAttendanceMode")
            json.string("https://schema.org/OfflineEventAttendanceMode")
        }
        json.key("location")
        writeVenue(into: &json)
        if let siteURL {
            json.key("url")
            json.string(PageAddress.page(folder + OutputPaths.index, siteURL: siteURL))
        }
        json.endObject()
    }
}
