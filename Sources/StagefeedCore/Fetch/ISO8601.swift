import Foundation

/// Parses the ISO 8601 instants APIs send: with or without fractional seconds, with `Z`
/// or a numeric offset. The usual shape (`2027-07-23T21:30:00+02:00`, `…Z`, whole or
/// `.000` seconds) is read by arithmetic; anything else goes through Foundation's parser.
enum ISO8601 {
    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func instant(from text: String) -> Date? {
        if let date = quick(text) { return date }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = try? plain.parse(trimmed) { return date }
        return try? fractional.parse(trimmed)
    }

    /// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of zeros, and `Z` or `±HH:MM`; nil for any
    /// other shape (left to Foundation).
    static func quick(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            func number(_ start: Int, _ count: Int) -> Int? {
                guard start + count <= bytes.count else { return nil }
                var value = 0
                for index in start..<(start + count) {
                    let byte = bytes[index]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            func byte(_ index: Int, is expected: Character) -> Bool {
                index < bytes.count && bytes[index] == expected.asciiValue
            }
            guard bytes.count >= 20, let year = number(0, 4), byte(4, is: "-"), let month = number(5, 2),
                byte(7, is: "-"),
                let day = number(8, 2), byte(10, is: "T"), let hour = number(11, 2), byte(13, is: ":"),
                let minute = number(14, 2), byte(16, is: ":"), let second = number(17, 2),
                (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year), hour < 24,
                minute < 60,
                second < 60
            else { return nil }
            var position = 19
            if byte(position, is: ".") {
                position += 1
                let start = position
                while position < bytes.count, bytes[position] == UInt8(ascii: "0") { position += 1 }
                guard position > start, position < bytes.count, bytes[position] < 0x30 || bytes[position] > 0x39 else {
                    return nil
                }
            }
            var offset = 0
            if byte(position, is: "Z") {
                position += 1
            } else if byte(position, is: "+") || byte(position, is: "-") {
                guard let hours = number(position + 1, 2), byte(position + 3, is: ":"),
                    let minutes = number(position + 4, 2),
                    hours < 24, minutes < 60
                else { return nil }
                offset = (hours * 3600 + minutes * 60) * (byte(position, is: "-") ? -1 : 1)
                position += 6
            } else {
                return nil
            }
            guard position == bytes.count else { return nil }
            let days = LocalDate(year: year, month: month, day: day).daysSince1970
            return Date(
                timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second - offset))
        }
    }
}
