import Foundation
import Testing

@testable import StagefeedCore

/// The manifest in the store: written in JSONEncoder's bytes (so a store written by an
/// earlier version reads the same and hashes the same), read back exactly, and refused
/// with a reason when it is not a manifest.
@Suite struct ManifestTests {
    /// The manifest as stagefeed encoded it with JSONEncoder before.
    struct Encoded: Encodable {
        var version: Int
        var folder: String?
        var files: [String]
    }

    static func encodedByJSONEncoder(_ manifest: Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Encoded(version: manifest.version, folder: manifest.folder, files: manifest.files))
    }

    static let examples = [
        Manifest(files: []),
        Manifest(files: ["index.html"], folder: "/srv/www/fest"),
        Manifest(
            files: ["artists/björk/index.html", "artists/\"quoted\"/index.html", "days/2027-07-24/index.html", "東京/x"],
            folder: "/home/ana/fest «2027»"),
        Manifest(files: (0..<500).map { "artists/\($0)/index.html" }, folder: nil),
    ]

    @Test(arguments: examples)
    func theBytesAreJSONEncoders(manifest: Manifest) throws {
        let written = manifest.encoded()
        #expect(written == (try Self.encodedByJSONEncoder(manifest)))
        #expect(try Manifest.parse(written, path: "manifest.json") == manifest)
    }

    @Test(arguments: examples)
    func aManifestListsExactlyItsFilesOfItsFolder(manifest: Manifest) throws {
        let files = Set(manifest.files), parsed = try Manifest.parse(manifest.encoded(), path: "manifest.json")
        #expect(parsed.lists(exactly: files, folder: manifest.folder))
        #expect(!parsed.lists(exactly: files.union(["sw.js"]), folder: manifest.folder))
        #expect(!parsed.lists(exactly: files, folder: "/elsewhere"))
        if let first = manifest.files.first {
            #expect(!parsed.lists(exactly: files.subtracting([first]), folder: manifest.folder))
            #expect(!parsed.lists(exactly: files.subtracting([first]).union(["other.html"]), folder: manifest.folder))
        }
        var older = parsed
        older.version = 1
        #expect(!older.lists(exactly: files, folder: manifest.folder), "an older layout is written again")
    }

    @Test func anUnreadableManifestSaysWhy() {
        let cases: [(String, String)] = [
            ("not json", "it is not a JSON object"),
            (#"["a"]"#, "it is not a JSON object"),
            (#"{"version": 2}"#, "it has no list of files"),
            (#"{"files": [1]}"#, "holds something other than a path"),
            (#"{"files": ["../etc/passwd"]}"#, "it lists a path outside the folder"),
            (#"{"files": ["a"], "version": "two"}"#, "its version is not a number"),
            (#"{"files": ["a"], "folder": 3}"#, "its folder is not a path"),
        ]
        for (text, reason) in cases {
            #expect {
                try Manifest.parse(Data(text.utf8), path: "/store/manifest.json")
            } throws: { error in
                "\(error)".contains("/store/manifest.json") && "\(error)".contains(reason)
            }
        }
    }
}
