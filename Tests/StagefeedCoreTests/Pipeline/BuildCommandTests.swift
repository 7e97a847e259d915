import Foundation
import Testing

@testable import StagefeedCore

/// `stagefeed build` run as a process on the bundled demo, as a cron job would run it.
@Suite struct BuildCommandTests {
    @Test func buildsTheDemoThenWritesNothingTheSecondTime() async throws {
        let folder = try TemporaryFolder()
        let first = try await CommandRunner.run(["build"], in: folder.url)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stderr.contains("bundled demo festival"))
        #expect(first.stdout.contains("demo · fresh ·"))
        let written = try #require(first.stdout.firstMatch(of: /(\d+) written, 0 unchanged, 0 removed/)).1
        let outputFiles = folder.files().filter { $0.hasPrefix("output/") }
        #expect(Int(written) == outputFiles.count, "the output folder holds the export and nothing else")
        #expect(
            outputFiles.contains("output/index.html") && outputFiles.contains("output/feeds/program.json")
                && outputFiles.contains("output/calendar/program.ics"))
        #expect(folder.files().contains(".stagefeed/store.sqlite"))

        let index = try #require(folder.read("output/index.html"))
        #expect(index.contains("<title>Riverbend Folk &amp; Roots Festival 2027</title>"))
        #expect(index.contains("Rosa &amp; the Thorns"))
        #expect(!index.contains("<script>"), "no inline script")

        let feed =
            try JSONSerialization.jsonObject(with: Data(folder.read("output/feeds/program.json")!.utf8))
            as? [String: Any]
        #expect(feed?["schema_version"] as? Int == 1)
        #expect((feed?["performances"] as? [Any])?.count ?? 0 > 50)

        let before = try FolderSnapshot(folder.path("output"))
        let second = try await CommandRunner.run(["build"], in: folder.url)
        #expect(second.status == 0)
        // At most feeds/status.json (its last check, when a second has passed).
        #expect(
            second.stdout.contains("1 written, \(Int(written)! - 1) unchanged, 0 removed")
                || second.stdout.contains("0 written, \(Int(written)!) unchanged, 0 removed"), "\(second.stdout)")
        #expect(second.stderr.contains("nothing changed"))
        // Every other file keeps its bytes, inode and time; no folder changed either.
        var after = try FolderSnapshot(folder.path("output"))
        var expected = before
        after.entries["feeds/status.json"] = nil
        expected.entries["feeds/status.json"] = nil
        // (status.json is replaced by a rename inside feeds/, which dates that folder.)
        after.entries["feeds"] = nil
        expected.entries["feeds"] = nil
        #expect(after.differences(from: expected) == [])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path("output").path).allSatisfy {
                !$0.hasPrefix(".")
            })
    }

    @Test func quietPrintsNothingOnSuccess() async throws {
        let folder = try TemporaryFolder()
        let result = try await CommandRunner.run(["build", "--quiet", "--out", "public"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
        #expect(folder.read("public/index.html") != nil)
    }

    @Test func theDayStartMovesLateSetsBetweenDays() async throws {
        let folder = try TemporaryFolder()
        #expect(try await CommandRunner.run(["build", "--quiet", "--day-starts", "00:00"], in: folder.url).status == 0)
        let feed = try #require(folder.read("output/feeds/program.json"))
        #expect(feed.contains("\"day_starts\" : \"00:00\""))
        #expect(feed.contains("\"date\" : \"2027-07-26\""), "a set after midnight on Sunday night now falls on Monday")
    }

    @Test(arguments: [
        (["build", "--frobnicate"], "Unknown option"),
        (["build", "--day-starts", "25:00"], "--day-starts"),
        (["build", "--source", "myspace"], "--source"),
        (["build", "--out", "taken"], "is a file"),
        (["build", "--config", "missing.yml"], "missing.yml"),
    ])
    func usageAndConfigurationErrorsExitTwoAndWriteNothing(arguments: [String], message: String) async throws {
        let folder = try TemporaryFolder()
        try folder.write("taken", "x")
        let result = try await CommandRunner.run(arguments, in: folder.url)
        #expect(result.status == 2, "stdout: \(result.stdout) stderr: \(result.stderr)")
        #expect(result.stderr.contains(message))
        #expect(result.stdout.isEmpty)
        #expect(folder.files() == ["taken"])
    }

    @Test func aMalformedConfigFileExitsTwoNamingIt() async throws {
        let folder = try TemporaryFolder()
        try folder.write("stagefeed.yml", "out: [unclosed\n")
        let result = try await CommandRunner.run(["build"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("stagefeed.yml"))
        #expect(folder.files() == ["stagefeed.yml"])
    }

    @Test func helpDocumentsEveryOption() async throws {
        let folder = try TemporaryFolder()
        let help = try await CommandRunner.run(["build", "--help"], in: folder.url)
        #expect(help.status == 0)
        for key in SettingKey.allCases {
            #expect(help.stdout.contains(key.flag), "build --help does not mention \(key.flag)")
        }
        for flag in ["--config", "--quiet", "--verbose"] {
            #expect(help.stdout.contains(flag))
        }
    }
}
