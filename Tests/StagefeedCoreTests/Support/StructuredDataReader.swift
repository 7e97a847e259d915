import Foundation

/// The JSON-LD of an export's pages as `Tests/tools/jsonld_check.py` reads them: parsed,
/// expanded by PyLD against schema.org's committed context, with every problem it found.
struct StructuredDataReader {
    struct Event: Decodable {
        var type: String
        var name: String?
        var start: String?
        var end: String?
        var status: String?
        var previous: [String?]
        var location: String?
        var venue: String?
        var performers: [String?]
        var performerURLs: [String?]
        var superEvent: String?
        var url: String?
        var image: String?
        var offers: [String?]
    }

    struct Page: Decodable {
        var blocks: Int
        var events: [Event]
        var problems: [String]
    }

    /// The pages at `paths` below `output`, by path.
    static func read(_ output: URL, pages paths: [String]) async throws -> [String: Page] {
        let result = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("jsonld_check.py").path, Repository.fixture("schemaorg/context-excerpt.jsonld").path,
                output.path,
            ] + paths)
        guard result.status == 0, let data = result.output.split(separator: "\n").last.map({ Data($0.utf8) }) else {
            throw Failure(output: result.output)
        }
        return try JSONDecoder().decode([String: Page].self, from: data)
    }

    struct Failure: Error { var output: String }
}
