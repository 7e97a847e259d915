import Foundation

/// `schedule.xml` and `schedule.json` in the frab/c3voc schedule format, for conference
/// and festival schedule apps (EventFahrplan, Giggity, info-beamer, pyfahrplan…).
/// Valid against the c3voc XSD and JSON schema.
public struct FrabScheduleRenderer: Renderer {
    public init() {}

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let schedule = try FrabSchedule(program, context: context)
        try sink.emit(path: "schedule.xml") { append in try xml(schedule, to: append) }
        try sink.emit(path: "schedule.json") { append in try JSONSchedule.document(schedule).write(to: append) }
    }

    /// The XML document, handed on in pieces of about a quarter megabyte.
    private func xml(_ schedule: FrabSchedule, to append: (Data) throws -> Void) throws {
        func element(_ name: String, _ value: String, indent: Int) -> String {
            String(repeating: "  ", count: indent) + "<\(name)>\(Markup.escape(value))</\(name)>\n"
        }
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
        text += "  <generator name=\"stagefeed\" version=\"\(StagefeedVersion.current)\"/>\n"
        if let site = schedule.siteURL {
            text += element("url", site.appendingPathComponent("schedule.xml").absoluteString, indent: 1)
        }
        text += element("version", schedule.version, indent: 1)
        text += "  <conference>\n"
        text += element("title", schedule.title, indent: 2)
        text += element("acronym", schedule.acronym, indent: 2)
        text += element("start", schedule.start.description, indent: 2)
        text += element("end", schedule.end.description, indent: 2)
        text += element("days", String(schedule.days.count), indent: 2)
        text += element("timeslot_duration", "00:05", indent: 2)
        if let site = schedule.siteURL {
            text += element("base_url", site.absoluteString, indent: 2)
            text += element("url", site.absoluteString, indent: 2)
        }
        text += element("time_zone_name", schedule.timeZone, indent: 2)
        text += "    <track name=\"Performance\"/>\n    <track name=\"Activity\"/>\n"
        text += "  </conference>\n"
        for day in schedule.days {
            text += "  <day index=\"\(day.index)\" date=\"\(day.date)\" start=\"\(day.start)\" end=\"\(day.end)\">\n"
            for (room, performances) in schedule.rooms(on: day) {
                text += "    <room name=\"\(Markup.escape(room.name))\" guid=\"\(room.guid)\">\n"
                for event in performances.lazy.map(schedule.event) {
                    text += "      <event id=\"\(event.number)\" guid=\"\(event.guid)\">\n"
                    text += element("room", event.room, indent: 4)
                    text += element("title", event.title, indent: 4)
                    text += element("type", event.type, indent: 4)
                    text += element("date", event.date, indent: 4)
                    text += element("start", event.start, indent: 4)
                    text += element("duration", event.duration, indent: 4)
                    text += element("abstract", event.abstract, indent: 4)
                    text += element("slug", event.slug, indent: 4)
                    text += element("track", event.track, indent: 4)
                    if !event.persons.isEmpty {
                        text += "        <persons>\n"
                        for person in event.persons {
                            text += "          <person guid=\"\(person.guid)\">\(Markup.escape(person.name))</person>\n"
                        }
                        text += "        </persons>\n"
                    }
                    if let description = event.description { text += element("description", description, indent: 4) }
                    if let url = event.url, schedule.siteURL != nil { text += element("url", url, indent: 4) }
                    text += "      </event>\n"
                    if text.utf8.count >= JSONStream.chunkSize {
                        try append(Data(text.utf8))
                        text = ""
                    }
                }
                text += "    </room>\n"
            }
            text += "  </day>\n"
        }
        text += "</schedule>\n"
        try append(Data(text.utf8))
    }

    /// The c3voc `schedule.json` shape, written event by event.
    private enum JSONSchedule {
        struct Generator: Encodable { let name = "stagefeed", version = StagefeedVersion.current }
        struct Person: Encodable { let name, guid: String }
        struct Room: Encodable {
            let name, slug, guid: String
            let type = "stage"
            let capacity: Nullable<Int>
            let description: Nullable<String>
        }
        struct Event: Encodable {
            let id: Int
            let guid, date, start, end, duration, room, slug, url, title, track, type, abstract: String
            let subtitle = Nullable<String>(nil), language = Nullable<String>(nil)
            let description: Nullable<String>
            let persons: [Person]
            let links: [String] = []
        }
        struct Track: Encodable { let name, slug: String }

        static let schema = "https://c3voc.de/schedule/schema.json"

        static func document(_ frab: FrabSchedule) -> JSONStream {
            // Each day's rooms are looked up when the day is written.
            func day(_ position: Int) -> JSONStream {
                let day = frab.days[position]
                // Stages sharing a name share a room.
                let rooms = Dictionary(frab.rooms(on: day).map { ($0.room.name, $0.performances) }, uniquingKeysWith: +)
                return .object([
                    "index": .value(day.index), "date": .value(day.date), "day_start": .value(day.start),
                    "day_end": .value(day.end),
                    "rooms": .object(
                        rooms.mapValues { performances in
                            .array(count: performances.count) { .value(event(frab.event(performances[$0]))) }
                        }),
                ])
            }
            let rooms = frab.rooms.map { room -> Room in
                var capacity: Int?
                if case .people(let count)? = room.stage.capacity { capacity = count }
                return Room(
                    name: room.name, slug: room.slug, guid: room.guid, capacity: Nullable(capacity),
                    description: Nullable(room.stage.description))
            }
            var conference: [String: JSONStream] = [
                "acronym": .value(frab.acronym), "title": .value(frab.title), "start": .value(frab.start.description),
                "end": .value(frab.end.description), "timeslot_duration": .value("00:05"),
                "time_zone_name": .value(frab.timeZone),
                "daysCount": .value(frab.days.count), "rooms": .value(rooms),
                "tracks": .value([
                    Track(name: "Performance", slug: "performance"), Track(name: "Activity", slug: "activity"),
                ]),
                "days": .array(count: frab.days.count, element: day),
            ]
            var schedule: [String: JSONStream] = ["version": .value(frab.version)]
            if let site = frab.siteURL?.absoluteString {
                conference["url"] = .value(site)
                schedule["base_url"] = .value(site)
            }
            schedule["conference"] = .object(conference)
            return .object(["$schema": .value(schema), "generator": .value(Generator()), "schedule": .object(schedule)])
        }

        private static func event(_ event: FrabSchedule.Event) -> Event {
            Event(
                id: event.number, guid: event.guid, date: event.date, start: event.start, end: event.end,
                duration: event.duration,
                room: event.room, slug: event.slug, url: event.url ?? "", title: event.title, track: event.track,
                type: event.type,
                abstract: event.abstract, description: Nullable(event.description),
                persons: event.persons.map { Person(name: $0.name, guid: $0.guid) })
        }
    }
}
