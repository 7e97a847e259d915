/// An AVIF's size: the image spatial extents (`ispe`) property of its primary item, found
/// through the `meta` box's `pitm`, `iprp/ipco` and `ipma`, turned a quarter when an `irot`
/// property of that item says so.
enum AVIFHeader {
    /// A box: its type and where its content lies.
    private struct Box {
        var type: String
        var start: Int
        var end: Int
    }

    static func size(_ bytes: ByteView) -> (width: Int, height: Int)? {
        guard let meta = boxes(bytes, from: 0, to: bytes.count).first(where: { $0.type == "meta" }) else { return nil }
        // `meta` is a full box: four bytes of version and flags before its children.
        let children = boxes(bytes, from: meta.start + 4, to: meta.end)
        guard let properties = children.first(where: { $0.type == "iprp" }),
            let container = boxes(bytes, from: properties.start, to: properties.end).first(where: {
                $0.type == "ipco"
            })
        else { return nil }
        let list = boxes(bytes, from: container.start, to: container.end)
        var indices = Array(list.indices)
        if let primary = children.first(where: { $0.type == "pitm" }).flatMap({ primaryItem(bytes, $0) }) {
            let associations = boxes(bytes, from: properties.start, to: properties.end).filter { $0.type == "ipma" }
            if let associated = associations.lazy.compactMap({ propertyIndices(bytes, $0, item: primary) }).first {
                indices = associated.filter { list.indices.contains($0) }
            }
        }
        guard let extents = indices.lazy.map({ list[$0] }).first(where: { $0.type == "ispe" }),
            let width = bytes.uint32(at: extents.start + 4), let height = bytes.uint32(at: extents.start + 8)
        else { return nil }
        let rotation = indices.lazy.map { list[$0] }.first { $0.type == "irot" }.flatMap { bytes.byte(at: $0.start) }
        if let rotation, rotation & 1 == 1 { return (Int(height), Int(width)) }
        return (Int(width), Int(height))
    }

    /// The boxes between `start` and `end`.
    private static func boxes(_ bytes: ByteView, from start: Int, to end: Int) -> [Box] {
        var found: [Box] = []
        var offset = start
        while offset + 8 <= end, let size32 = bytes.uint32(at: offset) {
            let type = String(decoding: (4..<8).compactMap { bytes.byte(at: offset + $0) }, as: UTF8.self)
            var header = 8
            var size = Int(size32)
            if size32 == 1 {
                guard let large = bytes.uint64(at: offset + 8), large < UInt64(Int.max) else { break }
                size = Int(large)
                header = 16
            } else if size32 == 0 {
                size = end - offset
            }
            guard size >= header, offset + size <= end else { break }
            found.append(Box(type: type, start: offset + header, end: offset + size))
            offset += size
        }
        return found
    }

    /// The primary item's id (`pitm`: version 0 has 16 bits, later versions 32).
    private static func primaryItem(_ bytes: ByteView, _ box: Box) -> Int? {
        guard let version = bytes.byte(at: box.start) else { return nil }
        return version == 0
            ? bytes.uint16(at: box.start + 4).map(Int.init) : bytes.uint32(at: box.start + 4).map(Int.init)
    }

    /// The 0-based indices into `ipco` of the properties `ipma` gives `item`, or nil.
    private static func propertyIndices(_ bytes: ByteView, _ box: Box, item: Int) -> [Int]? {
        guard let version = bytes.byte(at: box.start), let flags = bytes.byte(at: box.start + 3),
            let entries = bytes.uint32(at: box.start + 4)
        else { return nil }
        var offset = box.start + 8
        for _ in 0..<min(Int(entries), 1 << 16) {
            let id: Int?
            if version < 1 {
                id = bytes.uint16(at: offset).map(Int.init)
                offset += 2
            } else {
                id = bytes.uint32(at: offset).map(Int.init)
                offset += 4
            }
            guard let id, let count = bytes.byte(at: offset) else { return nil }
            offset += 1
            var indices: [Int] = []
            for _ in 0..<Int(count) {
                if flags & 1 == 1 {
                    guard let value = bytes.uint16(at: offset) else { return nil }
                    indices.append(Int(value & 0x7FFF) - 1)
                    offset += 2
                } else {
                    guard let value = bytes.byte(at: offset) else { return nil }
                    indices.append(Int(value & 0x7F) - 1)
                    offset += 1
                }
            }
            if id == item { return indices }
        }
        return nil
    }
}
