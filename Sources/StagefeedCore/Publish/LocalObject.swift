import Crypto
import Foundation

/// A file of the output as it would be published: its key, the MD5 of its bytes and the
/// headers it goes with.
public struct LocalObject: Sendable, Equatable {
    /// The output path (`days/2027-07-24/index.html`).
    public var path: String
    /// The object key (the destination's prefix and the path).
    public var key: String
    public var md5: String
    public var size: Int
    public var contentType: String
    public var cacheControl: String

    /// Content type and cache control together, as the store remembers them.
    public var headers: String { contentType + "\n" + cacheControl }

    /// Every file stagefeed wrote into the output folder (its manifest in the store: never
    /// a hidden file, nor one stagefeed did not write), hashed, in path order.
    static func all(
        in output: OutputLocation, destination: S3Destination, cachePolicy: CachePolicy
    ) throws(PublishError) -> [LocalObject] {
        let folder = output.folder
        let manifest: Manifest
        do { manifest = try Manifest.read(for: output) } catch {
            throw .unreadable(path: folder.path, reason: "\(error)")
        }
        guard !manifest.files.isEmpty else { throw .nothingBuilt(folder: folder.path) }
        var objects: [LocalObject] = []
        objects.reserveCapacity(manifest.files.count)
        for path in manifest.files {
            let data = try read(path, in: folder)
            objects.append(
                LocalObject(
                    path: path, key: destination.key(for: path), md5: Self.md5Hex(data), size: data.count,
                    contentType: ContentType.of(path), cacheControl: cachePolicy.cacheControl(for: path)))
        }
        return objects
    }

    /// The bytes of an output file.
    static func read(_ path: String, in folder: URL) throws(PublishError) -> Data {
        let url = folder.appendingPathComponent(path)
        do { return try Data(contentsOf: url) } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
    }

    static func md5Hex(_ data: Data) -> String {
        Insecure.MD5.hash(data: data).hexadecimal
    }
}
