import Foundation
@testable import StagefeedCore

/// Small program drafts built inline for tests.
enum Fixtures {
    /// An instant from an ISO 8601 string with an offset.
    static func instant(_ text: String) -> Date {
        guard let date = ISO8601.instant(from: text) else { fatalError("bad fixture time \(text)") }
        return date
    }

    static func event(timeZone: String = "Europe/Berlin", start: String = "2027-07-23", end: String = "2027-07-25") -> EventRecord {
        EventRecord(id: "evt", name: "Test Fest", startDate: LocalDate(iso: start)!, endDate: LocalDate(iso: end)!,
                    timeZoneIdentifier: timeZone)
    }

    static func performance(_ id: String, stage: String = "s_main", artist: String? = "a_1",
                            _ start: String, _ end: String, title: String? = nil) -> PerformanceRecord {
        PerformanceRecord(id: id, stageID: stage, artistID: artist, title: title, start: instant(start), end: instant(end))
    }

    /// A two-stage, two-artist draft with the given performances.
    static func draft(_ performances: [PerformanceRecord], event: EventRecord = event()) -> ProgramDraft {
        ProgramDraft(
            event: event,
            stages: [StageRecord(id: "s_main", name: "Main Stage", position: 1), StageRecord(id: "s_tent", name: "Tent", position: 2)],
            artists: [ArtistRecord(id: "a_1", name: "Rosa & the Thorns"), ArtistRecord(id: "a_2", name: "Café Lune")],
            performances: performances)
    }
}
