import Foundation

/// The suite's figures (each a median of its runs) set against the render core's targets,
/// one line per size: the full build against the floor measured in the same suite run, the
/// moved-set rebuild against the full build, the no-op rebuild, the peak memory, and each
/// size's full build against the previous size's.
enum BenchTargets {
    static func lines(_ rows: [BenchResult]) -> [String] {
        var lines: [String] = []
        var previous: (size: Int, seconds: Double)?
        for size in Array(Set(rows.map(\.size))).sorted() {
            func row(_ scenario: String) -> BenchResult? { rows.first { $0.size == size && $0.scenario == scenario } }
            guard let full = row("full") else { continue }
            var parts = [
                "\(size): full \(format(full.seconds)) s\(full.spread), peak \(Int(full.peakMemoryMB.rounded())) MB"
            ]
            if let floor = row("floor")?.phases.first(where: { $0.name == "write" })?.seconds, floor > 0 {
                parts.append("\(format(full.seconds / floor, digits: 1))× its floor (\(format(floor)) s)")
            }
            if let moved = row("moved") {
                let share = Int((moved.seconds / full.seconds * 100).rounded())
                parts.append(
                    "moved set \(format(moved.seconds)) s\(moved.spread) (\(share) % of full), \(moved.written) files")
            }
            if let noop = row("noop") {
                parts.append("no-op \(format(noop.seconds)) s, \(noop.touched ?? 0) entries touched")
            }
            if let previous {
                let ratio = full.seconds / previous.seconds
                parts.append("\(format(ratio, digits: 1))× the \(previous.size) build")
            }
            lines.append(parts.joined(separator: "; "))
            previous = (size, full.seconds)
        }
        return lines
    }

    private static func format(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }
}
