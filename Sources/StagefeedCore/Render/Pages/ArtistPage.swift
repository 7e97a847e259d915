/// An artist (`artist`): bio, image, links and every set. Adds `artist` (`{name, bio,
/// image, imageWidth, imageHeight, photoAlt, calendarLabel, links: [{label, url}],
/// hasLinks}`; `image` is the relative path of the export's copy of the photo, false when
/// there is none), `sets` and `hasSets`.
struct ArtistPage: TemplateObject {
    let frame: SitePageFrame
    private let artist: TemplateValue
    private let sets: TemplateValue
    private let hasSets: Bool

    init(_ artist: Artist, site: SiteContext) {
        let program = site.resources.program, strings = site.strings
        let positions = site.resources.index.positions(byArtist: artist.id)
        let models = site.sets(positions)
        let photo = site.resources.context.images.image(for: artist.imageURL)
        let photoAlt = strings.format("photo_of", ["name": artist.name])
        let path = OutputPaths.artist(artist.slug)
        let bio = Paragraphs.of(artist.bio)
        let description =
            bio.first.map(SocialCard.summary(paragraph:))
            ?? (models.isEmpty ? nil : positions.prefix(3).map { site.setSummary(at: $0) }.joined(separator: "; "))
        frame = SitePageFrame(
            path: path, title: "\(artist.name) · \(program.event.name)",
            calendar: OutputPaths.artistCalendar(artist.slug), updated: site.lastChange(of: positions), site: site,
            description: description,
            picture: photo.map {
                SocialCard.Picture(path: $0.path, width: $0.width, height: $0.height, format: $0.format, alt: photoAlt)
            },
            structuredData: site.structuredData(
                positions: positions, cancelled: site.cancelled { $0.artistIDs.contains(artist.id) }))
        let root = OutputPaths.root(of: site.locale.folder + path)
        self.artist = .object(
            TemplateFields([
                "name": .text(artist.name),
                "bio": .list(bio.map(TemplateValue.text)),
                "links": .list(
                    artist.links.map {
                        .object(TemplateFields(["label": .text(Self.label(of: $0.platform)), "url": .text($0.url)]))
                    }),
                "image": photo.map { .text(root + $0.path) } ?? .bool(false),
                "imageWidth": photo.map { .number($0.width) } ?? .bool(false),
                "imageHeight": photo.map { .number($0.height) } ?? .bool(false),
                "photoAlt": .text(photoAlt),
                "calendarLabel": .text(strings.format("add_artist_calendar", ["name": artist.name])),
                "hasLinks": .bool(!artist.links.isEmpty),
            ]))
        sets = .list(models.map { .object($0) })
        hasSets = !models.isEmpty
    }

    /// What the artist's page shows: the language's digest, the artist's fields and each set.
    static func digest(_ artist: Artist, site: SiteContext) -> UnitDigest {
        var digest = DigestBuilder("artist page")
        digest.add(site.digest)
        digest.add(site.resources.artistDigest(of: artist))
        for position in site.resources.index.positions(byArtist: artist.id) {
            digest.add(site.setDigests[Int(position)])
        }
        site.add(site.cancelled { $0.artistIDs.contains(artist.id) }, to: &digest)
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
