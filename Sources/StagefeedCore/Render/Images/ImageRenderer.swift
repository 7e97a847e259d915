import Foundation

/// The pictures pages, feeds, calendars and signage show, under `images/`: one file per
/// copy the catalog holds, named by its content's hash, so a file never changes and a unit
/// is made only when its file is missing (its bytes are read from the store then).
public struct ImageRenderer: Renderer {
    public init() {}

    public func units(for resources: RenderResources) throws -> [RenderUnit] {
        let catalog = resources.context.images
        return catalog.distinct.map { image in
            var digest = DigestBuilder("image")
            digest.add(image.hash)
            return RenderUnit(key: image.path, digest: digest.finish(), cost: image.byteCount) { sink in
                try sink.emit(OutputFile(path: image.path, contents: try catalog.bytes(of: image)))
            }
        }
    }
}
