import Foundation
import Testing

@testable import StagefeedCore

/// The picture header readers on real files made by Pillow (`Tests/Fixtures/images/`, see
/// `make_samples.py`): format told by the bytes, size as shown.
@Suite struct ImageHeaderTests {
    @Test(arguments: [
        ("baseline.jpg", ImageFormat.jpeg, 40, 30),
        ("progressive.jpg", .jpeg, 33, 21),
        // Stored 40×30 with Exif orientation 6: shown turned, 30 wide and 40 high.
        ("rotated.jpg", .jpeg, 30, 40),
        ("image.png", .png, 17, 9),
        ("image.gif", .gif, 13, 7),
        ("lossy.webp", .webp, 21, 11),
        ("lossless.webp", .webp, 19, 23),
        ("alpha.webp", .webp, 25, 15),
        ("image.avif", .avif, 24, 16),
    ])
    func readsFormatAndSize(file: String, format: ImageFormat, width: Int, height: Int) throws {
        let bytes = [UInt8](try Data(contentsOf: Repository.fixture("images/\(file)")))
        #expect(ImageHeader.read(bytes) == ImageHeader(format: format, width: width, height: height))
    }

    @Test func otherFilesAreNotPictures() throws {
        let svg = [UInt8](try Data(contentsOf: Repository.fixture("images/not-an-image.svg")))
        #expect(ImageFormat.sniff(ByteView(svg)) == nil)
        #expect(ImageFormat.sniff(ByteView(Array("<!DOCTYPE html><html>".utf8))) == nil)
        #expect(ImageFormat.sniff(ByteView(Array("%PDF-1.7".utf8))) == nil)
        #expect(ImageFormat.sniff(ByteView([])) == nil)
        // An ISO-BMFF file of another brand (an MP4) is no AVIF.
        let mp4: [UInt8] = [0, 0, 0, 0x18] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("isommp42".utf8)
        #expect(ImageFormat.sniff(ByteView(mp4)) == nil)
    }

    @Test func aTruncatedJPEGHasNoSize() throws {
        let bytes = [UInt8](try Data(contentsOf: Repository.fixture("images/truncated.jpg")))
        #expect(ImageFormat.sniff(ByteView(bytes)) == .jpeg)
        #expect(ImageHeader.read(bytes) == nil)
    }

    /// Every prefix of every sample reads as nothing or as the whole file does, never as a
    /// wrong size, and never crashes.
    @Test func cutFilesNeverGiveAWrongSize() throws {
        for file in ["baseline.jpg", "rotated.jpg", "image.png", "image.gif", "lossy.webp", "alpha.webp", "image.avif"]
        {
            let bytes = [UInt8](try Data(contentsOf: Repository.fixture("images/\(file)")))
            let whole = ImageHeader.read(bytes)
            for length in 0..<bytes.count {
                let header = ImageHeader.read(Array(bytes.prefix(length)))
                #expect(header == nil || header == whole, "\(file) cut at \(length)")
            }
        }
    }

    @Test func fillBytesBeforeAMarkerAreSkipped() throws {
        var bytes = [UInt8](try Data(contentsOf: Repository.fixture("images/baseline.jpg")))
        bytes.insert(contentsOf: [0xFF, 0xFF, 0xFF], at: 2)
        #expect(ImageHeader.read(bytes)?.width == 40)
    }

    @Test func exportNamesComeFromTheHash() {
        let image = LocalImage(
            hash: String(repeating: "ab", count: 32), format: .webp, width: 1, height: 1, byteCount: 3)
        #expect(image.path == "images/" + String(repeating: "ab", count: 16) + ".webp")
        #expect(ContentType.isContentHashed(image.path))
        #expect(!ContentType.isContentHashed("images/photo.webp"))
    }
}
