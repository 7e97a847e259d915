import Foundation

/// Places in this repository the tests read: the Python tools, the fixtures copied from
/// elsewhere (`Tests/Fixtures/`, each with its source and licence), the schemas. Nothing
/// outside the repository is read.
enum Repository {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder under `Tests/Fixtures/`.
    static func fixture(_ path: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(path)
    }

    /// A script under `Tests/tools/`.
    static func tool(_ name: String) -> URL {
        root.appendingPathComponent("Tests/tools").appendingPathComponent(name)
    }
}
