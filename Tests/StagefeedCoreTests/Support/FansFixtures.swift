import Foundation

@testable import StagefeedCore

extension Fixtures {
    /// The crowded hostile program with what fans search for and filter by: accented Latin
    /// names ("Björk", "Ñandú Trío"), names the issue saw broken on a phone ("Songwriting
    /// Workshop", "Northbound Freight"), a workshop (an activity) and, from the hostile
    /// program, kana, Cyrillic, Greek, Arabic and Hebrew names and a line-up with genres.
    static func fans() -> ProgramDraft {
        var draft = hostileCrowded()
        draft.artists += [
            ArtistRecord(id: "a_bjork", name: "Björk"),
            ArtistRecord(id: "a_nandu", name: "Ñandú Trío"),
            ArtistRecord(id: "a_north", name: "Northbound Freight"),
        ]
        draft.performances += [
            performance(
                "p_bjork", stage: "s_rtl", artist: "a_bjork", "2027-07-24T20:00:00+02:00", "2027-07-24T21:00:00+02:00"),
            performance(
                "p_nandu", stage: "s_ar", artist: "a_nandu", "2027-07-24T23:00:00+02:00", "2027-07-24T23:45:00+02:00"),
            performance(
                "p_north", stage: "s_x", artist: "a_north", "2027-07-24T16:00:00+02:00", "2027-07-24T17:00:00+02:00"),
            PerformanceRecord(
                id: "p_song", stageID: "s_long", activity: Activity(id: "act_song", name: "Songwriting Workshop"),
                start: instant("2027-07-24T14:00:00+02:00"), end: instant("2027-07-24T15:30:00+02:00")),
        ]
        return draft
    }
}
