import Foundation
import Testing

@testable import StagefeedCore

/// How long a downloaded picture is used before its server is asked again.
@Suite struct ImageCachingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func response(_ headers: [String: String]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: headers, body: Data())
    }

    @Test func maxAgeCounts() {
        #expect(ImageCaching.freshUntil(response(["cache-control": "public, max-age=3600"]), at: now) == now + 3600)
    }

    @Test func noCacheAndNoStoreMeanEveryBuild() {
        for control in ["no-cache", "no-store, max-age=600", "max-age=600, no-cache"] {
            #expect(ImageCaching.freshUntil(response(["cache-control": control]), at: now) == now)
        }
    }

    @Test func expiresCountsFromTheServersDate() {
        let headers = ["expires": "Thu, 15 Jan 2027 10:10:00 GMT", "date": "Thu, 15 Jan 2027 10:00:00 GMT"]
        #expect(ImageCaching.freshUntil(response(headers), at: now) == now + 600)
        #expect(ImageCaching.freshUntil(response(["expires": "0"]), at: now) == now)
    }

    @Test func lastModifiedGivesATenthOfItsAgeAtMostADay() {
        let recent = ["last-modified": "Thu, 15 Jan 2027 09:00:00 GMT", "date": "Thu, 15 Jan 2027 10:00:00 GMT"]
        #expect(ImageCaching.freshUntil(response(recent), at: now) == now + 360)
        let old = ["last-modified": "Thu, 15 Jan 2020 09:00:00 GMT", "date": "Thu, 15 Jan 2027 10:00:00 GMT"]
        #expect(ImageCaching.freshUntil(response(old), at: now) == now + 86_400)
    }

    @Test func withoutCachingHeadersEveryBuildAsks() {
        #expect(ImageCaching.freshUntil(response(["etag": "\"x\""]), at: now) == now)
    }
}
