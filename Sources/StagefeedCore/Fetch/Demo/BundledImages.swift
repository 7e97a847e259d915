import Foundation

/// The demo festival's pictures, bundled with stagefeed: answers requests for
/// `https://images.riverbend.example/artists/<file>` from `demo/images/<file>` as a
/// server would (with an ETag, and 304 to a request that sends it back), so the demo shows
/// photos without the network and goes through the same download path as a live source.
struct BundledImages: ImageTransport {
    static let host = "images.riverbend.example"

    func get(_ url: URL, headers: [(String, String)]) async throws(HTTPFetcher.Failure) -> HTTPResponse {
        guard url.host == Self.host else { throw .unreachable("the demo serves only \(Self.host)") }
        let name = url.lastPathComponent
        guard
            let file = Bundle.module.url(
                forResource: (name as NSString).deletingPathExtension, withExtension: (name as NSString).pathExtension,
                subdirectory: "demo/images"),
            let body = try? Data(contentsOf: file)
        else { return HTTPResponse(status: 404, headers: [:], body: Data()) }
        let etag = "\"\(ImageDownload.hash(body).prefix(16))\""
        if headers.contains(where: { $0.0 == "If-None-Match" && $0.1 == etag }) {
            return HTTPResponse(status: 304, headers: ["etag": etag], body: Data())
        }
        return HTTPResponse(status: 200, headers: ["etag": etag, "content-type": "image/jpeg"], body: body)
    }

    func shutdown() async {}
}
