extension Array where Element == UInt8 {
    /// The same bytes in storage of their own size: for bytes kept for the rest of a build
    /// (fragments, calendar entries) after being grown piece by piece, which can leave up
    /// to half their storage unused.
    func sizedToFit() -> [UInt8] {
        capacity - count < 64 ? self : withUnsafeBufferPointer { Array($0) }
    }
}
