import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so
/// calendar UIDs and schedule GUIDs survive every rebuild.
public enum StableUUID {
    /// stagefeed's own namespace.
    static let namespace = UUID(uuidString: "5e0f3a7c-9d4b-4c2e-8a61-2f7b9c0d1e3a")!

    /// The version 5 UUID of `name` in stagefeed's namespace.
    public static func make(_ name: String) -> UUID {
        // The namespace and the name hashed in place, not copied into one buffer first.
        var hash = Insecure.SHA1()
        withUnsafeBytes(of: namespace.uuid) { hash.update(bufferPointer: $0) }
        var name = name
        name.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var uuid = namespace.uuid
        withUnsafeMutableBytes(of: &uuid) { target in
            hash.finalize().withUnsafeBytes { digest in
                target.copyMemory(from: UnsafeRawBufferPointer(rebasing: digest[0..<16]))
            }
        }
        uuid.6 = (uuid.6 & 0x0F) | 0x50
        uuid.8 = (uuid.8 & 0x3F) | 0x80
        return UUID(uuid: uuid)
    }

    /// The identity of a performance across builds: from the source, the event and the
    /// performance id, never from times, titles or order.
    public static func performance(_ performanceID: String, event eventID: String, source: String) -> UUID {
        make("performance\u{1F}\(source)\u{1F}\(eventID)\u{1F}\(performanceID)")
    }

    /// A performance's identity as calendars (UID) and pages write it: lowercase hexadecimal.
    public static func performanceUID(_ performanceID: String, event eventID: String, source: String) -> String {
        lowercased(performance(performanceID, event: eventID, source: source))
    }

    /// `uuid` as `uuidString.lowercased()` writes it, in one string made in place: how the
    /// program's UUIDs are written everywhere.
    static func lowercased(_ uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var count = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    text[count] = hexadecimalDigits[Int(byte >> 4)]
                    text[count + 1] = hexadecimalDigits[Int(byte & 0x0F)]
                    count += 2
                }
                return count
            }
        }
    }
}
