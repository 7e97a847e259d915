/// Builds the source the settings name.
public enum SourceFactory {
    public static func source(for settings: Settings) -> any ProgramSource {
        switch settings.source {
        case .demo: return DemoSource()
        }
    }
}
