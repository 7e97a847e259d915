import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Testing

@testable import StagefeedCore

/// The preview server over a real demo output, asked over loopback HTTP.
@Suite struct StaticFileServerTests {
    /// Builds the demo, serves it on port 0 and runs `body` with the base URL and a client.
    private func withServer(_ body: (TemporaryFolder, String, HTTPClient) async throws -> Void) async throws {
        let folder = try TemporaryFolder()
        try await FixtureBuild.run(nil, in: folder, at: Date(timeIntervalSince1970: 1_800_000_000))
        let server = try await ServedFolder.start(folder.path("output"))
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            try await body(folder, "http://127.0.0.1:\(server.port)", client)
        } catch {
            try await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    private func get(
        _ client: HTTPClient, _ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = []
    )
        async throws -> (status: Int, headers: [String: String], body: String)
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 10 << 20)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return (Int(response.status.code), fields, String(buffer: body))
    }

    @Test func servesFilesWithTheirTypesAndCaching() async throws {
        try await withServer { folder, base, client in
            let index = try await get(client, base + "/")
            #expect(index.status == 200)
            #expect(index.headers["content-type"] == "text/html; charset=utf-8")
            #expect(index.headers["cache-control"] == "no-cache")
            #expect(index.body == folder.read("output/index.html"))

            let calendar = try await get(client, base + "/calendar/program.ics")
            #expect(calendar.headers["content-type"] == "text/calendar; charset=utf-8")
            #expect(
                try await get(client, base + "/feeds/changes.json").headers["content-type"]
                    == "application/feed+json; charset=utf-8")
            #expect(
                try await get(client, base + "/feeds/changes.xml").headers["content-type"]
                    == "application/atom+xml; charset=utf-8")
            #expect(
                try await get(client, base + "/schedule.json").headers["content-type"]
                    == "application/json; charset=utf-8")

            let etag = try #require(calendar.headers["etag"])
            let revalidated = try await get(client, base + "/calendar/program.ics", headers: [("If-None-Match", etag)])
            #expect(revalidated.status == 304)
            #expect(revalidated.body.isEmpty)
            let byDate = try await get(
                client, base + "/calendar/program.ics",
                headers: [("If-Modified-Since", calendar.headers["last-modified"]!)])
            #expect(byDate.status == 304)

            let head = try await get(client, base + "/calendar/program.ics", method: .HEAD)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == calendar.headers["content-length"])
            #expect(try await get(client, base + "/", method: .POST).status == 405)
        }
    }

    @Test func refusesEverythingOutsideTheFolder() async throws {
        try await withServer { folder, base, client in
            try FileManager.default.createSymbolicLink(
                atPath: folder.path("output/leak.txt").path, withDestinationPath: "/etc/passwd")
            try folder.write("secret.txt", "outside")
            for path in [
                "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/feeds/%2e%2e/%2e%2e/secret.txt",
                "/feeds/..%2f..%2fsecret.txt",
                "/%2e%2e%5csecret.txt", "/leak.txt", "/.stagefeed-manifest.json", "/.stagefeed.lock", "/feeds/%00.json",
            ] {
                let response = try await get(client, base + path)
                #expect(response.status == 404, "\(path) answered \(response.status)")
                #expect(!response.body.contains("outside") && !response.body.contains("root:"), "\(path) leaked")
            }
            // No directory listings; a folder without a slash is redirected to one.
            #expect(try await get(client, base + "/feeds/").status == 404)
            let redirect = try await get(client, base + "/feeds")
            #expect(redirect.status == 301)
            #expect(redirect.headers["location"] == "/feeds/")
        }
    }

    @Test(arguments: ["/../x", "/a/../../x", "/%2e%2e/x", "/a/%2E%2E/%2E%2E/x", "/a\\b", "/.hidden", "/a/./b"])
    func unsafeRequestPathsAreRejected(path: String) {
        #expect(StaticFileServer.safeRelativePath(path) == nil)
    }

    @Test func safeRequestPathsMapIntoTheFolder() {
        #expect(StaticFileServer.safeRelativePath("/") == "")
        #expect(StaticFileServer.safeRelativePath("/days/2027-07-23/") == "days/2027-07-23")
        #expect(StaticFileServer.safeRelativePath("/artists/caf%C3%A9/?x=1") == "artists/café")
    }
}
