import Foundation

/// Every setting of a run, resolved and checked (flags > environment > config file >
/// defaults), in groups: the source, the folders, rendering and publishing.
public struct Settings: Sendable, Equatable {
    /// Where the program comes from, and what that source needs.
    public var source: SourceSettings
    /// The output folder (the export).
    public var outputFolder: URL
    /// The store's folder.
    public var cacheFolder: URL
    /// How the program is rendered.
    public var rendering: RenderSettings
    /// Where `stagefeed publish` uploads; nil when no destination is set.
    public var publish: PublishSettings?
    /// Publish after every build (`build --publish`, `watch --publish`).
    public var publishAfterBuild: Bool
}
