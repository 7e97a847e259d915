import Foundation

/// The JSON shapes shared by `feeds/program.json` and the light stage and day feeds
/// (`schemas/program.schema.json`), written by `JSONWriter` with keys in JSONEncoder's
/// sorted order; absent values are written as null where the schema says so.
enum FeedJSON {
    static func event(_ event: Event, into json: inout JSONWriter) {
        json.beginObject()
        json.key("description")
        json.string(event.description)
        json.key("end_date")
        json.string(event.endDate.description)
        json.key("id")
        json.string(event.id)
        json.key("name")
        json.string(event.name)
        json.key("start_date")
        json.string(event.startDate.description)
        json.key("timezone")
        json.string(event.timeZone.identifier)
        json.endObject()
    }

    /// A festival day with its performances' ids (or the ones given: a stage's, in its feed).
    static func day(_ day: FestivalDay, clock: EventClock, performances: [String]? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.key("date")
        json.string(day.date.description)
        json.key("end")
        json.string(clock.iso8601(day.end))
        json.key("performances")
        json.beginArray()
        for id in performances ?? day.performanceIDs { json.string(id) }
        json.endArray()
        json.key("start")
        json.string(clock.iso8601(day.start))
        json.endObject()
    }

    static func stage(_ stage: Stage, into json: inout JSONWriter) {
        json.beginObject()
        json.key("capacity")
        switch stage.capacity {
        case .people(let count)?: json.number(count)
        case .unlimited?: json.string("unlimited")
        case nil: json.null()
        }
        json.key("description")
        json.string(stage.description)
        json.key("id")
        json.string(stage.id)
        json.key("listed")
        json.bool(stage.isListed)
        json.key("name")
        json.string(stage.name)
        json.key("slug")
        json.string(stage.slug)
        json.endObject()
    }

    /// A picture of the export: `{height, path, type, url, width}`, or null.
    static func image(_ image: LocalImage?, siteURL: URL?, into json: inout JSONWriter) {
        guard let image else { return json.null() }
        json.beginObject()
        json.key("height")
        json.number(image.height)
        json.key("path")
        json.string(image.path)
        json.key("type")
        json.string(image.format.mediaType)
        json.key("url")
        json.string(siteURL.map { PageAddress.file(image.path, siteURL: $0) })
        json.key("width")
        json.number(image.width)
        json.endObject()
    }

    static func artist(_ artist: Artist, image: LocalImage?, siteURL: URL?, into json: inout JSONWriter) {
        json.beginObject()
        json.key("bio")
        json.string(artist.bio)
        json.key("id")
        json.string(artist.id)
        json.key("image")
        Self.image(image, siteURL: siteURL, into: &json)
        json.key("image_url")
        json.string(artist.imageURL)
        json.key("links")
        json.beginArray()
        for link in artist.links {
            json.beginObject()
            json.key("platform")
            json.string(link.platform)
            json.key("url")
            json.string(link.url)
            json.endObject()
        }
        json.endArray()
        json.key("name")
        json.string(artist.name)
        json.key("slug")
        json.string(artist.slug)
        json.endObject()
    }

    /// A performance with its artist's name and slug, so light feeds need no artist list.
    static func performance(
        _ performance: Performance, artist: Artist?, facts: RenderResources.PerformanceFacts, siteURL: URL?,
        into json: inout JSONWriter
    ) {
        json.beginObject()
        json.key("activity")
        if let activity = performance.activity {
            json.beginObject()
            if let description = activity.description {
                json.key("description")
                json.string(description)
            }
            json.key("id")
            json.string(activity.id)
            if let image = activity.imageURL {
                json.key("image_url")
                json.string(image)
            }
            json.key("name")
            json.string(activity.name)
            json.endObject()
        } else {
            json.null()
        }
        json.key("artist_id")
        json.string(performance.artistID)
        json.key("artist_name")
        json.string(artist?.name)
        json.key("artist_slug")
        json.string(artist?.slug)
        json.key("day")
        json.string(performance.day.description)
        json.key("description")
        json.string(performance.description)
        if let details = performance.details {
            json.key("details")
            json.beginObject()
            if let dress = details.dressCode {
                json.key("dress_code")
                json.string(dress)
            }
            if let flyer = details.flyerURL {
                json.key("flyer_url")
                json.string(flyer)
            }
            json.key("genres")
            json.strings(details.genres)
            if let age = details.minimumAge {
                json.key("minimum_age")
                json.number(age)
            }
            if let ticket = details.ticketURL {
                json.key("ticket_url")
                json.string(ticket)
            }
            json.endObject()
        }
        json.key("duration_minutes")
        json.number(Int((performance.duration / 60).rounded()))
        json.key("end")
        json.string(facts.endISO)
        json.key("id")
        json.string(performance.id)
        json.key("image")
        image(facts.image, siteURL: siteURL, into: &json)
        if let lineup = performance.lineup {
            json.key("lineup")
            json.strings(lineup)
        }
        json.key("stage_id")
        json.string(performance.stageID)
        json.key("start")
        json.string(facts.startISO)
        json.key("title")
        json.string(performance.displayName)
        json.endObject()
    }

    /// Each performance's entry as it stands in a feed's `performances` array (made once per
    /// build for `program.json` and the stage and day feeds alike, or kept from the last build).
    static func performanceEntries(_ resources: RenderResources) -> [[UInt8]] {
        let program = resources.program
        return resources.kept.entries(
            "feed-performances", context: tableContext(resources), keys: resources.performances.map(\.digest)
        ) { position in
            let performance = program.performances[position]
            var json = JSONWriter(style: .feed, capacity: 1024, depth: 2)
            FeedJSON.performance(
                performance, artist: performance.artistID.flatMap { resources.artistsByID[$0] },
                facts: resources.performances[position], siteURL: resources.context.siteURL, into: &json)
            return json.bytes.sizedToFit()
        }
    }

    /// Each artist's entry as it stands in `program.json`'s `artists` array, in order, handed
    /// to `body` one at a time: taken from the last build's table, or made. The entries are
    /// kept as this build's table for the next.
    static func forEachArtistEntry(_ resources: RenderResources, _ body: ([UInt8]) throws -> Void) rethrows {
        let artists = resources.program.artists
        try resources.kept.forEachEntry(
            "feed-artists", context: tableContext(resources), keys: artists.map(resources.artistDigest(of:))
        ) { position in
            var json = JSONWriter(style: .feed, capacity: 1024, depth: 2)
            FeedJSON.artist(
                artists[position], image: resources.context.images.image(for: artists[position].imageURL),
                siteURL: resources.context.siteURL, into: &json)
            return json.bytes
        } each: {
            try body($0)
        }
    }

    /// What the kept entries of the feeds show besides their own digests.
    private static func tableContext(_ resources: RenderResources) -> UnitDigest {
        var context = DigestBuilder("feed entries")
        context.add(resources.entryContext)
        return context.finish()
    }
}
