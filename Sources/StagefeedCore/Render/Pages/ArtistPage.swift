/// An artist (`artist`): bio, image, links and every set. Adds `artist` (`{name, bio,
/// image, photoAlt, calendarLabel, links: [{label, url}], hasLinks}`, image false when
/// there is none), `sets` and `hasSets`.
struct ArtistPage: TemplateObject {
    let frame: SitePageFrame
    private let artist: TemplateValue
    private let sets: TemplateValue
    private let hasSets: Bool

    init(_ artist: Artist, site: SiteContext) {
        let program = site.resources.program, strings = site.strings
        let positions = site.resources.index.positions(byArtist: artist.id)
        frame = SitePageFrame(
            path: OutputPaths.artist(artist.slug), title: "\(artist.name) · \(program.event.name)",
            calendar: OutputPaths.artistCalendar(artist.slug), updated: site.lastChange(of: positions), site: site)
        self.artist = .object(
            TemplateFields([
                "name": .text(artist.name),
                "bio": .list(Paragraphs.of(artist.bio).map(TemplateValue.text)),
                "links": .list(
                    artist.links.map {
                        .object(TemplateFields(["label": .text(Self.label(of: $0.platform)), "url": .text($0.url)]))
                    }),
                "image": artist.imageURL.map(TemplateValue.text) ?? .bool(false),
                "photoAlt": .text(strings.format("photo_of", ["name": artist.name])),
                "calendarLabel": .text(strings.format("add_artist_calendar", ["name": artist.name])),
                "hasLinks": .bool(!artist.links.isEmpty),
            ]))
        let models = site.sets(positions)
        sets = .list(models.map { .object($0) })
        hasSets = !models.isEmpty
    }

    /// What the artist's page shows: the language's digest, the artist's fields and each set.
    static func digest(_ artist: Artist, site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("artist page")
        digest.add(site.digest)
        digest.add(site.resources.artistDigests[artist.id] ?? RenderResources.digest(of: artist))
        for position in site.resources.index.positions(byArtist: artist.id) {
            digest.add(site.sets[Int(position)].digest)
        }
        return digest.finish()
    }

    /// `Bandcamp` for `bandcamp`; platforms stagefeed does not know keep their own name.
    static func label(of platform: String) -> String {
        let known = [
            "website": "Website", "instagram": "Instagram", "bandcamp": "Bandcamp", "spotify": "Spotify",
            "youtube": "YouTube", "soundcloud": "SoundCloud", "facebook": "Facebook", "tiktok": "TikTok",
            "twitter": "X (Twitter)", "x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky",
            "apple_music": "Apple Music",
        ]
        return known[platform.lowercased()] ?? platform.prefix(1).uppercased() + platform.dropFirst()
    }

    func value(forKey key: String) -> TemplateValue? {
        switch key {
        case "artist": return artist
        case "sets": return sets
        case "hasSets": return .bool(hasSets)
        default: return frame.value(forKey: key)
        }
    }
}
