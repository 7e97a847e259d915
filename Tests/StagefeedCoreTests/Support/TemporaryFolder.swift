import Foundation

/// A fresh folder under the system's temporary folder, removed when the test is done.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("stagefeed-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the folder.
    func path(_ relative: String) -> URL { url.appendingPathComponent(relative) }

    /// Writes text to a path inside the folder, creating its parents.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let target = path(relative)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Reads text at a path inside the folder, nil when absent.
    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative).path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every regular file below the folder, as sorted relative paths.
    func files() -> [String] {
        TemporaryFolderListing.files(below: url)
    }
}
