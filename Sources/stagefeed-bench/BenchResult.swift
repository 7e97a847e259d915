import Foundation

/// One scenario's figures.
struct BenchResult: Codable {
    /// One phase's wall time.
    struct Phase: Codable {
        var name: String
        var seconds: Double
    }

    var size: Int
    var scenario: String
    var seconds = 0.0
    var phases: [Phase] = []
    var written = 0
    var unchanged = 0
    var removed = 0
    var bytes = 0
    var performances = 0
    var peakMemoryMB = 0.0
    /// Units of work planned and made (a unit's files are as the last build left them when
    /// it is not made).
    var units = 0
    var unitsMade = 0
    /// Entries of the output folder a no-op build changed (`feeds/status.json` aside).
    var touched: Int?
    /// The search index gzipped, and each keystroke's time (median, slowest) in Chromium
    /// with 4× CPU throttling (the `search` scenario).
    var gzipBytes: Int?
    var keystrokeMedianMS: Double?
    var keystrokeMaxMS: Double?
    /// How many runs the figures are the median of, and the fastest and slowest run's
    /// `timedSeconds`.
    var runs = 1
    var fastest: Double?
    var slowest: Double?

    /// What a run is timed by: the bare `write` phase of the floor, the wall time of the rest.
    var timedSeconds: Double {
        if scenario == "floor", let write = phases.first(where: { $0.name == "write" }) { return write.seconds }
        return seconds
    }

    /// The run with the median `timedSeconds` (the slower middle one of an even number),
    /// with the count of runs and the fastest and slowest.
    static func median(of results: [BenchResult]) -> BenchResult {
        let sorted = results.sorted { $0.timedSeconds < $1.timedSeconds }
        var median = sorted[sorted.count / 2]
        if sorted.count > 1 {
            median.runs = sorted.count
            median.fastest = sorted.first!.timedSeconds
            median.slowest = sorted.last!.timedSeconds
        }
        return median
    }

    /// ` (3.71–4.55 s, median of 3)` for a repeated scenario (`write 0.45–0.52 s` for the
    /// floor); empty for a single run.
    var spread: String {
        guard runs > 1, let fastest, let slowest else { return "" }
        let what = scenario == "floor" ? "write " : ""
        return " (\(what)\(String(format: "%.2f", fastest))–\(String(format: "%.2f", slowest)) s, median of \(runs))"
    }

    /// `20000 full: 2.41 s, 26100 written (310.2 MB), peak 140 MB; load 0.3 …`.
    var line: String {
        if scenario == "search" { return "\(size) search: index \(bytes) bytes, \(searchText)" }
        let phaseText = phases.map { "\($0.name) \(String(format: "%.3f", $0.seconds))" }.joined(separator: ", ")
        return
            "\(size) \(scenario): \(String(format: "%.3f", seconds)) s, \(written) written, \(unchanged) unchanged, \(removed) removed, "
            + "\(String(format: "%.1f", Double(bytes) / 1_048_576)) MB, peak \(String(format: "%.0f", peakMemoryMB)) MB, "
            + "\(unitsMade) of \(units) units made\(touched.map { ", \($0) entries touched" } ?? ""); \(phaseText)"
    }

    /// The search scenario's figures: gzip size, keystroke times, index load.
    var searchText: String {
        var parts = ["gzip \(String(format: "%.0f", Double(gzipBytes ?? 0) / 1024)) KB"]
        if let median = keystrokeMedianMS, let slowest = keystrokeMaxMS {
            parts.append(
                "keystroke median \(String(format: "%.1f", median)) ms, slowest \(String(format: "%.1f", slowest)) ms (4× CPU)"
            )
        }
        parts += phases.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }
        return parts.joined(separator: ", ")
    }

    /// The figures as a Markdown table: one row per size and scenario, phases in the last column.
    static func table(_ rows: [BenchResult]) -> String {
        var lines = [
            "| performances | scenario | wall | files written | MB written | peak RSS | phases (s) |",
            "| ---: | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for row in rows {
            let phases = row.phases.map {
                "\($0.name.replacingOccurrences(of: "Renderer", with: "")) \(String(format: "%.2f", $0.seconds))"
            }
            .joined(separator: ", ")
            if row.scenario == "search" {
                lines.append(
                    "| \(row.size) | search | – | – | \(String(format: "%.2f", Double(row.bytes) / 1_048_576)) | – | "
                        + "\(row.searchText) |")
                continue
            }
            lines.append(
                "| \(row.size) | \(row.scenario) | \(String(format: "%.3f", row.seconds)) s\(row.spread) | \(row.written) | "
                    + "\(String(format: "%.1f", Double(row.bytes) / 1_048_576)) | \(String(format: "%.0f", row.peakMemoryMB)) MB | \(phases) |"
            )
        }
        return lines.joined(separator: "\n")
    }
}
