import Foundation

/// The values of each kind of page: the index, a day, a stage, an artist and "my
/// schedule", on top of what every page gets (`SiteValues.page`).
struct SitePages {
    let values: SiteValues
    private var program: Program { values.program }
    private var format: EventTimeFormat { values.format }

    func index() -> [String: Any] {
        let path = SitePath.index
        let letters = ArtistLetters(program.artists).groups.enumerated().map { index, group in
            [
                "letter": group.letter, "anchor": "artists-\(index + 1)",
                "artists": group.artists.map { artist in
                    [
                        "name": artist.name, "href": values.home(of: path) + SitePath.artist(artist.slug),
                        "setCount": values.index.performances(byArtist: artist.id).count,
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
        return values.page(
            path: path, title: program.event.name, calendar: "calendar/program.ics",
            extra: [
                "letters": letters,
                "lede": values.strings.format(
                    "sets_on_stages",
                    [
                        "sets": values.number(program.performances.count),
                        "stages": values.number(program.stages.count),
                    ]),
                "counts": [
                    "days": program.days.count, "stages": program.stages.count,
                    "artists": program.artists.count, "sets": program.performances.count,
                ],
            ])
    }

    func day(_ day: FestivalDay) -> [String: Any] {
        // `grid` is false for a day without sets.
        let path = SitePath.day(day.date)
        let home = values.home(of: path)
        let performances = values.index.performances(on: day.date)
        let position = program.days.firstIndex { $0.date == day.date }!
        func neighbour(_ index: Int) -> [String: Any]? {
            guard program.days.indices.contains(index) else { return nil }
            let date = program.days[index].date
            return ["title": format.dayTitle(date), "href": home + SitePath.day(date)]
        }
        var extra: [String: Any] = [
            "grid": false,
            "day": [
                "title": format.dayTitle(day.date), "date": day.date.description,
                "previous": neighbour(position - 1) ?? false, "next": neighbour(position + 1) ?? false,
            ] as [String: Any],
            "sets": performances.map { values.set($0, home: home) },
            "hasSets": !performances.isEmpty,
        ]
        if let grid = DayGrid(performances: performances, format: format) {
            let columns = program.stages
            extra["grid"] =
                [
                    "rows": grid.rows,
                    "stageCount": columns.count,
                    "hours": grid.hours.map {
                        ["label": format.hourLabel($0.instant), "row": $0.row] as [String: Any]
                    },
                    "columns": columns.map { stage in
                        [
                            "name": stage.name, "href": home + SitePath.stage(stage.slug),
                            "sets": (grid.blocks[stage.id] ?? []).map { block in
                                values.set(block.performance, home: home).merging([
                                    "row": block.row, "span": block.span,
                                ]) { $1 }
                            },
                        ] as [String: Any]
                    },
                ] as [String: Any]
        }
        return values.page(
            path: path, title: "\(format.dayTitle(day.date)) · \(program.event.name)",
            calendar: "calendar/days/\(day.date).ics", extra: extra)
    }

    func stage(_ stage: Stage) -> [String: Any] {
        let path = SitePath.stage(stage.slug)
        let home = values.home(of: path)
        let sets = values.index.performances(onStage: stage.id)
        let days = program.days.compactMap { day -> [String: Any]? in
            let daySets = values.index.performances(onStage: stage.id, on: day.date)
            guard !daySets.isEmpty else { return nil }
            return [
                "title": format.dayTitle(day.date), "date": day.date.description, "href": home + SitePath.day(day.date),
                "sets": daySets.map { values.set($0, home: home) },
            ]
        }
        var details: [String: Any] = [
            "name": stage.name, "description": values.paragraphs(stage.description),
            "capacity": false,
        ]
        if case .people(let count)? = stage.capacity {
            details["capacity"] = values.strings.format("capacity", ["count": values.number(count)])
        }
        return values.page(
            path: path, title: "\(stage.name) · \(program.event.name)",
            calendar: "calendar/stages/\(stage.slug).ics",
            extra: ["stage": details, "stageDays": days, "hasSets": !sets.isEmpty])
    }

    func artist(_ artist: Artist) -> [String: Any] {
        let path = SitePath.artist(artist.slug)
        let home = values.home(of: path)
        var details: [String: Any] = [
            "name": artist.name,
            "bio": values.paragraphs(artist.bio),
            "links": artist.links.map { ["label": Self.label(of: $0.platform), "url": $0.url] },
        ]
        details["image"] = artist.imageURL.map { $0 as Any } ?? false
        details["photoAlt"] = values.strings.format("photo_of", ["name": artist.name])
        details["calendarLabel"] = values.strings.format("add_artist_calendar", ["name": artist.name])
        details["hasLinks"] = !artist.links.isEmpty
        let sets = values.index.performances(byArtist: artist.id)
        return values.page(
            path: path, title: "\(artist.name) · \(program.event.name)",
            calendar: "calendar/artists/\(artist.slug).ics",
            extra: ["artist": details, "sets": sets.map { values.set($0, home: home) }, "hasSets": !sets.isEmpty])
    }

    /// The page's values, and the program it embeds (written where `scheduleJSON` goes, see `Splice`).
    func mySchedule() -> (values: [String: Any], data: JSONStream) {
        let path = SitePath.mySchedule
        let data = ScheduleData.document(values: values, home: values.home(of: path))
        return (
            values.page(
                path: path, title: "\(values.strings["my_schedule"]) · \(program.event.name)",
                calendar: "calendar/program.ics",
                extra: ["scheduleJSON": Splice.placeholder]), data
        )
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
}
