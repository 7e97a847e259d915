/// Checks that a path a renderer produced stays inside the output folder: relative, no
/// empty, `.` or `..` segments, no backslashes or control characters, no hidden files.
public enum OutputPath {
    /// True when the path is safe to join to the output folder.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"),
            !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { segment in
            !segment.isEmpty && !segment.hasPrefix(".")
        }
    }
}
