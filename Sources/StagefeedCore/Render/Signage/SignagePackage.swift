import Foundation
import ZIPFoundation

/// A signage page as an HTML package (`signage/packages/<name>.zip`, holding `index.html`)
/// for players that take a zip (Xibo, Anthias, Yodeck). The entry is stored, not deflated,
/// and its date fixed, so the same page gives the same bytes on every machine.
enum SignagePackage {
    /// 1 January 2000, in every entry's modification date.
    static let modificationDate = Date(timeIntervalSince1970: 946_728_000)

    static func zip(page bytes: Data) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(
            with: "index.html", type: .file, uncompressedSize: Int64(bytes.count),
            modificationDate: modificationDate, permissions: 0o644, compressionMethod: .none
        ) { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }
}
