import Foundation

/// What `stagefeed announce "TEXT" …` asks for, as typed, checked against the program
/// (its stages, timezone and festival days) and the export's languages into a draft for
/// the store; anything wrong is an `AnnouncementError` and nothing is stored.
public struct AnnouncementRequest: Sendable {
    /// The longest text, in characters as people count them.
    public static let maximumLength = 500

    public var text: String?
    /// `--text-LANG` values: the tag as typed (`de`, `es-ES`) and the text.
    public var translations: [(tag: String, text: String)]
    public var level: Announcement.Level
    /// `--screens` values as typed (each may hold several, comma-separated); none: all.
    public var screens: [String]
    /// `--for`, `--until` as typed.
    public var duration: String?
    public var until: String?

    public init(
        text: String?, translations: [(tag: String, text: String)] = [], level: Announcement.Level = .info,
        screens: [String] = [], duration: String? = nil, until: String? = nil
    ) {
        self.text = text
        self.translations = translations
        self.level = level
        self.screens = screens
        self.duration = duration
        self.until = until
    }

    /// The draft for the store: set at `now` (whole seconds) by `setBy`, until `--for`,
    /// `--until` or, without either, the end of the festival day `now` falls in.
    public func draft(
        program: Program, locales: [SiteLocale], now: Date, setBy: String
    ) throws(AnnouncementError) -> AnnouncementDraft {
        guard let text else { throw .noText }
        let start = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        var texts: [String: String] = [:]
        for (tag, translation) in translations {
            let flag = "--text-\(tag)"
            guard let locale = SiteLocale(tag: tag, isDefault: false),
                locales.contains(where: { $0.tag == locale.tag || $0.language == locale.tag })
            else { throw .unknownLanguage(flag: flag, languages: locales.map(\.tag)) }
            texts[locale.tag.lowercased()] = try Self.checked(translation, flag: flag)
        }
        return AnnouncementDraft(
            level: level, text: try Self.checked(text, flag: "the text"), texts: texts,
            screens: try targets(program: program), start: start, end: try end(program: program, after: start),
            timeZone: program.event.timeZone, setBy: setBy)
    }

    /// A text trimmed, and checked: not blank, not too long, no control characters but line breaks.
    static func checked(_ text: String, flag: String) throws(AnnouncementError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .emptyText(flag: flag) }
        guard trimmed.count <= maximumLength else { throw .tooLong(flag: flag, characters: trimmed.count) }
        if let control = trimmed.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control && $0 != "\n"
        }) {
            throw .controlCharacter(flag: flag, scalar: String(format: "U+%04X", control.value))
        }
        return trimmed
    }

    /// The screens asked for, each once; `all` stands alone.
    func targets(program: Program) throws(AnnouncementError) -> [ScreenTarget] {
        let words = screens.flatMap { $0.split(whereSeparator: { $0 == "," || $0.isWhitespace }) }.map {
            String($0).lowercased()
        }
        if words.isEmpty || words.contains("all") { return [.all] }
        let slugs = program.stages.map(\.slug)
        var targets: [ScreenTarget] = []
        for word in words {
            let target = ScreenTarget(word)
            if case .stage(let slug) = target, !slugs.contains(slug) {
                throw .unknownStage(slug: slug, known: slugs)
            }
            if !targets.contains(target) { targets.append(target) }
        }
        return targets
    }

    /// When the announcement ends.
    func end(program: Program, after start: Date) throws(AnnouncementError) -> Date {
        let calendar = program.festivalCalendar
        switch (duration, until) {
        case (.some, .some):
            throw .forAndUntil
        case (let duration?, nil):
            guard let seconds = SettingsLookup.seconds(in: duration), seconds > 0 else {
                throw .badDuration(duration)
            }
            return start.addingTimeInterval(TimeInterval(seconds))
        case (nil, let until?):
            guard let end = Self.instant(until, calendar: calendar, now: start) else { throw .badTime(until) }
            guard end > start else {
                let format = EventTimeFormat(timeZone: calendar.timeZone)
                throw .endInPast(
                    given: until, now: format.shortDatedDay(format.localDate(start)) + " " + format.clockTime(start))
            }
            return Date(timeIntervalSince1970: end.timeIntervalSince1970.rounded(.down))
        case (nil, nil):
            return calendar.end(of: calendar.festivalDay(of: start))
        }
    }

    /// `HH:MM` on the festival day `now` falls in (a time before the day start is the
    /// night after), `YYYY-MM-DDTHH:MM[:SS]` in festival time, or ISO 8601 with an offset.
    static func instant(_ text: String, calendar: FestivalCalendar, now: Date) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let time = DayStart(parsing: text.count == 4 ? "0" + text : text) {
            var date = calendar.festivalDay(of: now)
            if time.minutesAfterMidnight < calendar.dayStart.minutesAfterMidnight { date = date.adding(days: 1) }
            return calendar.calendar.date(
                from: DateComponents(
                    year: date.year, month: date.month, day: date.day, hour: time.hour, minute: time.minute))
        }
        let local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/
        if let match = text.wholeMatch(of: local), let date = LocalDate(iso: String(match.1)),
            let hour = Int(match.2), let minute = Int(match.3), hour < 24, minute < 60
        {
            let second = match.4.flatMap { Int($0) } ?? 0
            return calendar.calendar.date(
                from: DateComponents(
                    year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second))
        }
        return ISO8601.instant(from: text)
    }
}
