import Foundation

/// The index (`index`): the festival's days, stages and artists A–Z, with the page frame.
/// Adds `letters` (`[{letter, anchor, artists: [{name, href, setCount}]}]`), `counts`
/// (`{days, stages, artists, sets}`) and `lede` ("59 sets on 4 stages").
struct IndexPage: TemplateObject {
    let frame: SitePageFrame
    private let letters: TemplateValue
    private let counts: TemplateValue
    private let lede: TemplateValue

    init(site: SiteContext) {
        let program = site.resources.program, index = site.resources.index, home = site.home(depth: 0)
        frame = SitePageFrame(
            path: OutputPaths.index, title: program.event.name, calendar: OutputPaths.programCalendar,
            updated: site.lastChange(of: []), site: site,
            description: SocialCard.summary(program.event.description)
                ?? site.labels.format.dateRange(program.event.startDate, program.event.endDate),
            structuredData: site.structuredData(festival: true, positions: [], cancelled: []))
        letters = .list(
            ArtistLetters(program.artists).groups.enumerated().map { position, group in
                .object(
                    TemplateFields([
                        "letter": .text(group.letter), "anchor": .text("artists-\(position + 1)"),
                        "artists": .list(
                            group.artists.map { artist in
                                .object(
                                    TemplateFields([
                                        "name": .text(artist.name),
                                        "href": .text(home + OutputPaths.artist(artist.slug)),
                                        "setCount": .number(index.positions(byArtist: artist.id).count),
                                    ]))
                            }),
                    ]))
            })
        counts = .object(
            TemplateFields([
                "days": .number(program.days.count), "stages": .number(program.stages.count),
                "artists": .number(program.artists.count), "sets": .number(program.performances.count),
            ]))
        let locale = site.locale.locale
        lede = .text(
            site.strings.format(
                "sets_on_stages",
                [
                    "sets": program.performances.count.formatted(.number.locale(locale)),
                    "stages": program.stages.count.formatted(.number.locale(locale)),
                ]))
    }

    /// What the index shows: the language's digest and every artist's name, slug and number of sets.
    static func digest(site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("index")
        digest.add(site.digest)
        let program = site.resources.program
        for artist in program.artists {
            digest.add([artist.name, artist.slug])
            digest.add(site.resources.index.positions(byArtist: artist.id).count)
        }
        digest.add(program.performances.count)
        return digest.finish()
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "letters": return letters
        case "counts": return counts
        case "lede": return lede
        default: return frame.value(forKey: key)
        }
    }
}
