import Foundation

/// Instants of the festival read in the event's timezone by arithmetic: the zone's offsets
/// are looked up once for the festival's span (each daylight-saving change in it), then an
/// instant's local date and time of day, and its ISO 8601 text with the offset, cost no
/// formatter. Gives exactly what Foundation's ISO 8601 format gives (seconds truncated,
/// `Z` for a zero offset).
public struct EventClock: Sendable {
    public let timeZone: TimeZone
    /// The offset in force from each instant on (seconds since 1970), in time order.
    private let changes: [(from: Int, offset: Int)]

    /// A clock for `timeZone` exact for instants between `start` and `end` (and good enough
    /// a day either side); outside them it asks the zone.
    public init(timeZone: TimeZone, from start: Date, to end: Date) {
        self.timeZone = timeZone
        var changes: [(Int, Int)] = []
        let first = start.addingTimeInterval(-2 * 86_400)
        changes.append((Int(first.timeIntervalSince1970.rounded(.down)), timeZone.secondsFromGMT(for: first)))
        var cursor = first
        let last = end.addingTimeInterval(2 * 86_400)
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < last, changes.count < 1000 {
            changes.append((Int(next.timeIntervalSince1970.rounded(.down)), timeZone.secondsFromGMT(for: next)))
            cursor = next
        }
        self.changes = changes
        span = (changes[0].0, Int(last.timeIntervalSince1970))
    }

    private let span: (Int, Int)

    /// The zone's offset from UTC at `instant`, in seconds.
    public func offset(at instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        guard seconds >= span.0, seconds < span.1 else { return timeZone.secondsFromGMT(for: instant) }
        var low = 0, high = changes.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if changes[middle].from <= seconds { low = middle } else { high = middle - 1 }
        }
        return changes[low].offset
    }

    /// The local wall time of `instant`.
    public func local(_ instant: Date) -> LocalTime {
        LocalTime(secondsSince1970: Int(instant.timeIntervalSince1970.rounded(.down)) + offset(at: instant))
    }

    /// `2027-07-23T23:30:00+02:00` (`Z` for UTC).
    public func iso8601(_ instant: Date) -> String {
        let offset = self.offset(at: instant)
        let time = LocalTime(secondsSince1970: Int(instant.timeIntervalSince1970.rounded(.down)) + offset)
        guard (0...9999).contains(time.date.year), abs(offset) < 100 * 3600 else {
            return Self.iso8601Pieces(time, offset: offset)
        }
        // At most 25 ASCII bytes, written in place: one string made, not a dozen joined.
        return String(unsafeUninitializedCapacity: 25) { text in
            var count = 0
            func put(_ number: Int, digits: Int) {
                var rest = number
                for place in stride(from: count + digits - 1, through: count, by: -1) {
                    text[place] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                count += digits
            }
            func put(_ character: Unicode.Scalar) {
                text[count] = UInt8(ascii: character)
                count += 1
            }
            put(time.date.year, digits: 4)
            put("-")
            put(time.date.month, digits: 2)
            put("-")
            put(time.date.day, digits: 2)
            put("T")
            put(time.hour, digits: 2)
            put(":")
            put(time.minute, digits: 2)
            put(":")
            put(time.second, digits: 2)
            if offset == 0 {
                put("Z")
            } else {
                put(offset < 0 ? "-" : "+")
                put(abs(offset) / 3600, digits: 2)
                put(":")
                put(abs(offset) % 3600 / 60, digits: 2)
            }
            return count
        }
    }

    /// `iso8601` for a year outside 0–9999 (or an offset of 100 hours), from its pieces.
    private static func iso8601Pieces(_ time: LocalTime, offset: Int) -> String {
        var text =
            time.date.description + "T" + time.hour.zeroPadded(2) + ":" + time.minute.zeroPadded(2) + ":"
            + time.second.zeroPadded(2)
        if offset == 0 {
            text += "Z"
        } else {
            let magnitude = abs(offset)
            text +=
                (offset < 0 ? "-" : "+") + (magnitude / 3600).zeroPadded(2) + ":"
                + (magnitude % 3600 / 60).zeroPadded(2)
        }
        return text
    }
}

/// A wall-clock date and time of day.
public struct LocalTime: Sendable, Equatable {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int

    /// Minutes since local midnight.
    public var minuteOfDay: Int { hour * 60 + minute }

    /// The wall time `seconds` after 1970-01-01 00:00 (a local count, offset included).
    init(secondsSince1970 seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        hour = rest / 3600
        minute = rest % 3600 / 60
        second = rest % 60
        // Days to a civil date (H. Hinnant's algorithm).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        date = LocalDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }
}
