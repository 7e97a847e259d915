import Crypto
import Foundation
import Testing

@testable import StagefeedCore

/// A performance's fingerprints stay the ones stores already hold (else every set would
/// count as changed after an upgrade): the SHA-256 of its parts joined by U+001F.
@Suite struct PerformanceRevisionTests {
    static func reference(_ performance: Performance, shown: [String]) -> (String, String) {
        let significant = [
            String(performance.start.timeIntervalSince1970), String(performance.end.timeIntervalSince1970),
            performance.stageID, performance.displayName,
        ].joined(separator: "\u{1F}")
        let content =
            ([
                significant, performance.description ?? "", performance.artistID ?? "",
                performance.activity?.name ?? "", performance.activity?.description ?? "",
            ] + shown).joined(separator: "\u{1F}")
        let hex = { (text: String) in SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined() }
        return (hex(significant), hex(content))
    }

    @Test func fingerprintsAreTheJoinedPartsHashed() async throws {
        let program = try await DemoSource().load(normalizer: ProgramNormalizer()).program()
        let shownLists: [[String]] = [[], ["Main Stage"], ["Ñandú & <b>Sons</b>", "line\nbreak", "東京", ""]]
        for performance in program.performances {
            for shown in shownLists {
                let fingerprints = PerformanceRevision.fingerprints(of: performance, shown: shown)
                let expected = Self.reference(performance, shown: shown)
                #expect(fingerprints.significant == expected.0 && fingerprints.content == expected.1)
            }
        }
        // What is shown from elsewhere changes the content's fingerprint, not the significant one.
        let first = try #require(program.performances.first)
        let plain = PerformanceRevision.fingerprints(of: first, shown: ["a"])
        let renamed = PerformanceRevision.fingerprints(of: first, shown: ["b"])
        #expect(plain.significant == renamed.significant && plain.content != renamed.content)
    }
}
