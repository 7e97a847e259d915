import Foundation

/// The list of files stagefeed wrote into an output folder, kept in the store
/// (`OutputLocation.manifestFile`), so a later build removes only files it wrote itself.
struct Manifest: Codable, Equatable {
    /// The name the manifest had inside the output folder before it moved to the store;
    /// such a file is adopted and removed by the next build.
    static let legacyFileName = ".stagefeed-manifest.json"

    var version = 2
    /// The output folder's resolved path, for a person reading the store.
    var folder: String?
    /// Relative paths, sorted.
    var files: [String]

    init(files: some Sequence<String>, folder: String? = nil) {
        self.files = Array(Set(files)).sorted()
        self.folder = folder
    }

    /// The manifest in `file`, or an empty one when there is none yet.
    static func read(from file: URL) throws(OutputError) -> Manifest {
        guard FileManager.default.fileExists(atPath: file.path) else { return Manifest(files: []) }
        do {
            let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: file))
            guard manifest.files.allSatisfy(OutputPath.isSafe) else {
                throw OutputError.manifestUnreadable(path: file.path, reason: "it lists a path outside the folder")
            }
            return manifest
        } catch let error as OutputError {
            throw error
        } catch {
            throw .manifestUnreadable(path: file.path, reason: "\(error)")
        }
    }

    /// The manifest of the output folder at `location`.
    static func read(for location: OutputLocation) throws(OutputError) -> Manifest {
        try read(from: location.manifestFile)
    }

    /// The manifest's bytes: pretty, sorted, stable.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}
