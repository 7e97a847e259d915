import Foundation

/// `schedule.xml` and `schedule.json` in the frab/c3voc schedule format, for conference
/// and festival schedule apps (EventFahrplan, Giggity, info-beamer, pyfahrplan…).
/// Valid against the c3voc XSD and JSON schema.
public struct FrabScheduleRenderer: Renderer {
    public init() {}

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        // The XML and the JSON are two units of one batch, so both cores make them side by
        // side (a build where one set moved makes little else); the first makes the
        // schedule's events, over every core, for both. They give the program feed's data
        // version, which that feed's unit makes from the feeds' set entries: costed below it,
        // the batch starts after the feeds' have let their entries go, so they are not made
        // for the schedule and held beside its events.
        let formats:
            [(path: String, write: @Sendable (FrabSchedule, KeptEntries, ([UInt8]) throws -> Void) throws -> Void)] = [
                (OutputPaths.scheduleXML, xml), (OutputPaths.scheduleJSON, json),
            ]
        var shown = DigestBuilder("frab schedule")
        shown.add(resources.programDigest)
        shown.add(resources.setsDigest)
        shown.add(resources.artistsDigest)
        let schedule = SharedValue<FrabSchedule>(users: formats.count)
        return formats.map { format in
            var digest = shown
            digest.add(format.path)
            return RenderUnit(
                key: format.path, digest: digest.finish(), cost: resources.program.performances.count * 1000,
                batch: "schedule"
            ) { sink in
                try schedule.use({ FrabSchedule(resources) }) { schedule in
                    try sink.emit(path: format.path) { append in
                        try format.write(schedule, resources.kept, append)
                    }
                }
            }
        }
    }

    /// The XML document, handed on in pieces of about a quarter megabyte.
    private func xml(_ schedule: FrabSchedule, kept: KeptEntries, to append: ([UInt8]) throws -> Void) throws {
        let table =
            !schedule.keptXML.lists(exactly: schedule.keys)
            ? kept.writer(FrabSchedule.xmlTable, context: schedule.xmlContext, last: schedule.keptXML) : nil
        var made = 0
        var xml = XMLText()
        xml.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n")
        xml.raw("  <generator name=\"stagefeed\" version=\"\(StagefeedVersion.current)\"/>\n")
        if let site = schedule.siteURL {
            xml.element("url", site.appendingPathComponent(OutputPaths.scheduleXML).absoluteString, indent: 1)
        }
        xml.element("version", schedule.version, indent: 1)
        xml.raw("  <conference>\n")
        xml.element("title", schedule.title, indent: 2)
        xml.element("acronym", schedule.acronym, indent: 2)
        xml.element("start", schedule.start.description, indent: 2)
        xml.element("end", schedule.end.description, indent: 2)
        xml.element("days", String(schedule.days.count), indent: 2)
        xml.element("timeslot_duration", "00:05", indent: 2)
        if let site = schedule.siteURL {
            xml.element("base_url", site.absoluteString, indent: 2)
            xml.element("url", site.absoluteString, indent: 2)
        }
        xml.element("time_zone_name", schedule.timeZone, indent: 2)
        xml.raw("    <track name=\"Performance\"/>\n    <track name=\"Activity\"/>\n")
        xml.raw("  </conference>\n")
        for day in schedule.days {
            xml.raw("  <day index=\"\(day.index)\" date=\"\(day.date)\" start=\"\(day.start)\" end=\"\(day.end)\">\n")
            for (room, performances) in schedule.rooms(on: day) {
                xml.raw("    <room name=\"")
                xml.escaped(room.name)
                xml.raw("\" guid=\"\(room.guid)\">\n")
                for position in performances {
                    let key = schedule.keys[Int(position)]
                    if let kept = schedule.keptXML[key] {
                        xml.raw(xml: kept)
                        table?.add(key: key, entry: kept)
                    } else {
                        var event = XMLText(capacity: 4096)
                        Self.xmlEvent(schedule.event(position), siteURL: schedule.siteURL, into: &event)
                        xml.raw(xml: event.bytes)
                        table?.add(key: key, entry: event.bytes)
                        made += 1
                    }
                    if xml.bytes.count >= 1 << 18 { try xml.handBytes(to: append) }
                }
                xml.raw("    </room>\n")
            }
            xml.raw("  </day>\n")
        }
        xml.raw("</schedule>\n")
        try xml.handBytes(to: append)
        if let table { kept.keep(table) }
        kept.count(reused: schedule.keys.count - made, made: made)
    }

    /// One event's element, as `schedule.xml` lists it in its room.
    private static func xmlEvent(_ event: FrabSchedule.Event, siteURL: URL?, into xml: inout XMLText) {
        xml.raw("      <event id=\"\(event.number)\" guid=\"\(event.guid)\">\n")
        xml.element("room", event.room, indent: 4)
        xml.element("title", event.title, indent: 4)
        xml.element("type", event.type, indent: 4)
        xml.element("date", event.date, indent: 4)
        xml.element("start", event.start, indent: 4)
        xml.element("duration", event.duration, indent: 4)
        xml.element("abstract", event.abstract, indent: 4)
        xml.element("slug", event.slug, indent: 4)
        xml.element("track", event.track, indent: 4)
        if !event.persons.isEmpty {
            xml.raw("        <persons>\n")
            for person in event.persons {
                xml.raw("          <person guid=\"\(person.guid)\">")
                xml.escaped(person.name)
                xml.raw("</person>\n")
            }
            xml.raw("        </persons>\n")
        }
        if let description = event.description { xml.element("description", description, indent: 4) }
        if let url = event.url, siteURL != nil { xml.element("url", url, indent: 4) }
        xml.raw("      </event>\n")
    }

    /// The c3voc `schedule.json`, written event by event in JSONEncoder's layout.
    private func json(_ frab: FrabSchedule, kept: KeptEntries, to append: ([UInt8]) throws -> Void) throws {
        let table =
            !frab.keptJSON.lists(exactly: frab.keys)
            ? kept.writer(FrabSchedule.jsonTable, context: frab.jsonContext, last: frab.keptJSON) : nil
        var made = 0
        var json = JSONWriter(style: .feed, capacity: 1 << 18)
        json.beginObject()
        json.key("$schema")
        json.string("https://c3voc.de/schedule/schema.json")
        json.key("generator")
        json.beginObject()
        json.key("name")
        json.string("stagefeed")
        json.key("version")
        json.string(StagefeedVersion.current)
        json.endObject()
        json.key("schedule")
        json.beginObject()
        if let site = frab.siteURL?.absoluteString {
            json.key("base_url")
            json.string(site)
        }
        json.key("conference")
        json.beginObject()
        json.key("acronym")
        json.string(frab.acronym)
        json.key("days")
        json.beginArray()
        for day in frab.days {
            json.beginObject()
            json.key("date")
            json.string(day.date.description)
            json.key("day_end")
            json.string(day.end)
            json.key("day_start")
            json.string(day.start)
            json.key("index")
            json.number(day.index)
            json.key("rooms")
            json.beginObject()
            // Stages sharing a name share a room.
            var rooms: [String: [Int32]] = [:]
            for (room, performances) in frab.rooms(on: day) { rooms[room.name, default: []] += performances }
            for name in rooms.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                json.key(name)
                json.beginArray()
                for position in rooms[name] ?? [] {
                    let key = frab.keys[Int(position)]
                    if let kept = frab.keptJSON[key] {
                        json.raw(kept)
                        table?.add(key: key, entry: kept)
                    } else {
                        // At the depth of an event in its room's array: schedule, conference,
                        // days, day, rooms, room.
                        var event = JSONWriter(style: .feed, capacity: 4096, depth: 7)
                        Self.event(frab.event(position), into: &event)
                        json.raw(event.bytes)
                        table?.add(key: key, entry: event.bytes)
                        made += 1
                    }
                    if json.bytes.count >= 1 << 18 { try json.handBytes(to: append) }
                }
                json.endArray()
            }
            json.endObject()
            json.endObject()
        }
        json.endArray()
        json.key("daysCount")
        json.number(frab.days.count)
        json.key("end")
        json.string(frab.end.description)
        json.key("rooms")
        json.beginArray()
        for room in frab.rooms {
            json.beginObject()
            json.key("capacity")
            if case .people(let count)? = room.stage.capacity { json.number(count) } else { json.null() }
            json.key("description")
            json.string(room.stage.description)
            json.key("guid")
            json.string(room.guid)
            json.key("name")
            json.string(room.name)
            json.key("slug")
            json.string(room.slug)
            json.key("type")
            json.string("stage")
            json.endObject()
        }
        json.endArray()
        json.key("start")
        json.string(frab.start.description)
        json.key("time_zone_name")
        json.string(frab.timeZone)
        json.key("timeslot_duration")
        json.string("00:05")
        json.key("title")
        json.string(frab.title)
        json.key("tracks")
        json.beginArray()
        for (name, slug) in [("Performance", "performance"), ("Activity", "activity")] {
            json.beginObject()
            json.key("name")
            json.string(name)
            json.key("slug")
            json.string(slug)
            json.endObject()
        }
        json.endArray()
        if let site = frab.siteURL?.absoluteString {
            json.key("url")
            json.string(site)
        }
        json.endObject()
        json.key("version")
        json.string(frab.version)
        json.endObject()
        json.endObject()
        json.finishFeed()
        try json.handBytes(to: append)
        if let table { kept.keep(table) }
        kept.count(reused: frab.keys.count - made, made: made)
    }

    private static func event(_ event: FrabSchedule.Event, into json: inout JSONWriter) {
        json.beginObject()
        json.key("abstract")
        json.string(event.abstract)
        json.key("date")
        json.string(event.date)
        json.key("description")
        json.string(event.description)
        json.key("duration")
        json.string(event.duration)
        json.key("end")
        json.string(event.end)
        json.key("guid")
        json.string(event.guid)
        json.key("id")
        json.number(event.number)
        json.key("language")
        json.null()
        json.key("links")
        json.beginArray()
        json.endArray()
        json.key("persons")
        json.beginArray()
        for person in event.persons {
            json.beginObject()
            json.key("guid")
            json.string(person.guid)
            json.key("name")
            json.string(person.name)
            json.endObject()
        }
        json.endArray()
        json.key("room")
        json.string(event.room)
        json.key("slug")
        json.string(event.slug)
        json.key("start")
        json.string(event.start)
        json.key("subtitle")
        json.null()
        json.key("title")
        json.string(event.title)
        json.key("track")
        json.string(event.track)
        json.key("type")
        json.string(event.type)
        json.key("url")
        json.string(event.url ?? "")
        json.endObject()
    }
}
