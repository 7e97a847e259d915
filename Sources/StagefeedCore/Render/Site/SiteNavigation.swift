import Foundation

/// The days and stages every page lists, as templates see them (`days`, `stages`: each
/// entry's values with its `href` and whether it is the `current` page). The lists only
/// differ by the way back to the language's home (a page's depth) and by the entry of the
/// page itself, so each depth's lists are made once and shared by every page at that depth;
/// only a day's or a stage's own page gets a copy with its entry marked. At 50 days and
/// 800 stages, making them anew for each of 100,000 pages had cost more than the pages.
final class SiteNavigation {
    typealias Entry = (values: [String: Any], path: String)

    private let dayEntries: [Entry]
    private let stageEntries: [Entry]
    /// Each entry's position by its path.
    private let dayPositions: [String: Int]
    private let stagePositions: [String: Int]
    /// The lists by the way home (`../../`), none marked current.
    private var days: [String: [[String: Any]]] = [:]
    private var stages: [String: [[String: Any]]] = [:]

    /// Navigation over `days` and `stages`: values and path (relative to home) of each.
    init(days: [Entry], stages: [Entry]) {
        dayEntries = days
        stageEntries = stages
        dayPositions = Self.positions(days)
        stagePositions = Self.positions(stages)
    }

    /// The festival days for a page `home` away from the language's home, at `current`.
    func days(home: String, current: String) -> [[String: Any]] {
        Self.list(dayEntries, positions: dayPositions, home: home, current: current, cache: &days)
    }

    /// The stages, likewise.
    func stages(home: String, current: String) -> [[String: Any]] {
        Self.list(stageEntries, positions: stagePositions, home: home, current: current, cache: &stages)
    }

    private static func list(
        _ entries: [Entry], positions: [String: Int], home: String, current: String,
        cache: inout [String: [[String: Any]]]
    ) -> [[String: Any]] {
        let shared =
            cache[home]
            ?? {
                let made = entries.map { entry in
                    var values = entry.values
                    values["href"] = home + entry.path
                    values["current"] = false
                    return values
                }
                cache[home] = made
                return made
            }()
        guard let position = positions[current] else { return shared }
        var marked = shared
        marked[position]["current"] = true
        return marked
    }

    private static func positions(_ entries: [Entry]) -> [String: Int] {
        Dictionary(entries.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
