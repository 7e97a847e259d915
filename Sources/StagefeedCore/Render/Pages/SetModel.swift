/// One set as the site's templates see it (`sets` lists, grid columns): made once per
/// language for the pages two folders down (days, stages, artists), whose links it holds,
/// and shared by all of them, so its row is rendered once (see `TemplateFragments`).
/// Absent values are `false`, not missing, so a section never picks up a page's value of
/// the same name.
final class SetModel: TemplateObject {
    let position: Int
    // Kept as plain values (a `TemplateValue` is five words), wrapped when a template asks.
    private let id, name, start, end, startISO, endISO, dayTitle, dayShort, dayHref, stageName, starLabel: String
    /// The share code, the stage's slug and the kinds' keys (the day page's filters and friends' marks).
    private let code, stageSlug, kinds: String
    private let minutes: Int
    private let description: [String]
    /// Nil where the template sees false.
    private let stageHref, artistHref, artistName, activity, facts, ticketHref: String?
    /// A night's line-up: name and link of each artist (shown from two artists on).
    private let lineup: [(name: String, href: String)]

    /// What a language's set models are made with.
    struct Context: Sendable {
        let resources: RenderResources
        let labels: TimeLabels
        let strings: Strings
        /// The way from a page two folders down to the language's home.
        let home: String
        let spansWeeks: Bool
    }

    init(
        position: Int, performance: Performance, facts performanceFacts: RenderResources.PerformanceFacts, site: Context
    ) {
        self.position = position
        let resources = site.resources, labels = site.labels, home = site.home, strings = site.strings
        let stage = resources.stagesByID[performance.stageID]
        let artist = performance.artistID.flatMap { resources.artistsByID[$0] }
        id = performanceFacts.uid
        code = performanceFacts.code
        stageSlug = stage?.slug ?? ""
        kinds = SetKinds.keys(of: performance)
        name = performance.displayName
        start = labels.time(minuteOfDay: performanceFacts.start.minuteOfDay)
        end = labels.time(minuteOfDay: performanceFacts.end.minuteOfDay)
        startISO = performanceFacts.startISO
        endISO = performanceFacts.endISO
        minutes = Int(performance.duration / 60)
        dayTitle = labels.dayTitle(performance.day)
        dayShort = site.spansWeeks ? labels.shortDatedDay(performance.day) : labels.shortDay(performance.day)
        dayHref = home + OutputPaths.day(performance.day)
        stageName = stage?.name ?? performance.stageID
        stageHref = stage.map { home + OutputPaths.stage($0.slug) }
        starLabel = strings.format("star", ["name": performance.displayName])
        description = Paragraphs.of(performance.description)
        // A night with a line-up links each artist below its name instead.
        artistHref = performance.lineup == nil ? artist.map { home + OutputPaths.artist($0.slug) } : nil
        artistName = artist?.name
        activity = performance.activity?.name
        let lineupArtists = (performance.lineup ?? []).compactMap { resources.artistsByID[$0] }
        lineup = lineupArtists.map { ($0.name, home + OutputPaths.artist($0.slug)) }
        let factsText = performance.details.map { NightFacts.text($0, strings: strings) } ?? ""
        facts = factsText.isEmpty ? nil : factsText
        ticketHref = performance.details?.ticketURL
    }

    /// What the set shows in a language, for the digests of the pages that list it: its
    /// facts and the language's digest (everything the model is made of). Known without
    /// making the model, so a build that renders few pages makes few models.
    static func digest(of facts: RenderResources.PerformanceFacts, language: UnitDigest) -> UnitDigest {
        var digest = DigestBuilder("set")
        digest.add(facts.digest)
        digest.add(language)
        return digest.finish()
    }

    var fragmentOwner: (AnyObject & Sendable)? { self }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "id", "uid": return .text(id)
        case "name": return .text(name)
        case "start": return .text(start)
        case "end": return .text(end)
        case "startISO": return .text(startISO)
        case "endISO": return .text(endISO)
        case "minutes": return .number(minutes)
        case "dayTitle": return .text(dayTitle)
        case "dayShort": return .text(dayShort)
        case "dayHref": return .text(dayHref)
        case "stageName": return .text(stageName)
        case "stageHref": return Self.orFalse(stageHref)
        case "starLabel": return .text(starLabel)
        case "description": return .list(description.map(TemplateValue.text))
        case "artistHref": return Self.orFalse(artistHref)
        case "artistName": return Self.orFalse(artistName)
        case "activity": return Self.orFalse(activity)
        case "hasLineup": return .bool(lineup.count > 1)
        case "lineup":
            return .list(
                lineup.map { .object(TemplateFields(["name": .text($0.name), "href": .text($0.href)])) })
        case "facts": return Self.orFalse(facts)
        case "ticketHref": return Self.orFalse(ticketHref)
        case "code": return .text(code)
        case "stageSlug": return .text(stageSlug)
        case "kinds": return .text(kinds)
        default: return nil
        }
    }

    private static func orFalse(_ text: String?) -> TemplateValue {
        text.map(TemplateValue.text) ?? .bool(false)
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
