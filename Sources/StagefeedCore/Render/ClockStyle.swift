/// How pages show times of day: `23:30` (the default) or `11:30 PM`.
public enum ClockStyle: String, Sendable, CaseIterable {
    case twentyFourHour = "24h"
    case twelveHour = "12h"
}
