import Foundation
import Testing

@testable import StagefeedCore

/// `stagefeed announce` as a process: refusals change nothing, the file follows every
/// command at once and builds write the same bytes, publishing sends it at once, and a
/// watch holding the output folder takes each announcement over.
@Suite struct AnnounceCommandTests {
    /// A built demo with one announcement on the screens.
    private func announced() async throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        #expect(try await CommandRunner.run(["build", "--quiet"], in: folder.url).status == 0)
        let first = try await CommandRunner.run(
            ["announce", "Lockers are full", "--screens", "board", "--for", "2h"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        return folder
    }

    struct Refusal: Sendable, CustomStringConvertible {
        var arguments: [String]
        var message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let refusals = [
        Refusal(arguments: [""], message: "the text is empty"),
        Refusal(arguments: ["   "], message: "the text is empty"),
        Refusal(
            arguments: [String(repeating: "x", count: 501)],
            message: "has 501 characters; an announcement has at most 500"),
        Refusal(arguments: ["x", "--screens", "main-stage", "nope"], message: "no stage has the slug \"nope\""),
        Refusal(
            arguments: ["x", "--until", "2020-01-01T10:00"], message: "--until 2020-01-01T10:00: that time has passed"),
        Refusal(
            arguments: ["x", "--for", "10m", "--until", "23:00"], message: "--for and --until cannot be used together"),
        Refusal(
            arguments: ["x", "--text-fr", "y"], message: "--text-fr: that is not one of the export's languages (en)"),
        Refusal(arguments: ["x", "--level", "loud"], message: "--level: \"loud\" is not info, warning or emergency"),
        Refusal(arguments: ["--clear", "99"], message: "no announcement 99 is on the screens now"),
        Refusal(arguments: ["--clear"], message: "--clear takes the ID of one message, or --all"),
        Refusal(arguments: ["--list", "x"], message: "--list takes no text"),
        Refusal(arguments: ["x", "--loud"], message: "unknown option --loud"),
        Refusal(arguments: ["x", "--publish"], message: "publish.to (--to, STAGEFEED_PUBLISH_TO) is required"),
    ]

    @Test(arguments: refusals)
    func badInputExitsTwoAndChangesNothing(_ refusal: Refusal) async throws {
        let folder = try await announced()
        let file = folder.read("output/feeds/announcements.json")
        let listed = try await CommandRunner.run(["announce", "--list"], in: folder.url).stdout
        let result = try await CommandRunner.run(["announce"] + refusal.arguments, in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains(refusal.message), "\(result.stderr)")
        #expect(folder.read("output/feeds/announcements.json") == file)
        #expect(try await CommandRunner.run(["announce", "--list"], in: folder.url).stdout == listed)
    }

    @Test func theFileFollowsEachCommandAndBuildsWriteTheSameBytes() async throws {
        let folder = try await announced()
        let announced = try await CommandRunner.run(
            [
                "announce", "Storm: leave the field", "--level", "emergency", "--screens", "main-stage,big-top",
                "--for", "30m",
            ],
            in: folder.url)
        #expect(announced.status == 0, "\(announced.stderr)")
        #expect(announced.stdout.contains("announcement 2 (emergency, main-stage, big-top) until "))
        #expect(announced.stdout.contains("output/feeds/announcements.json written"), "\(announced.stdout)")
        let path = folder.path("output/feeds/announcements.json")
        let file = try #require(folder.read("output/feeds/announcements.json"))
        #expect(file.contains("Storm: leave the field") && file.contains("Lockers are full"))
        let schema = try await ExternalTool.run(
            "python3",
            [
                Repository.tool("validate_json.py").path,
                Repository.root.appendingPathComponent("schemas/announcements.schema.json").path, path.path,
            ])
        #expect(schema.status == 0, "\(schema.output)")
        let listed = try await CommandRunner.run(["announce", "--list"], in: folder.url)
        #expect(listed.stdout.contains("2  emergency  main-stage,big-top  until "), "\(listed.stdout)")
        #expect(listed.stdout.contains("\"Storm: leave the field\""))
        #expect(listed.stdout.contains(" by \(ProcessInfo.processInfo.environment["USER"] ?? "")"), "who set it")

        // A build (even a forced one) writes the same bytes: it leaves the file alone.
        let modified = try FileManager.default.attributesOfItem(atPath: path.path)[.modificationDate] as? Date
        let build = try await CommandRunner.run(["build", "--force"], in: folder.url)
        #expect(build.stdout.contains("1 written"), "only status.json: \(build.stdout)")
        #expect(folder.read("output/feeds/announcements.json") == file)
        #expect(try FileManager.default.attributesOfItem(atPath: path.path)[.modificationDate] as? Date == modified)

        let cleared = try await CommandRunner.run(["announce", "--clear", "2"], in: folder.url)
        #expect(cleared.status == 0 && cleared.stdout.contains("announcement 2 cleared"), "\(cleared.stderr)")
        #expect(folder.read("output/feeds/announcements.json")?.contains("Storm") == false)
        let all = try await CommandRunner.run(["announce", "--clear", "--all"], in: folder.url)
        #expect(all.stdout.contains("1 announcement(s) cleared"))
        #expect(
            try await CommandRunner.run(["announce", "--list"], in: folder.url).stdout
                == "no announcements on the screens\n")
        #expect(
            folder.read("output/feeds/announcements.json")
                == String(decoding: try AnnouncementFeed.file([]).contents, as: UTF8.self))
    }

    @Test func publishingSendsTheFileAtOnce() async throws {
        let server = try await MotoS3.start(buckets: ["fest"])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let target = ["--to", "s3://fest/2027", "--endpoint", server.endpoint.absoluteString]
        #expect(try await CommandRunner.run(["build", "--quiet"], in: folder.url).status == 0)
        let announced = try await CommandRunner.run(
            ["announce", "Gates open late", "--level", "warning", "--publish"] + target, in: folder.url,
            environment: server.environment())
        #expect(announced.status == 0, "\(announced.stderr)")
        let objects = try await server.objects(in: "fest")
        #expect(Array(objects.keys) == ["2027/feeds/announcements.json"], "that file alone, at once")
        let object = try #require(objects["2027/feeds/announcements.json"])
        let local = try Data(contentsOf: folder.path("output/feeds/announcements.json"))
        #expect(object.md5 == LocalObject.md5Hex(local))
        #expect(object.contentType == "application/json; charset=utf-8")
        // publish.after_build in the environment does the same for a clear.
        var environment = server.environment()
        environment["STAGEFEED_PUBLISH_AFTER_BUILD"] = "true"
        let cleared = try await CommandRunner.run(
            ["announce", "--clear", "--all"] + target, in: folder.url, environment: environment)
        #expect(cleared.status == 0, "\(cleared.stderr)")
        let after = try Data(contentsOf: folder.path("output/feeds/announcements.json"))
        await #expect(try server.objects(in: "fest")["2027/feeds/announcements.json"]?.md5 == LocalObject.md5Hex(after))
    }
}
