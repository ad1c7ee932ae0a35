import Foundation
import OwnCore

/// How the dashboard tells a person's local time: the weekday and time in their zone, the zone, and
/// whether they are at work then (`Fri 21:00 Asia/Tokyo, off hours`), from their working calendar.
enum LocalClock {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    static func describe(_ now: Date, calendar working: WorkingCalendar) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = working.zone
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: now)
        let day = weekdays[((parts.weekday ?? 1) - 1 + 7) % 7]
        let time = String(format: "%@ %02d:%02d", day, parts.hour ?? 0, parts.minute ?? 0)
        let zone = working.zone.shownName
        return time + " " + zone + ", " + status(now, working)
    }

    private static func status(_ now: Date, _ working: WorkingCalendar) -> String {
        let today = working.day(of: now)
        if working.timeOff.contains(where: { $0.contains(today) }) { return "away" }
        return working.workingDay(containing: now) == nil ? "off hours" : "at work"
    }
}
