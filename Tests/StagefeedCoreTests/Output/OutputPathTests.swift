import Testing

@testable import StagefeedCore

/// Which paths may be joined to the output folder: the byte-by-byte check agrees with the
/// rule as written (split into segments, each looked at).
@Suite struct OutputPathTests {
    /// The rule, over the path's Unicode scalars: relative, no empty or hidden segment (so
    /// no `.` or `..`), no backslash, no control character. (Over characters, as an earlier
    /// version checked, a slash or backslash with a combining mark on it went unseen.)
    static func reference(_ path: String) -> Bool {
        let scalars = path.unicodeScalars
        guard !scalars.isEmpty, scalars.first != "/", !scalars.contains("\\"),
            !scalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        return scalars.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && segment.first != "."
        }
    }

    @Test func knownPaths() {
        for path in ["index.html", "artists/björk/index.html", "days/2027-07-24/index.html", "a.b/c.d", "東京/x"] {
            #expect(OutputPath.isSafe(path), "\(path)")
        }
        for path in [
            "", "/etc/passwd", "../x", "a/../x", "a/./x", ".hidden", "a/.git/config", "a//b", "a/", "a\\b", "a\nb",
            "a\u{7F}", "a/\u{0}", "/\u{301}etc/passwd", "a\\\u{301}b",
        ] {
            #expect(!OutputPath.isSafe(path), "\(path)")
        }
    }

    @Test func randomPathsAgreeWithTheRule() {
        let pieces = ["a", "é", "東", "/", ".", "..", "\\", "\n", "\u{7F}", "\u{301}", "-", "x.y"]
        var random = SeededGenerator(seed: 22)
        var safe = 0
        for _ in 0..<20_000 {
            let path = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }
                .joined()
            #expect(OutputPath.isSafe(path) == Self.reference(path), "\(path.debugDescription)")
            if Self.reference(path) { safe += 1 }
        }
        // Both kinds are well represented.
        #expect(safe > 2_000 && safe < 18_000)
    }
}

/// How deep a page sits, counted in its bytes, against the folders as `split` finds them.
@Suite struct OutputDepthTests {
    @Test func aPathsDepthIsItsFoldersAndItsRootLeadsBackUp() {
        let cases: [(String, Int)] = [
            ("index.html", 0), ("days/2027-07-23/index.html", 2), ("en/artists/björk/index.html", 3),
            ("artists/東京/index.html", 2), ("a//b.html", 1), ("/a/b.html", 1), ("a/b/", 1),
        ]
        for (path, depth) in cases {
            #expect(OutputPaths.depth(of: path) == depth, "\(path)")
            #expect(OutputPaths.depth(of: path) == path.split(separator: "/").count - 1, "\(path)")
            #expect(OutputPaths.root(of: path) == String(repeating: "../", count: depth), "\(path)")
        }
    }
}
