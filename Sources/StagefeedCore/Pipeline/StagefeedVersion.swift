/// The version of stagefeed, shown in `--version`, the User-Agent and generated files.
public enum StagefeedVersion {
    public static let current = "0.1.0"
}
