import Foundation

/// Maps a venue's Fourvenues events into a program: each night a performance (its name,
/// line-up, genres, minimum age, dress code, flyer and ticket link), a stage per town the
/// nights are in (or one stage named after the venue), an artist per line-up name, and
/// festival days only where there is a night.
enum FourvenuesProgram {
    static func draft(events: [FourvenuesEvent], venueName: String, timeZone: TimeZone) -> ProgramDraft {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let nights = events.sorted { ($0.start, $0.id) < ($1.start, $1.id) }

        let towns = Array(Set(nights.compactMap { $0.town.flatMap(Self.clean) })).sorted()
        let venueStage = StageRecord(id: "venue", name: venueName, position: 0)
        let stages =
            towns.isEmpty || nights.contains { $0.town.flatMap(Self.clean) == nil }
            ? [venueStage]
                + towns.enumerated().map { StageRecord(id: "town:\($1)", name: $1, position: $0 + 1, locality: $1) }
            : towns.enumerated().map { StageRecord(id: "town:\($1)", name: $1, position: $0, locality: $1) }

        var artists: [String: ArtistRecord] = [:]
        var artistOrder: [String] = []
        var performances: [PerformanceRecord] = []
        for night in nights {
            var lineup: [String] = []
            for entry in night.artists {
                let id =
                    "artist:"
                    + entry.name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                if artists[id] == nil {
                    artists[id] = ArtistRecord(id: id, name: entry.name.trimmingCharacters(in: .whitespacesAndNewlines))
                    artistOrder.append(id)
                }
                if artists[id]?.imageURL == nil { artists[id]?.imageURL = entry.imageURL }
                if !lineup.contains(id) { lineup.append(id) }
            }
            var record = PerformanceRecord(
                id: night.id, stageID: night.town.flatMap(Self.clean).map { "town:\($0)" } ?? "venue",
                artistID: lineup.first,
                title: night.name, description: night.description, start: night.start, end: night.end)
            record.lineup = lineup
            record.details = NightDetails(
                genres: night.genres, minimumAge: night.minimumAge, dressCode: night.outfit.flatMap(Self.clean),
                ticketURL: night.url, flyerURL: night.flyer)
            performances.append(record)
        }

        let first = nights.first.map { LocalDate($0.start, in: calendar) } ?? LocalDate(Date(), in: calendar)
        let last = nights.map { LocalDate($0.start, in: calendar) }.max() ?? first
        let event = EventRecord(
            id: "fourvenues", name: venueName, startDate: first, endDate: last,
            timeZoneIdentifier: timeZone.identifier)
        var draft = ProgramDraft(
            event: event, stages: stages, artists: artistOrder.map { artists[$0]! }, performances: performances)
        draft.onlyDaysWithPerformances = true
        return draft
    }

    private static func clean(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
