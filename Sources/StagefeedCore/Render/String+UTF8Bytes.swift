extension String {
    /// `body` over the text's UTF-8 bytes: read where they lie in a native string, with no
    /// copy and no reference taken; only a string of another kind (bridged) is copied first.
    @inline(__always)
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
