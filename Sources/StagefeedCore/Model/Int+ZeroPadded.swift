extension Int {
    /// The number in decimal with leading zeros up to `width` digits (`7.zeroPadded(2)` is
    /// `07`): what `String(format: "%02d")` gives, without the formatting machinery.
    func zeroPadded(_ width: Int) -> String {
        let digits = String(self)
        return digits.utf8.count >= width ? digits : String(repeating: "0", count: width - digits.utf8.count) + digits
    }
}
