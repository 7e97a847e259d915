/// Where renderers hand their files as they make them: the writer's session during a build
/// (so the export is never held in memory whole), a collector in tests and previews. Safe to
/// call from several threads at once.
public protocol OutputSink: Sendable {
    func emit(_ file: OutputFile) throws
}
