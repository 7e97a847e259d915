import Crypto
import Foundation

/// What asking for one picture gave.
enum ImageAnswer: Sendable {
    /// A picture of a served format, its header read.
    case copy(bytes: Data, header: ImageHeader, etag: String?, lastModified: String?, freshUntil: Date)
    /// The copy in the store is still the server's.
    case notModified(etag: String?, lastModified: String?, freshUntil: Date)
    /// Not a picture stagefeed serves (another format, too large, a redirect elsewhere than
    /// http(s)): asked again only after a day.
    case refused(String)
    /// No answer, or an HTTP error: asked again after a pause.
    case failed(String)
}

/// One picture's request: conditional when the store has validators (on every hop), following
/// up to three redirects (to http(s) URLs only; pictures carry no API key), the format read from the
/// bytes, at most `limits.maximumBodyBytes` read (the fetcher stops reading past it).
struct ImageDownload: Sendable {
    let transport: any ImageTransport
    let maximumBytes: Int
    /// Waits for a rate-limit slot when the URL is on the API's host; the returned closure
    /// settles it once answered.
    let slot: @Sendable (URL) async throws -> (@Sendable () async -> Void)

    static let accept = "image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9"

    func fetch(_ address: String, etag: String?, lastModified: String?, now: @Sendable () -> Date) async -> ImageAnswer
    {
        guard var url = URL(string: address), WebLink.isSafe(address) else { return .refused("not an http(s) URL") }
        for _ in 0...3 {
            var headers = [("Accept", Self.accept)]
            // The validators came with the picture at the end of the redirects: every hop gets them.
            if let etag { headers.append(("If-None-Match", etag)) }
            if let lastModified { headers.append(("If-Modified-Since", lastModified)) }
            let settle: @Sendable () async -> Void
            do { settle = try await slot(url) } catch { return .failed("the API's rate limit left no time for it") }
            let response: HTTPResponse
            do {
                response = try await transport.get(url, headers: headers)
                await settle()
            } catch {
                await settle()
                switch error {
                case .tooLarge(let limit): return .refused("larger than \(limit / (1024 * 1024)) MB")
                case .timedOut: return .failed("timed out")
                case .unreachable(let detail): return .failed("unreachable (\(detail))")
                case .cancelled: return .failed("stopped")
                }
            }
            switch response.status {
            case 200:
                return answer(response, at: now())
            case 304 where etag != nil || lastModified != nil:
                return .notModified(
                    etag: response.header("etag") ?? etag,
                    lastModified: response.header("last-modified") ?? lastModified,
                    freshUntil: ImageCaching.freshUntil(response, at: now()))
            case 301, 302, 303, 307, 308:
                guard let location = response.header("location"),
                    let next = URL(string: location, relativeTo: url)?.absoluteURL,
                    WebLink.isSafe(next.absoluteString)
                else { return .refused("HTTP \(response.status) to a location that is not an http(s) URL") }
                url = next
            default:
                return .failed("HTTP \(response.status)")
            }
        }
        return .failed("more than 3 redirects")
    }

    /// A 200's body: a copy when its bytes are a picture of a served format with a readable size.
    private func answer(_ response: HTTPResponse, at now: Date) -> ImageAnswer {
        let bytes = [UInt8](response.body)
        guard bytes.count <= maximumBytes else { return .refused("larger than \(maximumBytes / (1024 * 1024)) MB") }
        let view = ByteView(bytes)
        guard let format = ImageFormat.sniff(view) else {
            let type = response.header("content-type").map { ", sent as \($0)" } ?? ""
            return .refused("not a JPEG, PNG, WebP, GIF or AVIF file (it begins \(Self.describe(bytes))\(type))")
        }
        guard let header = ImageHeader.read(view, as: format) else {
            return .refused("a \(format.rawValue.uppercased()) file whose size cannot be read (damaged or cut short)")
        }
        return .copy(
            bytes: response.body, header: header, etag: response.header("etag"),
            lastModified: response.header("last-modified"), freshUntil: ImageCaching.freshUntil(response, at: now))
    }

    /// The first bytes as readable text when they are, else in hex.
    static func describe(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(12)
        if head.isEmpty { return "with nothing: the body is empty" }
        if head.allSatisfy({ (0x20...0x7E).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            let text = String(decoding: head, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
            return "\"\(text)\""
        }
        return head.prefix(4).hexadecimal.uppercased()
    }

    /// The hash a copy is stored and named by.
    static func hash(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).hexadecimal
    }
}
