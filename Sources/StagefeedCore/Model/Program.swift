import Foundation

/// The normalized program: plain values every renderer reads. Stages are in display order,
/// artists in name order, performances by start time then stage order.
public struct Program: Sendable, Equatable, Codable {
    public var event: Event
    public var dayStart: DayStart
    public var days: [FestivalDay]
    public var stages: [Stage]
    public var artists: [Artist]
    public var performances: [Performance]
    public var warnings: [ProgramWarning]

    /// A calendar that reads instants in the event's timezone with this program's day start.
    public var festivalCalendar: FestivalCalendar {
        FestivalCalendar(timeZone: event.timeZone, dayStart: dayStart)
    }

    /// The stage with an id.
    public func stage(id: String) -> Stage? { stages.first { $0.id == id } }

    /// The artist with an id.
    public func artist(id: String) -> Artist? {
        artists.first { $0.id == id }
    }

    /// The performances on one stage, in time order.
    public func performances(onStage stageID: String) -> [Performance] {
        performances.filter { $0.stageID == stageID }
    }

    /// The performances of one artist (on its own or in a line-up), in time order.
    public func performances(byArtist artistID: String) -> [Performance] {
        performances.filter { $0.artistID == artistID || $0.lineup?.contains(artistID) == true }
    }

    /// The performances of one festival day, in program order.
    public func performances(on day: LocalDate) -> [Performance] {
        performances.filter { $0.day == day }
    }
}
