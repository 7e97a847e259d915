import Synchronization

/// A value several units of a build need, made by the first that asks (the others wait for
/// it) and then shared: each performance's feed entry, the program's data version.
public final class SharedValue<Value: Sendable>: Sendable {
    private let stored = Mutex<Value?>(nil)

    public init() {}

    /// The value, made by `make` if no unit made it yet.
    public func value(_ make: () throws -> Value) rethrows -> Value {
        try stored.withLock { stored in
            if let value = stored { return value }
            let value = try make()
            stored = value
            return value
        }
    }
}
