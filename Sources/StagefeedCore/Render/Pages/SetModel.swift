/// One set as the site's templates see it (`sets` lists, grid columns): made once per
/// language for the pages two folders down (days, stages, artists), whose links it gives,
/// and shared by all of them, so its row is rendered once (see `TemplateFragments`).
/// It holds its position and where its stage and artist are: each value is worked out when a
/// template asks for it, which is about once per way the set is shown, its rows being kept.
/// (Made with its twenty-odd strings, the 20,000 models of a large festival held 13 MB until
/// the build ended.)
/// Absent values are `false`, not missing, so a section never picks up a page's value of
/// the same name.
final class SetModel: TemplateObject {
    let position: Int
    private let site: Context
    /// Where its stage and its artist are in the program's lists (-1: none), found once.
    private let stageIndex, artistIndex: Int32

    /// What a language's set models are made with.
    final class Context: Sendable {
        let resources: RenderResources
        let labels: TimeLabels
        let strings: Strings
        /// The way from a page two folders down to the language's home.
        let home: String
        let spansWeeks: Bool

        init(resources: RenderResources, labels: TimeLabels, strings: Strings, home: String, spansWeeks: Bool) {
            self.resources = resources
            self.labels = labels
            self.strings = strings
            self.home = home
            self.spansWeeks = spansWeeks
        }
    }

    init(position: Int, site: Context) {
        self.position = position
        self.site = site
        let performance = site.resources.program.performances[position]
        stageIndex = site.resources.stagePositions[performance.stageID] ?? -1
        artistIndex = performance.artistID.flatMap { site.resources.artistPositions[$0] } ?? -1
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

    // Read in place: a copy of the set or its facts would retain each of their strings.
    private var performance: Performance {
        _read { yield site.resources.program.performances[position] }
    }
    private var facts: RenderResources.PerformanceFacts {
        _read { yield site.resources.performances[position] }
    }
    // The stage's and the artist's fields read where they are, not through copies.
    private var stageName: String? { stageIndex < 0 ? nil : site.resources.program.stages[Int(stageIndex)].name }
    private var stageSlug: String? { stageIndex < 0 ? nil : site.resources.program.stages[Int(stageIndex)].slug }
    private var artistName: String? {
        artistIndex < 0 ? nil : site.resources.program.artists[Int(artistIndex)].name
    }
    private var artistSlug: String? {
        artistIndex < 0 ? nil : site.resources.program.artists[Int(artistIndex)].slug
    }

    func value(forKey key: String) -> TemplateValue? {
        let labels = site.labels, home = site.home
        switch key {
        case "id", "uid": return .text(facts.uid)
        case "name": return .text(performance.displayName)
        case "start": return .text(labels.time(minuteOfDay: facts.start.minuteOfDay))
        case "end": return .text(labels.time(minuteOfDay: facts.end.minuteOfDay))
        case "startISO": return .text(facts.startISO)
        case "endISO": return .text(facts.endISO)
        case "minutes": return .number(Int(performance.duration / 60))
        case "dayTitle": return .text(labels.dayTitle(performance.day))
        case "dayShort":
            let day = performance.day
            return .text(site.spansWeeks ? labels.shortDatedDay(day) : labels.shortDay(day))
        case "dayHref": return .text(home + OutputPaths.day(performance.day))
        case "stageName": return .text(stageName ?? performance.stageID)
        case "stageHref": return Self.orFalse(stageSlug.map { home + OutputPaths.stage($0) })
        case "starLabel": return .text(site.strings.format("star", ["name": performance.displayName]))
        case "description": return .list(Paragraphs.of(performance.description).map(TemplateValue.text))
        // A night with a line-up links each artist below its name instead.
        case "artistHref":
            return Self.orFalse(performance.lineup == nil ? artistSlug.map { home + OutputPaths.artist($0) } : nil)
        case "artistName": return Self.orFalse(artistName)
        case "activity": return Self.orFalse(performance.activity?.name)
        case "hasLineup": return .bool(lineup.count > 1)
        case "lineup":
            return .list(
                lineup.map {
                    .object(
                        TemplateFields(["name": .text($0.name), "href": .text(home + OutputPaths.artist($0.slug))]))
                })
        case "facts":
            let text = performance.details.map { NightFacts.text($0, strings: site.strings) } ?? ""
            return Self.orFalse(text.isEmpty ? nil : text)
        case "ticketHref": return Self.orFalse(performance.details?.ticketURL)
        case "code": return .text(facts.code)
        case "stageSlug": return .text(stageSlug ?? "")
        case "kinds": return .text(SetKinds.keys(of: performance))
        default: return nil
        }
    }

    /// A night's line-up: each artist the store knows (shown from two artists on).
    private var lineup: [Artist] {
        (performance.lineup ?? []).compactMap { site.resources.artistsByID[$0] }
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
