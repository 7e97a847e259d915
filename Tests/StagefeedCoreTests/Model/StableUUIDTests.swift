import Foundation
import Testing

@testable import StagefeedCore

/// Version 5 UUIDs in stagefeed's namespace (RFC 9562), checked against Python's `uuid.uuid5`
/// with the same namespace and names.
@Suite struct StableUUIDTests {
    @Test func namesGiveTheUUIDsOfRFC9562() {
        #expect(
            StableUUID.make("performance\u{1F}demo\u{1F}evt_1\u{1F}p_1").uuidString
                == "E7BD3731-0893-5BDB-A093-4BB9674AE128")
        #expect(StableUUID.make("").uuidString == "EBD17BE2-B067-5C2D-A2B8-A3527B436040")
        #expect(StableUUID.make("ä東京").uuidString == "8A6C3EC7-CBAA-5B25-AE01-3F8034F8E14D")
        #expect(
            StableUUID.performanceUID("p_1", event: "evt_1", source: "demo") == "e7bd3731-0893-5bdb-a093-4bb9674ae128")
    }

    @Test func aUUIDIsWrittenInLowercaseAsFoundationWritesIt() {
        for _ in 0..<500 {
            let uuid = UUID()
            #expect(StableUUID.lowercased(uuid) == uuid.uuidString.lowercased())
        }
    }
}
