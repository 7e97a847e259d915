import Foundation

/// Reads the calendars in an output folder through `Tests/tools/read_ics.py` (Python
/// icalendar and vobject, installed by `scripts/install-test-tools`).
struct CalendarReader {
    /// A reminder (VALARM): its action, its trigger in seconds from the event's start
    /// (negative: before it) and its text.
    struct Alarm: Decodable {
        var action: String
        var trigger: Int
        var description: String
    }

    struct Event: Decodable {
        var uid: String
        var start: Double
        var end: Double
        var tzid: String
        var summary: String
        var description: String
        var location: String
        var sequence: Int
        var status: String
        var dtstamp: String
        var last_modified: String
        var alarms: [Alarm]
    }

    struct Transition: Decodable, Equatable {
        var kind: String
        var start: String
        var from: Int
        var to: Int
    }

    struct Calendar: Decodable {
        var name: String
        var refresh: String?
        var timezones: [String: [Transition]]
        var events: [Event]
    }

    /// Every calendar below `folder`, by relative path; throws with the reader's complaints.
    static func read(_ folder: URL) async throws -> [String: Calendar] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("tools/read_ics.py")
        let result = try await ExternalTool.run("python3", [script.path, folder.path])
        guard result.status == 0 else { throw Failure(message: result.output) }
        return try JSONDecoder().decode([String: Calendar].self, from: Data(result.output.utf8))
    }

    struct Failure: Error, CustomStringConvertible {
        var message: String
        var description: String { "read_ics.py: \(message)" }
    }
}
