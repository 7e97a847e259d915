import Foundation

/// The list of files stagefeed wrote into an output folder, kept in the folder as
/// `.stagefeed-manifest.json`, so a later build removes only files it wrote itself.
struct Manifest: Codable, Equatable {
    static let fileName = ".stagefeed-manifest.json"

    var version = 1
    /// Relative paths, sorted.
    var files: [String]

    init(files: some Sequence<String>) {
        self.files = Array(Set(files)).sorted()
    }

    /// The manifest in `folder`, or an empty one when the folder has none yet.
    static func read(in folder: URL) throws(OutputError) -> Manifest {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return Manifest(files: []) }
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
            guard manifest.files.allSatisfy(OutputPath.isSafe) else {
                throw OutputError.manifestUnreadable(path: url.path, reason: "it lists a path outside the folder")
            }
            return manifest
        } catch let error as OutputError {
            throw error
        } catch {
            throw .manifestUnreadable(path: url.path, reason: "\(error)")
        }
    }

    /// The manifest's bytes: pretty, sorted, stable.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
