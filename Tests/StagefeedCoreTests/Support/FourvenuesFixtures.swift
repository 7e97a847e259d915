import Foundation

/// A venue's nights as Fourvenues lists them, deterministic: a night every evening from
/// tomorrow, 23:00 to 06:00 in Madrid, in two rooms (towns) or none, with line-ups written
/// both ways the API allows (names, `{name, image_url}`), genres as text or a list, ages,
/// dress codes, flyers and ticket links.
enum FourvenuesFixtures {
    static let timeZone = TimeZone(identifier: "Europe/Madrid")!

    /// Midnight in Madrid `days` days from today.
    static func midnight(in days: Int, from now: Date = Date()) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: now))!
    }

    static func night(_ index: Int, name: String? = nil, from now: Date = Date()) -> [String: JSONLike] {
        let start = midnight(in: index + 1, from: now).addingTimeInterval(23 * 3600)
        let end = start.addingTimeInterval(7 * 3600)
        let djs = ["DJ Nube", "Marta Sol", "Kōji", "Les Étoiles", "Bass & Co", "Ana <b>Bold</b>"]
        var fields: [String: JSONLike] = [
            "_id": .string(String(format: "ev%04d", index)),
            "name": .string(name ?? "Night \(index)"),
            "slug": .string("night-\(index)"),
            "start": .number(start.timeIntervalSince1970),
            "end": .number(end.timeIntervalSince1970),
            "date": .number(midnight(in: index + 1, from: now).timeIntervalSince1970),
            "url": .string("https://tickets.example.com/e/\(index)"),
            "flyer": .string("http://127.0.0.1:9/flyers/\(index).jpg"),
            "age": .number(index % 3 == 0 ? 21 : 18),
            "outfit": .string("Smart casual"),
            "unknown_field": .string("ignored"),
        ]
        fields["music_genres"] =
            index % 2 == 0 ? .string("House, Techno") : .list([.string("Reggaeton"), .string("Latin")])
        if abs(index) % 5 != 4 { fields["location_town"] = .string(index % 2 == 0 ? "Madrid" : "Valencia") }
        let slot = (index % djs.count + djs.count) % djs.count
        let first = djs[slot], second = djs[(slot + 1) % djs.count]
        fields["artists"] =
            index % 2 == 0
            ? .list([.string(first), .string(second)])
            : .list([.object(["name": .string(first), "image_url": .string("http://127.0.0.1:9/a/\(index).jpg")])])
        return fields
    }

    /// Today's date in UTC, as the server's `updated_at` filter compares it.
    static func today(_ now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
