import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5): the same name always gives the same UUID, so
/// calendar UIDs and schedule GUIDs survive every rebuild.
public enum StableUUID {
    /// stagefeed's own namespace.
    static let namespace = UUID(uuidString: "5e0f3a7c-9d4b-4c2e-8a61-2f7b9c0d1e3a")!

    /// The version 5 UUID of `name` in stagefeed's namespace.
    public static func make(_ name: String) -> UUID {
        var input = withUnsafeBytes(of: namespace.uuid) { Data($0) }
        input.append(Data(name.utf8))
        var bytes = Array(Insecure.SHA1.hash(data: input).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    /// The identity of a performance across builds: from the source, the event and the
    /// performance id, never from times, titles or order.
    public static func performance(_ performanceID: String, event eventID: String, source: String) -> UUID {
        make("performance\u{1F}\(source)\u{1F}\(eventID)\u{1F}\(performanceID)")
    }

    /// A performance's identity as calendars (UID) and pages write it: lowercase hexadecimal.
    public static func performanceUID(_ performanceID: String, event eventID: String, source: String) -> String {
        performance(performanceID, event: eventID, source: source).uuidString.lowercased()
    }
}
