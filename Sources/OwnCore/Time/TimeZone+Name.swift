public import Foundation

extension TimeZone {
    /// The zone as messages name it: its identifier (`Asia/Tokyo`), and `UTC` for UTC, which
    /// Foundation calls `GMT` whichever way it was set (`.gmt`, or a configuration's `tz = "UTC"`).
    public var shownName: String {
        identifier == "GMT" ? "UTC" : identifier
    }
}
