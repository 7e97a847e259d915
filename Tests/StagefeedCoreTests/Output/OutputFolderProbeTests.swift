import Foundation
import Testing

@testable import StagefeedCore

/// The probe a build asks whether the last build's files are still there.
@Suite struct OutputFolderProbeTests {
    @Test func findsTheFilesThatAreThereAndNoOthers() throws {
        let folder = try TemporaryFolder()
        for path in ["index.html", "artists/a/index.html", "artists/ä b/index.html"] {
            _ = try folder.write("output/" + path, "x")
        }
        let probe = OutputFolderProbe(folder.path("output"))
        #expect(probe.contains("index.html"))
        #expect(probe.contains("artists/a/index.html"))
        #expect(probe.contains("artists/ä b/index.html"))
        #expect(probe.contains("artists/a"), "a folder is there too")
        #expect(!probe.contains("artists/b/index.html"))
        #expect(!probe.contains("stages/x/index.html"))
        #expect(!OutputFolderProbe(folder.path("elsewhere")).contains("index.html"))
    }
}
