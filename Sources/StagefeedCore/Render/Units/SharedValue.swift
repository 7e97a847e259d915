import Synchronization

/// A value several units of a build need, made by the first that asks (the others wait for
/// it) and then shared: each performance's feed entry, the program's data version, the
/// frab schedule's events.
public final class SharedValue<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        /// Units still to use the value before it is let go; nil when it is kept for the build.
        var users: Int?
    }

    private let state: Mutex<State>

    /// A value kept until the build ends.
    public init() {
        state = Mutex(State(value: nil, users: nil))
    }

    /// A value `users` units will use through `use`: the last of them lets it go. (A unit that
    /// is not made, its files being as they are, leaves it kept until the build ends.)
    public init(users: Int) {
        state = Mutex(State(value: nil, users: users))
    }

    /// The value, made by `make` if no unit made it yet.
    public func value(_ make: () throws -> Value) rethrows -> Value {
        try state.withLock { state in
            if let value = state.value { return value }
            let value = try make()
            state.value = value
            return value
        }
    }

    /// `body` given the value (made by `make` if no unit made it yet, or once let go); when
    /// this unit is the last of its users, the value is let go after it.
    public func use<Result>(_ make: () throws -> Value, _ body: (Value) throws -> Result) rethrows -> Result {
        let value = try self.value(make)
        defer {
            state.withLock { state in
                guard let users = state.users else { return }
                state.users = users - 1
                if users <= 1 { state.value = nil }
            }
        }
        return try body(value)
    }
}
