import Foundation

/// Turns a source's draft into a `Program`: checks the timezone and times, orders stages,
/// artists and performances, assigns slugs and festival days, and collects warnings.
/// Pure: no I/O, same input gives the same program.
public struct ProgramNormalizer: Sendable {
    public var dayStart: DayStart
    /// Slugs from earlier builds, by kind ("stage", "artist") then id, so they never change.
    public var previousSlugs: [String: [String: String]]

    public init(dayStart: DayStart = .standard, previousSlugs: [String: [String: String]] = [:]) {
        self.dayStart = dayStart
        self.previousSlugs = previousSlugs
    }

    /// The normalized program, or a `ProgramError` naming what is wrong.
    public func normalize(_ draft: ProgramDraft) throws(ProgramError) -> Program {
        guard let timeZone = TimeZone(identifier: draft.event.timeZoneIdentifier),
            draft.event.timeZoneIdentifier.contains("/") || draft.event.timeZoneIdentifier == "UTC"
        else { throw .unknownTimeZone(draft.event.timeZoneIdentifier) }
        guard draft.event.startDate <= draft.event.endDate else {
            throw .eventEndsBeforeStart(start: draft.event.startDate, end: draft.event.endDate)
        }
        var warnings: [ProgramWarning] = []
        let calendar = FestivalCalendar(timeZone: timeZone, dayStart: dayStart)

        let stageRecords = unique(draft.stages, kind: "stage", id: \.id, warnings: &warnings)
        let artistRecords = unique(draft.artists, kind: "artist", id: \.id, warnings: &warnings)
        let performanceRecords = unique(draft.performances, kind: "performance", id: \.id, warnings: &warnings)
        for record in performanceRecords where record.end <= record.start {
            throw .endsBeforeStart(performanceID: record.id)
        }
        for stage in stageRecords where stage.name.trimmed.isEmpty {
            throw .emptyName(kind: "stage", id: stage.id)
        }
        for artist in artistRecords where artist.name.trimmed.isEmpty {
            throw .emptyName(kind: "artist", id: artist.id)
        }

        let stages = makeStages(stageRecords, performances: performanceRecords, warnings: &warnings)
        let artists = makeArtists(artistRecords, warnings: &warnings)
        let artistNames = Dictionary(uniqueKeysWithValues: artists.map { ($0.id, $0.name) })
        let stageOrder = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.id, $0) })

        // Each set made on every core: its festival day (a calendar's date arithmetic), its
        // name and its links checked; the warnings come out in the program's order.
        let made = ParallelWork.map(performanceRecords) { record in
            makePerformance(record, day: calendar.festivalDay(of: record.start), artistNames: artistNames)
        }
        warnings += made.flatMap(\.warnings)
        var performances = made.map(\.performance)
        // By start, stage and id; each performance's stage position looked up once, not per comparison.
        performances =
            performances.map { (start: $0.start, stage: stageOrder[$0.stageID]!, performance: $0) }
            .sorted { ($0.start, $0.stage, $0.performance.id) < ($1.start, $1.stage, $1.performance.id) }
            .map(\.performance)
        warnings += overlaps(in: performances, stages: stages)

        let eventDays = draft.onlyDaysWithPerformances ? [] : draft.event.startDate.through(draft.event.endDate)
        for performance in performances where !draft.onlyDaysWithPerformances && !eventDays.contains(performance.day) {
            warnings.append(.outsideEventDates(performanceID: performance.id, day: performance.day))
        }
        let dayDates = Set(eventDays).union(performances.map(\.day)).sorted()
        // Each day's sets in one pass over the program (a pass per day took 50 passes at 100,000).
        let idsByDay = Dictionary(grouping: performances, by: \.day).mapValues { $0.map(\.id) }
        let days = dayDates.map { date in
            FestivalDay(
                date: date, start: calendar.start(of: date), end: calendar.end(of: date),
                performanceIDs: idsByDay[date] ?? [])
        }

        // Sparse days (a venue's nights): the event runs from its first festival day to its last.
        let sparse = draft.onlyDaysWithPerformances && !days.isEmpty
        let event = Event(
            id: draft.event.id, name: draft.event.name, slug: draft.event.slug, description: draft.event.description,
            startDate: sparse ? days.first!.date : draft.event.startDate,
            endDate: sparse ? days.last!.date : draft.event.endDate,
            timeZone: timeZone, updatedAt: draft.event.updatedAt)
        return Program(
            event: event, dayStart: dayStart, days: days, stages: stages,
            artists: artists, performances: performances, warnings: warnings)
    }

    /// One set from its record, with the warnings it gives: an artist the source does not
    /// list, no name at all, links that are not http(s) (dropped).
    private func makePerformance(
        _ record: PerformanceRecord, day: LocalDate, artistNames: [String: String]
    ) -> (performance: Performance, warnings: [ProgramWarning]) {
        var warnings: [ProgramWarning] = []
        if let artistID = record.artistID, artistNames[artistID] == nil {
            warnings.append(.unknownArtist(performanceID: record.id, artistID: artistID))
        }
        let name = displayName(of: record, artistNames: artistNames)
        if name == nil { warnings.append(.untitled(performanceID: record.id)) }
        var details = record.details
        for (field, url) in [("ticket", details?.ticketURL), ("flyer", details?.flyerURL)] {
            guard let url, !WebLink.isSafe(url) else { continue }
            warnings.append(.unsafeLink(kind: "performance", id: record.id, field: field))
            if field == "ticket" { details?.ticketURL = nil } else { details?.flyerURL = nil }
        }
        var activity = record.activity
        if let image = activity?.imageURL, !WebLink.isSafe(image) {
            warnings.append(.unsafeLink(kind: "activity", id: activity?.id ?? record.id, field: "image"))
            activity?.imageURL = nil
        }
        let lineup = record.lineup.filter { artistNames[$0] != nil }
        let performance = Performance(
            id: record.id, stageID: record.stageID, artistID: record.artistID, activity: activity,
            displayName: name ?? "To be announced", description: record.description,
            start: record.start, end: record.end, updatedAt: record.updatedAt,
            day: day, lineup: lineup.count > 1 ? lineup : nil,
            details: details)
        return (performance, warnings)
    }

    /// The display-name rule: title if set, else the artist's name, else the activity's name.
    private func displayName(of record: PerformanceRecord, artistNames: [String: String]) -> String? {
        let candidates = [record.title, record.artistID.flatMap { artistNames[$0] }, record.activity?.name]
        return candidates.lazy.compactMap { $0?.trimmed }.first { !$0.isEmpty }
    }

    /// Keeps the first record of each id, warning about the rest.
    private func unique<Record>(
        _ records: [Record], kind: String, id: KeyPath<Record, String>,
        warnings: inout [ProgramWarning]
    ) -> [Record] {
        var seen: Set<String> = []
        return records.filter { record in
            let inserted = seen.insert(record[keyPath: id]).inserted
            if !inserted { warnings.append(.duplicateID(kind: kind, id: record[keyPath: id])) }
            return inserted
        }
    }

    /// Stages in display order (by position where given, else source order), plus an
    /// unlisted stand-in for each stage id that performances name but the source did not list.
    private func makeStages(
        _ records: [StageRecord], performances: [PerformanceRecord],
        warnings: inout [ProgramWarning]
    ) -> [Stage] {
        let ordered = records.enumerated().sorted { lhs, rhs in
            (lhs.element.position ?? Int.max, lhs.offset) < (rhs.element.position ?? Int.max, rhs.offset)
        }.map(\.element)
        let listed = Set(records.map(\.id))
        var unlisted: [StageRecord] = []
        for performance in performances where !listed.contains(performance.stageID) {
            warnings.append(.unknownStage(performanceID: performance.id, stageID: performance.stageID))
            if !unlisted.contains(where: { $0.id == performance.stageID }) {
                unlisted.append(StageRecord(id: performance.stageID, name: "Unlisted stage (\(performance.stageID))"))
            }
        }
        let all = ordered + unlisted
        let slugs = SlugAllocator(kind: "stage", previous: previousSlugs["stage"] ?? [:])
            .allocate(all.map { ($0.id, $0.name) })
        return all.map {
            Stage(
                id: $0.id, name: $0.name, slug: slugs[$0.id]!, description: $0.description,
                capacity: $0.capacity, isListed: listed.contains($0.id), locality: $0.locality)
        }
    }

    /// Artists in name order (case- and accent-insensitive), each with a unique slug; image
    /// and social links that are not http(s) are dropped with a warning.
    private func makeArtists(_ records: [ArtistRecord], warnings: inout [ProgramWarning]) -> [Artist] {
        let slugs = SlugAllocator(kind: "artist", previous: previousSlugs["artist"] ?? [:])
            .allocate(records.map { ($0.id, $0.name) })
        // Each artist's picture and links checked, and its name's sort key made, on every core;
        // the warnings in the source's order.
        let made = ParallelWork.map(records) { record -> (artist: Artist, key: String, warnings: [ProgramWarning]) in
            var warnings: [ProgramWarning] = []
            var imageURL = record.imageURL
            if let image = imageURL, !WebLink.isSafe(image) {
                warnings.append(.unsafeLink(kind: "artist", id: record.id, field: "image"))
                imageURL = nil
            }
            let links = record.links.filter { link in
                if WebLink.isSafe(link.url) { return true }
                warnings.append(.unsafeLink(kind: "artist", id: record.id, field: "\(link.platform) link"))
                return false
            }
            let artist = Artist(
                id: record.id, name: record.name, slug: slugs[record.id]!, bio: record.bio, imageURL: imageURL,
                links: links)
            return (artist, SortKey.of(record.name), warnings)
        }
        warnings += made.flatMap(\.warnings)
        // By name without case or accents, then by id, each name's key made once. (Foundation's
        // comparison with a locale cost 5 µs a pair, a second for 12,000 artists, and on Linux
        // did not even order consistently: every capitalized name before "adam".)
        return
            made
            .sorted { ($0.key, $0.artist.id) < ($1.key, $1.artist.id) }
            .map(\.artist)
    }

    /// A warning for each pair of consecutive performances on one stage that overlap.
    private func overlaps(in performances: [Performance], stages: [Stage]) -> [ProgramWarning] {
        var warnings: [ProgramWarning] = []
        let byStage = Dictionary(grouping: performances, by: \.stageID)
        for stage in stages {
            var latest: Performance?
            for performance in byStage[stage.id] ?? [] {
                if let previous = latest, performance.start < previous.end {
                    warnings.append(.overlap(stageID: stage.id, first: previous.id, second: performance.id))
                }
                if latest == nil || performance.end > latest!.end { latest = performance }
            }
        }
        return warnings
    }
}
