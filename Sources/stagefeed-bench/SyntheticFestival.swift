import Foundation

/// A deterministic synthetic festival of any size, as the Stagecraft API would send it
/// (the four endpoints' bodies), so the benchmark runs the real decoder: about 0.6 artists
/// per performance with bios of one to three paragraphs in mixed scripts, 10 % activities,
/// sets from noon until past 3 a.m., stages and days scaled with the size. It links no
/// pictures: fetching them is the network's time, once per picture (later builds keep the
/// stored copies), not the render core's.
struct SyntheticFestival {
    let performances: Int
    let days: Int
    let stages: Int
    let artists: Int

    init(performances: Int) {
        self.performances = performances
        days = max(3, min(60, performances / 2_000))
        stages = max(4, Int((Double(performances) / Double(days * 12)).rounded(.up)))
        artists = max(1, performances * 6 / 10)
    }

    /// The bodies of `GET /event`, `/stages`, `/artists`, `/program`; `moved` shifts one
    /// performance by 10 minutes, as its source would (its `updated_at` moves too): the
    /// benchmark's "one change".
    func bodies(moved: Bool = false) -> [String: Data] {
        var random = SplitMix64(seed: UInt64(performances))
        let event: [String: Any] = [
            "id": "evt_bench_\(performances)", "name": "Benchmark Festival \(performances)",
            "slug": "bench-\(performances)",
            "description": "A synthetic festival of \(performances) performances.",
            "start_date": "2027-07-01", "end_date": day(days - 1), "timezone": "Europe/Berlin",
            "updated_at": "2027-06-01T12:00:00Z",
        ]
        let stageList = (0..<stages).map { index -> [String: Any] in
            [
                "id": "s_\(index)", "name": "Stage \(Self.name(index, &random))",
                "description": "Stage number \(index + 1).",
                "capacity": 500 + index * 10, "position": index + 1,
            ]
        }
        let artistList = (0..<artists).map { index -> [String: Any] in
            let paragraphs = (0..<(1 + index % 3)).map { _ in Self.paragraph(&random) }
            return [
                "id": String(format: "a_%06d", index), "name": Self.name(index, &random),
                "bio": paragraphs.joined(separator: "\n\n"),
                "social_links": [["platform": "website", "url": "https://artist\(index).example.com/"]],
            ]
        }
        var program: [[String: Any]] = []
        var index = 0
        let perStageDay = Int((Double(performances) / Double(days * stages)).rounded(.up))
        outer: for dayIndex in 0..<days {
            for stage in 0..<stages {
                var minute = 12 * 60 + (stage % 4) * 10
                for _ in 0..<perStageDay {
                    guard index < performances else { break outer }
                    let length = 30 + Int(random.next() % 61)
                    var start = minute
                    let isMoved = moved && index == performances / 2
                    if isMoved { start += 10 }
                    var entry: [String: Any] = [
                        "id": String(format: "p_%07d", index), "stage_id": "s_\(stage)",
                        "start_time": Self.instant(dayIndex, start), "end_time": Self.instant(dayIndex, start + length),
                        "updated_at": isMoved ? "2027-06-15T12:00:00Z" : "2027-06-01T12:00:00Z", "title": NSNull(),
                        "description": NSNull(),
                    ]
                    if index % 10 == 9 {
                        entry["artist_id"] = NSNull()
                        entry["activity"] = [
                            "id": "act_\(index)", "name": "Workshop \(index)", "description": Self.paragraph(&random),
                        ]
                    } else {
                        entry["artist_id"] = String(format: "a_%06d", index * 6 / 10 % artists)
                        entry["activity"] = NSNull()
                    }
                    program.append(entry)
                    minute += length + 10
                    index += 1
                }
            }
        }
        func envelope(_ data: Any) -> Data {
            (try? JSONSerialization.data(withJSONObject: ["success": true, "data": data], options: [.sortedKeys]))
                ?? Data()
        }
        return [
            "event": envelope(event), "stages": envelope(stageList), "artists": envelope(artistList),
            "program": envelope(program),
        ]
    }

    private func day(_ index: Int) -> String {
        let parts = Self.berlin.dateComponents(
            [.year, .month, .day], from: Self.firstDay.addingTimeInterval(Double(index * 86_400 + 43_200)))
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// `2027-07-01T12:00:00+02:00` plus `minutes` on festival day `day` (past 24:00 runs
    /// into the next date; July and August keep summer time, +02:00).
    private static func instant(_ day: Int, _ minutes: Int) -> String {
        let parts = berlin.dateComponents(
            [.year, .month, .day, .hour, .minute],
            from: firstDay.addingTimeInterval(Double(day * 86_400 + minutes * 60)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:00+02:00", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!)
    }

    private static let berlin: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return calendar
    }()

    private static let firstDay: Date = berlin.date(from: DateComponents(year: 2027, month: 7, day: 1))!

    private static let syllables = ["ka", "lo", "mi", "ra", "ve", "no", "sa", "tu", "bel", "dor", "fin", "gal"]
    private static let scripts = [
        ["α", "λ", "ε", "κ", "σ"], ["な", "み", "か", "ぜ", "よ"], ["д", "и", "м", "а", "р"], ["ن", "و", "ر", "س", "ل"],
    ]

    /// A name: Latin syllables, every fifth in another script.
    static func name(_ index: Int, _ random: inout SplitMix64) -> String {
        if index % 5 == 4 {
            let script = scripts[index / 5 % scripts.count]
            return (0..<4).map { _ in script[Int(random.next() % UInt64(script.count))] }.joined() + " \(index)"
        }
        let word = (0..<3).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
        return word.prefix(1).uppercased() + word.dropFirst() + " \(index)"
    }

    /// About sixty words, some in other scripts.
    static func paragraph(_ random: inout SplitMix64) -> String {
        (0..<60).map { position in
            position % 13 == 12
                ? name(Int(random.next() % 1000) * 5 + 4, &random)
                : syllables[Int(random.next() % UInt64(syllables.count))] + "n"
        }.joined(separator: " ") + "."
    }
}

/// A small, fast, seedable random number generator (SplitMix64), so every run generates
/// the same festival.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
