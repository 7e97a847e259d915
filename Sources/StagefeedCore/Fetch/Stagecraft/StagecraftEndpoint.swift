/// The four Stagecraft v1 endpoints stagefeed reads, in the order they are fetched.
public enum StagecraftEndpoint: String, Sendable, CaseIterable {
    case event
    case stages
    case artists
    case program

    /// The path below the base URL, e.g. `/program`.
    public var path: String { "/" + rawValue }

    /// How messages name it, e.g. `GET /program`.
    public var label: String { "GET " + path }
}
