import Foundation

/// The list of files stagefeed wrote into an output folder, kept in the store
/// (`OutputLocation.manifestFile`), so a later build removes only files it wrote itself.
struct Manifest: Equatable {
    /// The name the manifest had inside the output folder before it moved to the store;
    /// such a file is adopted and removed by the next build.
    static let legacyFileName = ".stagefeed-manifest.json"

    /// The layout this version of stagefeed writes.
    static let currentVersion = 2

    var version = currentVersion
    /// The output folder's resolved path, for a person reading the store.
    var folder: String?
    /// Relative paths, sorted.
    var files: [String]

    init(files: some Sequence<String>, folder: String? = nil) {
        self.init(files: Set(files), folder: folder)
    }

    /// The files of a set as they are: a build's 25,000 paths are not hashed again.
    init(files: Set<String>, folder: String? = nil) {
        self.files = files.sorted()
        self.folder = folder
    }

    /// A manifest of files as a manifest file lists them (sorted when stagefeed wrote it).
    private init(sortedFiles: [String]) {
        files = sortedFiles
    }

    /// The manifest in `file`, or an empty one when there is none yet.
    static func read(from file: URL) throws(OutputError) -> Manifest {
        guard FileManager.default.fileExists(atPath: file.path) else { return Manifest(files: []) }
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw .manifestUnreadable(path: file.path, reason: error.localizedDescription)
        }
        return try parse(data, path: file.path)
    }

    /// The manifest in `data`, read from `path`: `files` (relative paths inside the folder),
    /// with `version` and `folder` where they are.
    static func parse(_ data: Data, path: String) throws(OutputError) -> Manifest {
        guard case .object(let members)? = JSONParser.parse(data, maximumDepth: 4) else {
            throw .manifestUnreadable(path: path, reason: "it is not a JSON object")
        }
        guard case .array(let list)? = members["files"] else {
            throw .manifestUnreadable(path: path, reason: "it has no list of files")
        }
        var files: [String] = []
        files.reserveCapacity(list.count)
        for entry in list {
            guard case .string(let file) = entry else {
                throw .manifestUnreadable(path: path, reason: "its list of files holds something other than a path")
            }
            guard OutputPath.isSafe(file) else {
                throw .manifestUnreadable(path: path, reason: "it lists a path outside the folder")
            }
            files.append(file)
        }
        var manifest = Manifest(sortedFiles: files)
        switch members["version"] {
        case .number(let version)? where version == version.rounded(): manifest.version = Int(version)
        case nil: break
        default: throw .manifestUnreadable(path: path, reason: "its version is not a number")
        }
        switch members["folder"] {
        case .string(let folder)?: manifest.folder = folder
        case nil, .null?: break
        default: throw .manifestUnreadable(path: path, reason: "its folder is not a path")
        }
        return manifest
    }

    /// The manifest of the output folder at `location`.
    static func read(for location: OutputLocation) throws(OutputError) -> Manifest {
        try read(from: location.manifestFile)
    }

    /// Whether the manifest lists exactly `files`, of `folder`, in the layout this version
    /// writes: then the manifest of those files would be its bytes again.
    func lists(exactly files: Set<String>, folder: String?) -> Bool {
        version == Self.currentVersion && self.folder == folder && self.files.count == files.count
            && self.files.allSatisfy(files.contains)
    }

    /// The manifest's bytes: pretty, sorted, stable (JSONEncoder's layout, pretty printed
    /// with sorted keys and slashes as they are).
    func encoded() -> Data {
        var json = JSONWriter(style: .feed, capacity: 64 + files.reduce(0) { $0 + $1.utf8.count + 8 })
        json.beginObject()
        json.key("files")
        json.beginArray()
        for file in files { json.string(file) }
        json.endArray()
        if let folder {
            json.key("folder")
            json.string(folder)
        }
        json.key("version")
        json.number(version)
        json.endObject()
        return Data(json.take())
    }
}
