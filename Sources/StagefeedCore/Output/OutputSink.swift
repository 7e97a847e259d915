import Foundation

/// Where renderers hand their files as they make them: the writer's session during a build
/// (so the export is never held in memory whole), a collector in tests and previews. Safe to
/// call from several threads at once.
public protocol OutputSink: Sendable {
    func emit(_ file: OutputFile) throws

    /// A file made piece by piece, too large to hold whole (the whole-program feeds,
    /// schedule and calendar): `write` hands each piece, in order, to `append`.
    func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws
}

extension OutputSink {
    /// Collects the pieces into one file: for sinks that keep files whole anyway.
    public func emit(path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void) throws {
        var contents = Data()
        try write { contents.append(contentsOf: $0) }
        try emit(OutputFile(path: path, contents: contents))
    }

    /// Hands a file made piece by piece on to this sink, showing each piece to `observe`
    /// first: for sinks that wrap another (to hash the pieces, or refuse them once stopped).
    func emit(
        path: String, writing write: (_ append: ([UInt8]) throws -> Void) throws -> Void,
        observing observe: ([UInt8]) throws -> Void
    ) throws {
        try withoutActuallyEscaping(observe) { observe in
            try emit(path: path) { append in
                try withoutActuallyEscaping(append) { append in
                    try write { piece in
                        try observe(piece)
                        try append(piece)
                    }
                }
            }
        }
    }
}
