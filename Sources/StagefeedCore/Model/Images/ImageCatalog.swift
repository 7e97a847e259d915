import Foundation

/// The pictures a build may show, by the URL the source gave for them (artists' photos,
/// activities' images, nights' flyers): only those with a good copy in the store. Renderers
/// look pictures up here and never link to the source's host; the image files' bytes are
/// read from the store only when a file has to be written.
public struct ImageCatalog: Sendable {
    public let images: [String: LocalImage]
    /// Reads a copy's bytes (from the store).
    private let contents: @Sendable (LocalImage) throws -> Data

    public init(images: [String: LocalImage], contents: @escaping @Sendable (LocalImage) throws -> Data) {
        self.images = images
        self.contents = contents
    }

    /// No pictures (a build without a store, a test).
    public static let empty = ImageCatalog(images: [:]) { image in
        throw ImageCatalogError.missing(hash: image.hash)
    }

    /// The copy of the picture at `url`, if there is a good one.
    public func image(for url: String?) -> LocalImage? {
        url.flatMap { images[$0] }
    }

    /// The bytes of a copy.
    public func bytes(of image: LocalImage) throws -> Data {
        try contents(image)
    }

    /// Every copy the catalog holds, once each, by path.
    public var distinct: [LocalImage] {
        Array(Set(images.values)).sorted { $0.path < $1.path }
    }
}

/// A copy the catalog lists is no longer in the store.
public enum ImageCatalogError: Error, CustomStringConvertible {
    case missing(hash: String)

    public var description: String {
        switch self {
        case .missing(let hash):
            return "the store lost the image \(hash.prefix(32)); run the build again (it downloads it anew)"
        }
    }
}
