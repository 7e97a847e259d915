import Crypto
import Foundation

/// An output folder and the folder in the store where stagefeed keeps what it remembers
/// about it (the manifest of the files it wrote), so the output folder holds the export and
/// nothing else. Both are named by the output folder's resolved path (symbolic links
/// followed), so one store serves several output folders and the same folder reached by two
/// paths is one folder.
public struct OutputLocation: Sendable, Equatable {
    /// The output folder as configured.
    public let folder: URL
    /// The output folder's absolute path with symbolic links resolved.
    public let resolvedPath: String
    /// `<cache>/outputs/<key>/`: the manifest of this output folder.
    public let recordsFolder: URL

    /// The location of `folder`, with its records in the store folder `cache`.
    public init(folder: URL, cache: URL) {
        self.folder = folder
        resolvedPath = Self.resolve(folder)
        let key = SHA256.hash(data: Data(resolvedPath.utf8)).prefix(10).hexadecimal
        recordsFolder = cache.appendingPathComponent("outputs", isDirectory: true).appendingPathComponent(
            key, isDirectory: true)
    }

    /// The manifest's file in the store.
    var manifestFile: URL { recordsFolder.appendingPathComponent("manifest.json") }

    /// The records of the last build's units (`UnitRecords`).
    var unitsFile: URL { recordsFolder.appendingPathComponent("units.txt") }

    /// The entries of the whole-program files kept for the next build (`KeptEntries`).
    var entriesFolder: URL { recordsFolder.appendingPathComponent("entries", isDirectory: true) }

    /// Where a build stages changed files until they are renamed into place: beside the
    /// manifest in the store when the store is on the output folder's file system (so the
    /// output folder is not touched at all until then), else `.stagefeed-staging` inside the
    /// output folder (a rename cannot cross file systems). Both folders exist when this is asked.
    func stagingFolder() -> URL {
        var store = stat(), output = stat()
        if stat(recordsFolder.path, &store) == 0, stat(folder.path, &output) == 0, store.st_dev == output.st_dev {
            return recordsFolder.appendingPathComponent("staging", isDirectory: true)
        }
        return folder.appendingPathComponent(Self.stagingName, isDirectory: true)
    }

    /// The staging folder's name inside the output folder.
    static let stagingName = ".stagefeed-staging"

    /// Every place a build that died before its commit may have left staged files.
    var leftoverStagingFolders: [URL] {
        [
            recordsFolder.appendingPathComponent("staging", isDirectory: true),
            folder.appendingPathComponent(Self.stagingName),
        ]
    }

    /// The absolute path of `folder` with every symbolic link along it resolved (as far as
    /// the path exists: a folder not made yet keeps its remaining components).
    static func resolve(_ folder: URL) -> String {
        var existing = folder.standardizedFileURL
        var missing: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            missing.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        guard let real = realpath(existing.path, nil) else { return folder.standardizedFileURL.path }
        defer { free(real) }
        var path = URL(fileURLWithPath: String(cString: real), isDirectory: true)
        for component in missing { path.appendPathComponent(component) }
        return path.standardizedFileURL.path
    }
}
