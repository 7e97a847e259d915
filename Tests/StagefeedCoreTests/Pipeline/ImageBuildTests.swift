import Foundation
import Testing

@testable import StagefeedCore

/// Pictures downloaded at build time from a picture host on loopback: good ones written to
/// `images/` and shown with their size, wrong, huge, slow and failing ones refused with a
/// warning naming the artist and the URL, a later build asking only conditionally, a failure
/// keeping the last good copy, and none of it changing how the build ends.
@Suite(.serialized) struct ImageBuildTests {
    /// The demo festival's artists with pictures on `images`; the other demo photos taken away.
    static func artists(_ images: ImageTestServer) throws -> Data {
        let pictures = [
            "a_001": images.url("good.jpg"), "a_002": images.url("photo.png"), "a_003": images.url("huge.jpg"),
            "a_005": images.url("wrong.jpg"), "a_007": images.url("slow.jpg"), "a_009": images.url("fail.jpg"),
            "a_010": images.url("moved.jpg"), "a_013": "javascript:alert(1)", "a_016": "file:///etc/passwd",
        ]
        let body = try DemoSource.bodies()[.artists]!
        var json = try JSONSerialization.jsonObject(with: body) as! [String: Any]
        json["data"] = (json["data"] as! [[String: Any]]).map { artist in
            var artist = artist
            artist["hero_image_url"] = pictures[artist["id"] as! String] ?? NSNull()
            return artist
        }
        return try JSONSerialization.data(withJSONObject: json)
    }

    func configuration(_ harness: StagecraftHarness) async -> StagecraftSource.Configuration {
        var configuration = await harness.configuration()
        // The slow picture's 30 s silence trips the 8 s read timeout; the bounds are generous
        // so that the good and the huge pictures get through on a busy machine.
        configuration.imageLimits = HTTPFetcher.Limits(
            connectTimeout: .seconds(8), readTimeout: .seconds(8), deadline: .seconds(30),
            maximumBodyBytes: 10 * 1024 * 1024)
        return configuration
    }

    func page(_ harness: StagecraftHarness, artist id: String) throws -> HTMLDocument {
        let slug = try #require(try ProgramStore(folder: harness.cache).slugs()["artist"]?[id])
        return try HTMLDocument(file: harness.output.appendingPathComponent("artists/\(slug)/index.html"))
    }

    @Test func picturesComeFromTheExportAndBadOnesAreRefused() async throws {
        let images = try await ImageTestServer.start()
        defer { Task { await images.stop() } }
        try await StagecraftHarness.run { harness in
            await harness.server.state.setBody("artists", try Self.artists(images))
            let log = CapturedLog()
            let report = try await harness.build(await configuration(harness), logger: log.logger())
            // Pictures never change how a build ends: the program was fetched, so fresh (0).
            #expect(report.freshness == .fresh)
            #expect(ExitStatus.of(report) == .success)

            let good = try page(harness, artist: "a_001")
            let src = try #require(good.strings("//img[@class='portrait']/@src").first)
            #expect(src.hasPrefix("../../images/") && src.hasSuffix(".jpg"))
            #expect(good.strings("//img[@class='portrait']/@width") == ["40"])
            #expect(good.strings("//img[@class='portrait']/@height") == ["30"])
            let file = harness.output.appendingPathComponent("artists/x/").appendingPathComponent(src)
                .standardizedFileURL
            #expect(try Data(contentsOf: file) == Data(contentsOf: Repository.fixture("images/baseline.jpg")))
            #expect(try page(harness, artist: "a_002").strings("//img[@class='portrait']/@width") == ["17"])
            // Behind a redirect: the WebP the server sent, named by its content.
            let moved = try page(harness, artist: "a_010")
            #expect(moved.strings("//img[@class='portrait']/@src").first?.hasSuffix(".webp") == true)
            #expect(moved.strings("//img[@class='portrait']/@height") == ["11"])
            for id in ["a_003", "a_005", "a_007", "a_009", "a_013", "a_016"] {
                #expect(try page(harness, artist: id).count("//img") == 0, "\(id)")
            }

            let warnings = log.lines
            func warned(_ id: String, _ name: String, _ reason: String) -> Bool {
                warnings.contains { $0.contains("(\(id))") && $0.contains(images.url(name)) && $0.contains(reason) }
            }
            #expect(warned("a_003", "huge.jpg", "larger than 10 MB"), "\(warnings)")
            #expect(warned("a_005", "wrong.jpg", "not a JPEG, PNG, WebP, GIF or AVIF file"), "\(warnings)")
            #expect(warned("a_007", "slow.jpg", "timed out"), "\(warnings)")
            #expect(warned("a_009", "fail.jpg", "HTTP 500"), "\(warnings)")
            #expect(warnings.contains { $0.contains("artist a_013: image is not an http(s) URL") })
            #expect(warnings.contains { $0.contains("artist a_016: image is not an http(s) URL") })
            let asked = Set(await images.state.requests.map(\.path))
            #expect(
                asked == [
                    "good.jpg", "photo.png", "huge.jpg", "wrong.jpg", "slow.jpg", "fail.jpg", "moved.jpg",
                    "target.webp",
                ])

            // The pictures are part of the export; nothing links to the picture host.
            let files = TemporaryFolderListing.files(below: harness.output)
            #expect(files.filter { $0.hasPrefix("images/") }.count == 3)
            for path in files where path.hasSuffix(".html") || path.hasSuffix(".json") || path.hasSuffix(".ics") {
                let text = try String(contentsOf: harness.output.appendingPathComponent(path), encoding: .utf8)
                #expect(!text.contains("src=\"http"), "\(path)")
                #expect(!text.contains("javascript:alert") && !text.contains("file:///etc"), "\(path)")
            }

            // A second build asks only conditionally, and only for the good ones: the refused
            // and failed pictures wait before they are asked again.
            await images.state.clear()
            let second = try await harness.build(await configuration(harness), logger: log.logger())
            #expect(second.freshness == .fresh)
            let again = await images.state.requests
            #expect(Set(again.map(\.path)) == ["good.jpg", "photo.png", "moved.jpg", "target.webp"])
            let conditional = again.allSatisfy(\.isConditional)
            #expect(conditional, "\(again)")

            // A picture that starts failing keeps its last good copy on the page.
            await images.state.fail("good.jpg")
            _ = try await harness.build(await configuration(harness), logger: log.logger())
            #expect(try page(harness, artist: "a_001").strings("//img[@class='portrait']/@src") == [src])
            #expect(
                log.lines.contains { $0.contains(images.url("good.jpg")) && $0.contains("the last good copy stays") })
        }
    }

    @Test func offlineBuildsUseTheStoredCopiesAndAskNothing() async throws {
        let images = try await ImageTestServer.start()
        defer { Task { await images.stop() } }
        try await StagecraftHarness.run { harness in
            await harness.server.state.setBody("artists", try Self.artists(images))
            _ = try await harness.build(await configuration(harness))
            await images.state.clear()
            var offline = await configuration(harness)
            offline.offline = true
            let report = try await harness.build(offline, alwaysRender: true)
            #expect(report.freshness != .fresh)
            #expect(await images.state.requests.isEmpty)
            #expect(try page(harness, artist: "a_001").count("//img[@class='portrait']") == 1)
        }
    }
}
