import Synchronization

/// Values units hand back to the build besides their files, by name: the program feed's
/// data version, which `feeds/status.json` gives.
public final class UnitResults: Sendable {
    private let values = Mutex<[String: String]>([:])

    public init() {}

    public subscript(name: String) -> String? {
        get { values.withLock { $0[name] } }
        set { values.withLock { $0[name] = newValue } }
    }

    /// The name of the program feed's data version.
    public static let dataVersion = "data_version"
}
