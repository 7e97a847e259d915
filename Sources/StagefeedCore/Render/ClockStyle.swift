/// How pages show times of day: `23:30` (the default) or `11:30 PM`.
public enum ClockStyle: String, Sendable, CaseIterable {
    /// `23:30`
    case twentyFourHour = "24h"
    /// `11:30 PM`
    case twelveHour = "12h"
}
