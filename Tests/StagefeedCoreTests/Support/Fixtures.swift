import Foundation

@testable import StagefeedCore

/// Small program drafts built inline for tests.
enum Fixtures {
    /// An instant from an ISO 8601 string with an offset.
    static func instant(_ text: String) -> Date {
        guard let date = ISO8601.instant(from: text) else { fatalError("bad fixture time \(text)") }
        return date
    }

    static func event(
        timeZone: String = "Europe/Berlin", start: String = "2027-07-23", end: String = "2027-07-25"
    ) -> EventRecord {
        EventRecord(
            id: "evt", name: "Test Fest", startDate: LocalDate(iso: start)!, endDate: LocalDate(iso: end)!,
            timeZoneIdentifier: timeZone)
    }

    static func performance(
        _ id: String, stage: String = "s_main", artist: String? = "a_1",
        _ start: String, _ end: String, title: String? = nil
    ) -> PerformanceRecord {
        PerformanceRecord(
            id: id, stageID: stage, artistID: artist, title: title, start: instant(start), end: instant(end))
    }

    /// A two-stage, two-artist draft with the given performances.
    static func draft(_ performances: [PerformanceRecord], event: EventRecord = event()) -> ProgramDraft {
        ProgramDraft(
            event: event,
            stages: [
                StageRecord(id: "s_main", name: "Main Stage", position: 1),
                StageRecord(id: "s_tent", name: "Tent", position: 2),
            ],
            artists: [ArtistRecord(id: "a_1", name: "Rosa & the Thorns"), ArtistRecord(id: "a_2", name: "Café Lune")],
            performances: performances)
    }

    /// Fifty days, July 1 to August 19, 2027, with a set on July 24 (on at 21:40) and one on
    /// August 2: a long program, whose navigation lists weeks.
    static func longProgram() -> ProgramDraft {
        draft(
            [
                performance("p_1", "2027-07-24T20:00:00+02:00", "2027-07-24T22:00:00+02:00"),
                performance("p_2", artist: "a_2", "2027-08-02T20:00:00+02:00", "2027-08-02T21:00:00+02:00"),
            ],
            event: event(start: "2027-07-01", end: "2027-08-19"))
    }
}

extension Fixtures {
    /// A program written by an attacker: markup and script in every name, a quote hidden
    /// behind a combining mark, `javascript:` and `data:` URLs, control characters, and
    /// right-to-left and emoji text that must stay readable.
    static func hostile() -> ProgramDraft {
        var event = event()
        event.name = "<script>alert('fest')</script> & \"Fest\""
        event.description = "<b>bold</b>\n\n<iframe src=javascript:alert(1)></iframe>"
        let stages = [
            StageRecord(
                id: "s_x", name: "<img src=x onerror=alert(1)>", description: "</p><script>alert(3)</script>",
                position: 1),
            StageRecord(id: "s_rtl", name: "מסך ראשי", position: 2),
        ]
        let artists = [
            ArtistRecord(
                id: "a_x", name: "\"\u{301} onmouseover=alert(1) x=\"",
                bio: "<script>document.cookie</script>\nsecond line\u{0}\u{85}",
                imageURL: "javascript:alert(1)",
                links: [
                    SocialLink(platform: "web<b>site", url: "javascript:alert(2)"),
                    SocialLink(platform: "instagram", url: "https://insta.example/a?x=1&y=2"),
                    SocialLink(platform: "other", url: "data:text/html,<script>alert(4)</script>"),
                ]),
            ArtistRecord(
                id: "a_rtl", name: "فرقة النور 🎶", bio: "Emoji 🎸🔥 and RTL مرحبا", imageURL: " https://img.example/x.jpg"
            ),
            ArtistRecord(
                id: "a_cluster",
                name: "\u{600}<img src=x onerror=alert(7)\u{600}> \"\u{1F3FB} onmouseover=alert(8) x=\""),
            ArtistRecord(id: "../../etc/passwd", name: "../../etc"),
        ]
        let performances = [
            performance(
                "\"\u{301} onfocus=alert(6) autofocus x=\"", stage: "s_x", artist: "a_x", "2027-07-23T20:00:00+02:00",
                "2027-07-23T21:00:00+02:00",
                title: "</script><script>alert(5)</script>\nnew line"),
            performance(
                "p_2", stage: "s_rtl", artist: "a_rtl", "2027-07-23T20:30:00+02:00", "2027-07-23T21:30:00+02:00"),
            performance(
                "p_4", stage: "s_rtl", artist: "a_cluster", "2027-07-24T12:00:00+02:00", "2027-07-24T13:00:00+02:00"),
            performance(
                "p_3", stage: "s_x", artist: "../../etc/passwd", "2027-07-24T01:30:00+02:00",
                "2027-07-24T02:30:00+02:00",
                title: "{{site.name}} {{{root}}}"),
        ]
        return ProgramDraft(event: event, stages: stages, artists: artists, performances: performances)
    }
}

extension Fixtures {
    /// The hostile program and more: names too long for any column in several scripts (a
    /// German compound with no break in it, Japanese, Cyrillic, Greek, Arabic and Hebrew),
    /// a line-up with tickets, sets on at 21:40 on the second day (the signage checks'
    /// clock), and a stage with no sets at all.
    static func hostileCrowded() -> ProgramDraft {
        var draft = hostile()
        draft.stages += [
            StageRecord(
                id: "s_long", name: "Hauptbühnenbeleuchtungsanlagenwartungsunternehmensgemeinschaftszelt",
                description: "Ein Zelt mit einem sehr langen Namen.", position: 3),
            StageRecord(id: "s_ja", name: "真夏の夜の夢ステージ・みずうみのほとり", position: 4),
            StageRecord(id: "s_ar", name: "المسرح الكبير على ضفاف البحيرة الزرقاء", position: 5),
            StageRecord(id: "s_empty", name: "Пустая сцена · Άδεια σκηνή", position: 6),
        ]
        draft.artists += [
            ArtistRecord(
                id: "a_de", name: "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft",
                bio: "Ein Name ohne Leerzeichen, länger als jede Spalte."),
            ArtistRecord(id: "a_ja", name: "東京スカパラダイスオーケストラとゆかいななかまたちの真夏の夜の夢"),
            ArtistRecord(
                id: "a_ru", name: "Государственный академический симфонический оркестр имени Светланова",
                links: [SocialLink(platform: "website", url: "https://orchestra.example/")]),
            ArtistRecord(id: "a_el", name: "Συμφωνική Ορχήστρα της Ελληνικής Ραδιοφωνίας Τηλεόρασης"),
            ArtistRecord(id: "a_ar", name: "الفرقة الوطنية للموسيقى العربية بقيادة المايسترو سليم سحاب"),
            ArtistRecord(id: "a_he", name: "התזמורת הפילהרמונית הישראלית והמקהלה הקאמרית"),
        ]
        var lineup = performance(
            "p_lineup", stage: "s_long", artist: "a_de", "2027-07-24T21:00:00+02:00", "2027-07-24T22:30:00+02:00")
        lineup.lineup = ["a_de", "a_ru", "a_el"]
        lineup.details = NightDetails(
            genres: ["Blasmusik", "Elektronik"], minimumAge: 18, ticketURL: "https://tickets.example/de")
        draft.performances += [
            lineup,
            performance(
                "p_ja", stage: "s_ja", artist: "a_ja", "2027-07-24T21:15:00+02:00", "2027-07-24T22:00:00+02:00"),
            performance(
                "p_ja2", stage: "s_ja", artist: "a_el", "2027-07-24T22:15:00+02:00", "2027-07-24T23:00:00+02:00"),
            performance(
                "p_ar", stage: "s_ar", artist: "a_ar", "2027-07-24T20:45:00+02:00", "2027-07-24T21:50:00+02:00"),
            performance(
                "p_he", stage: "s_rtl", artist: "a_he", "2027-07-24T21:30:00+02:00", "2027-07-24T22:45:00+02:00"),
            performance(
                "p_ru", stage: "s_x", artist: "a_ru", "2027-07-24T19:00:00+02:00", "2027-07-24T21:35:00+02:00"),
            performance(
                "p_short", stage: "s_x", artist: "a_de", "2027-07-24T22:00:00+02:00", "2027-07-24T22:10:00+02:00"),
        ]
        return draft
    }
}
