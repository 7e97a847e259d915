import Foundation
import Testing

@testable import StagefeedCore

/// Pictures served by the API's own server count against the API's rate limit; others not.
@Suite struct ImageAccessTests {
    @Test func theAPIsServerIsItsSchemeHostAndPort() {
        let access = ImageAccess(storeKey: "stagecraft", api: URL(string: "https://festival.example.com/api/v1"))
        #expect(access.isOnAPI(URL(string: "https://festival.example.com/media/a.jpg")!))
        #expect(access.isOnAPI(URL(string: "https://FESTIVAL.example.com:443/media/a.jpg")!))
        #expect(!access.isOnAPI(URL(string: "https://cdn.festival.example.com/a.jpg")!))
        #expect(!access.isOnAPI(URL(string: "http://festival.example.com/media/a.jpg")!))
        #expect(!access.isOnAPI(URL(string: "https://festival.example.com:8443/media/a.jpg")!))
        let loopback = ImageAccess(storeKey: "test", api: URL(string: "http://127.0.0.1:8080/api/v1"))
        #expect(!loopback.isOnAPI(URL(string: "http://127.0.0.1:9/a.jpg")!))
        #expect(!ImageAccess(storeKey: "demo").isOnAPI(URL(string: "http://127.0.0.1:8080/a.jpg")!))
    }
}
