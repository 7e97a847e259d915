/// Checks that a path a renderer produced stays inside the output folder: relative, no
/// empty, `.` or `..` segments, no backslashes or control characters, no hidden files.
public enum OutputPath {
    /// True when the path is safe to join to the output folder. One pass over its UTF-8
    /// bytes (a build checks every path of the export several times): the bytes checked
    /// are all ASCII, which never occur inside a longer UTF-8 sequence.
    public static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            // Where the segment being read began: no segment is empty or starts with `.`.
            var segmentStart = true
            for byte in bytes {
                switch byte {
                case 0x00..<0x20, 0x7F, UInt8(ascii: "\\"): return false
                case UInt8(ascii: "/"):
                    if segmentStart { return false }
                    segmentStart = true
                case UInt8(ascii: "."):
                    if segmentStart { return false }
                default:
                    segmentStart = false
                }
            }
            return !segmentStart
        }
    }
}
