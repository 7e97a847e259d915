/// One set as the site's templates see it (`sets` lists, grid columns): made once per
/// language for the pages two folders down (days, stages, artists), whose links it holds,
/// and shared by all of them, so its row is rendered once (see `TemplateFragments`).
/// Absent values are `false`, not missing, so a section never picks up a page's value of
/// the same name.
final class SetModel: TemplateObject {
    let position: Int
    private let id, name, start, end, startISO, endISO, dayTitle, dayShort, dayHref, stageName, starLabel: TemplateValue
    private let minutes, description, stageHref, artistHref, artistName, activity, hasLineup, lineup: TemplateValue
    private let facts, ticketHref: TemplateValue
    /// What the set shows, for the digests of the pages that list it.
    let digest: UnitDigest

    /// What a language's set models are made with.
    struct Context: Sendable {
        let resources: RenderResources
        let labels: TimeLabels
        let strings: Strings
        /// The way from a page two folders down to the language's home.
        let home: String
        let spansWeeks: Bool
        /// The language's digest (theme, language, clock, program).
        let digest: UnitDigest
    }

    init(
        position: Int, performance: Performance, facts performanceFacts: RenderResources.PerformanceFacts, site: Context
    ) {
        self.position = position
        let resources = site.resources, labels = site.labels, home = site.home, strings = site.strings
        let stage = resources.stagesByID[performance.stageID]
        let artist = performance.artistID.flatMap { resources.artistsByID[$0] }
        id = .text(performanceFacts.uid)
        name = .text(performance.displayName)
        start = .text(labels.time(minuteOfDay: performanceFacts.start.minuteOfDay))
        end = .text(labels.time(minuteOfDay: performanceFacts.end.minuteOfDay))
        startISO = .text(performanceFacts.startISO)
        endISO = .text(performanceFacts.endISO)
        minutes = .number(Int(performance.duration / 60))
        dayTitle = .text(labels.dayTitle(performance.day))
        dayShort = .text(
            site.spansWeeks ? labels.shortDatedDay(performance.day) : labels.shortDay(performance.day))
        dayHref = .text(home + OutputPaths.day(performance.day))
        stageName = .text(stage?.name ?? performance.stageID)
        stageHref = stage.map { .text(home + OutputPaths.stage($0.slug)) } ?? .bool(false)
        starLabel = .text(strings.format("star", ["name": performance.displayName]))
        description = .list(Paragraphs.of(performance.description).map(TemplateValue.text))
        // A night with a line-up links each artist below its name instead.
        artistHref =
            performance.lineup == nil
            ? artist.map { .text(home + OutputPaths.artist($0.slug)) } ?? .bool(false) : .bool(false)
        artistName = artist.map { .text($0.name) } ?? .bool(false)
        activity = performance.activity.map { .text($0.name) } ?? .bool(false)
        let lineupArtists = (performance.lineup ?? []).compactMap { resources.artistsByID[$0] }
        hasLineup = .bool(lineupArtists.count > 1)
        lineup = .list(
            lineupArtists.map {
                .object(TemplateFields(["name": .text($0.name), "href": .text(home + OutputPaths.artist($0.slug))]))
            })
        let factsText = performance.details.map { NightFacts.text($0, strings: strings) } ?? ""
        facts = factsText.isEmpty ? .bool(false) : .text(factsText)
        ticketHref = performance.details?.ticketURL.map(TemplateValue.text) ?? .bool(false)
        var digest = DigestBuilder("set")
        digest.add(performanceFacts.digest)
        digest.add(site.digest)
        self.digest = digest.finish()
    }

    var fragmentIdentity: ObjectIdentifier? { ObjectIdentifier(self) }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "id", "uid": return id
        case "name": return name
        case "start": return start
        case "end": return end
        case "startISO": return startISO
        case "endISO": return endISO
        case "minutes": return minutes
        case "dayTitle": return dayTitle
        case "dayShort": return dayShort
        case "dayHref": return dayHref
        case "stageName": return stageName
        case "stageHref": return stageHref
        case "starLabel": return starLabel
        case "description": return description
        case "artistHref": return artistHref
        case "artistName": return artistName
        case "activity": return activity
        case "hasLineup": return hasLineup
        case "lineup": return lineup
        case "facts": return facts
        case "ticketHref": return ticketHref
        default: return nil
        }
    }
}

/// A set placed in a day's grid: the set's values with its first `row` and its `span`
/// (five-minute rows).
struct GridSetModel: TemplateObject {
    let set: SetModel
    let row: Int
    let span: Int

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "row": return .number(row)
        case "span": return .number(span)
        default: return set.value(forKey: key)
        }
    }
}
