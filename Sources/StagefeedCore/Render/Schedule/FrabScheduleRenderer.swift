import Foundation

/// `schedule.xml` and `schedule.json` in the frab/c3voc schedule format, for conference
/// and festival schedule apps (EventFahrplan, Giggity, info-beamer, pyfahrplan…).
/// Valid against the c3voc XSD and JSON schema.
public struct FrabScheduleRenderer: Renderer {
    public init() {}

    public func render(_ program: Program, context: BuildContext, into sink: any OutputSink) throws {
        let schedule = try FrabSchedule(program, context: context)
        try sink.emit(OutputFile(path: "schedule.xml", text: xml(schedule)))
        try sink.emit(OutputFile(path: "schedule.json", contents: try FeedEncoding.encode(JSONSchedule(schedule))))
    }

    private func xml(_ schedule: FrabSchedule) -> String {
        func element(_ name: String, _ value: String, indent: Int) -> String {
            String(repeating: "  ", count: indent) + "<\(name)>\(Markup.escape(value))</\(name)>\n"
        }
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
        text += "  <generator name=\"stagefeed\" version=\"\(StagefeedVersion.current)\"/>\n"
        if let site = schedule.siteURL { text += element("url", site.appendingPathComponent("schedule.xml").absoluteString, indent: 1) }
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
            for (room, events) in day.rooms {
                text += "    <room name=\"\(Markup.escape(room.name))\" guid=\"\(room.guid)\">\n"
                for event in events {
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
                }
                text += "    </room>\n"
            }
            text += "  </day>\n"
        }
        return text + "</schedule>\n"
    }

    /// The c3voc `schedule.json` shape.
    private struct JSONSchedule: Encodable {
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
        struct Day: Encodable {
            let index: Int
            let date: LocalDate
            let day_start, day_end: String
            let rooms: [String: [Event]]
        }
        struct Track: Encodable { let name, slug: String }
        struct Conference: Encodable {
            let acronym, title, start, end, timeslot_duration, time_zone_name: String
            let daysCount: Int
            let url: String?
            let rooms: [Room]
            let tracks: [Track]
            let days: [Day]
        }
        struct Schedule: Encodable {
            let version: String
            let base_url: String?
            let conference: Conference
        }

        let schema = "https://c3voc.de/schedule/schema.json"
        let generator = Generator()
        let schedule: Schedule

        init(_ frab: FrabSchedule) {
            let days = frab.days.map { day in
                Day(index: day.index, date: day.date, day_start: day.start, day_end: day.end,
                    rooms: Dictionary(day.rooms.map { ($0.room.name, $0.events.map(Self.event)) }, uniquingKeysWith: +))
            }
            let rooms = frab.rooms.map { room -> Room in
                var capacity: Int?
                if case .people(let count)? = room.stage.capacity { capacity = count }
                return Room(name: room.name, slug: room.slug, guid: room.guid, capacity: Nullable(capacity),
                            description: Nullable(room.stage.description))
            }
            schedule = Schedule(
                version: frab.version, base_url: frab.siteURL?.absoluteString,
                conference: Conference(acronym: frab.acronym, title: frab.title, start: frab.start.description, end: frab.end.description,
                                       timeslot_duration: "00:05", time_zone_name: frab.timeZone, daysCount: frab.days.count,
                                       url: frab.siteURL?.absoluteString, rooms: rooms,
                                       tracks: [Track(name: "Performance", slug: "performance"), Track(name: "Activity", slug: "activity")],
                                       days: days))
        }

        private static func event(_ event: FrabSchedule.Event) -> Event {
            Event(id: event.number, guid: event.guid, date: event.date, start: event.start, end: event.end, duration: event.duration,
                  room: event.room, slug: event.slug, url: event.url ?? "", title: event.title, track: event.track, type: event.type,
                  abstract: event.abstract, description: Nullable(event.description),
                  persons: event.persons.map { Person(name: $0.name, guid: $0.guid) })
        }

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", generator, schedule
        }
    }
}
