import Foundation
import Testing

@testable import StagefeedCore

/// The store's copy of a performance, written without JSONEncoder, reads back with
/// JSONDecoder as the same performance, whatever its fields hold.
@Suite struct StoredPerformanceTests {
    private static let texts = [
        "", "Los Ñandúes", "quote \" and backslash \\", "line\nbreak\ttab\r", "<b>&amp;</b>", "\u{1}\u{1F}",
        "emoji 🎸 and e\u{301}", "\u{2028}\u{2029}", "日本語のバンド", "/slashes/",
    ]

    private static func text(_ random: inout SeededGenerator) -> String {
        texts[Int(random.next() % UInt64(texts.count))] + String(random.next() % 1000)
    }

    private static func maybe(_ random: inout SeededGenerator) -> Bool { random.next() % 2 == 0 }

    /// Seconds with fractions, before 2001, far ahead: every kind of number a date gives.
    private static func date(_ random: inout SeededGenerator) -> Date {
        let kinds: [Double] = [
            Double(random.next() % 1_000_000_000), -Double(random.next() % 1_000_000) - 0.25,
            Double(random.next() % 1_000_000_000) / 7, 1e-7 * Double(random.next() % 100), 9.007_199_254_740_993e15,
            Double(random.next() % 1_000_000_000_000) + 0.1,
        ]
        return Date(timeIntervalSinceReferenceDate: kinds[Int(random.next() % UInt64(kinds.count))])
    }

    private static func performance(_ random: inout SeededGenerator) -> Performance {
        let details =
            maybe(&random)
            ? NightDetails(
                genres: (0..<Int(random.next() % 3)).map { _ in text(&random) },
                minimumAge: maybe(&random) ? Int(random.next() % 30) : nil,
                dressCode: maybe(&random) ? text(&random) : nil, ticketURL: maybe(&random) ? text(&random) : nil,
                flyerURL: maybe(&random) ? text(&random) : nil) : nil
        return Performance(
            id: text(&random), stageID: text(&random), artistID: maybe(&random) ? text(&random) : nil,
            activity: maybe(&random)
                ? Activity(
                    id: text(&random), name: text(&random), description: maybe(&random) ? text(&random) : nil,
                    imageURL: maybe(&random) ? text(&random) : nil) : nil,
            displayName: text(&random), description: maybe(&random) ? text(&random) : nil, start: date(&random),
            end: date(&random), updatedAt: maybe(&random) ? date(&random) : nil,
            day: LocalDate(year: 2027, month: Int(random.next() % 12) + 1, day: Int(random.next() % 28) + 1),
            lineup: maybe(&random) ? (0..<Int(random.next() % 4)).map { _ in text(&random) } : nil,
            details: details)
    }

    @Test(arguments: 0..<20)
    func aStoredPerformanceReadsBackAsItWas(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<50 {
            let performance = Self.performance(&random)
            let stored = try #require(StoredPerformance.json(performance))
            let read = try JSONDecoder().decode(Performance.self, from: stored)
            #expect(read == performance, "\(String(decoding: stored, as: UTF8.self))")
            // As JSONEncoder's copy reads back, to the bit of every date.
            let encoded = try JSONDecoder().decode(Performance.self, from: JSONEncoder().encode(performance))
            #expect(read.start.timeIntervalSinceReferenceDate == encoded.start.timeIntervalSinceReferenceDate)
            #expect(read == encoded)
        }
    }

    @Test func aDateJSONCannotHoldIsNotStored() {
        var random = SeededGenerator(seed: 1)
        var performance = Self.performance(&random)
        performance.end = Date(timeIntervalSinceReferenceDate: .infinity)
        #expect(StoredPerformance.json(performance) == nil)
        #expect((try? JSONEncoder().encode(performance)) == nil, "JSONEncoder refuses it as well")
    }
}
