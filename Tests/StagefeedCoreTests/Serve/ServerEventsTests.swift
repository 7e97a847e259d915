import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import StagefeedCore

/// `/events` on the watch's server: a screen gets the announcements as they are when it
/// connects, then each event as it is sent; the stream ends when the server stops.
@Suite struct ServerEventsTests {
    /// Reads the stream until `marker` has arrived (or the stream ends); the text so far,
    /// without the keep-alive comments the server sends between events.
    private func read(
        _ iterator: inout HTTPClientResponse.Body.AsyncIterator, into text: inout String, until marker: String
    ) async throws {
        while !text.contains(marker), let chunk = try await iterator.next() {
            text += String(buffer: chunk)
            // Comments keep the connection open on a slow day; screens ignore them, as SSE says.
            text = text.replacingOccurrences(of: ": keep-alive\n\n", with: "")
        }
    }

    @Test func screensGetTheStateAndThenEachEvent() async throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "output/feeds/announcements.json", "{\n  \"announcements\" : [],\n  \"schema_version\" : 1\n}\n")
        let events = ServerEvents()
        let server = try await ServedFolder.start(folder.path("output"), events: events)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let response = try await client.execute(
                HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/events"), timeout: .seconds(10))
            #expect(response.status.code == 200)
            #expect(response.headers.first(name: "content-type") == "text/event-stream; charset=utf-8")
            #expect(response.headers.first(name: "cache-control") == "no-store")
            var iterator = response.body.makeAsyncIterator()
            var text = ""
            try await read(&iterator, into: &text, until: "}\n\n")
            #expect(
                text == "retry: 2000\n\nevent: announcements\ndata: {\ndata:   \"announcements\" : [],\n"
                    + "data:   \"schema_version\" : 1\ndata: }\n\n")
            #expect(events.subscriberCount == 1)
            text = ""
            events.send("announcements", data: "{\"announcements\":[{\"id\":1}]}\n")
            events.send("build", data: "")
            try await read(&iterator, into: &text, until: "event: build\ndata: \n\n")
            #expect(text == "event: announcements\ndata: {\"announcements\":[{\"id\":1}]}\n\nevent: build\ndata: \n\n")
            // The server stops: the stream ends (the connection may simply close) rather
            // than hold the shutdown up.
            await server.stop()
            do { while try await iterator.next() != nil {} } catch {}
            #expect(events.subscriberCount == 0)
        } catch {
            await server.stop()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    @Test func withoutEventsThePathIsNotFound() async throws {
        let folder = try TemporaryFolder()
        try folder.write("output/index.html", "<!DOCTYPE html>")
        let server = try await ServedFolder.start(folder.path("output"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let response = try await client.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/events"), timeout: .seconds(10))
        #expect(response.status.code == 404, "a plain server: screens fall back to polling")
        try await client.shutdown()
        await server.stop()
    }
}
