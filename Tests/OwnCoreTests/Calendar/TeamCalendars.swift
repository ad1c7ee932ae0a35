import Foundation
import OwnCore

/// A team across three zones, all working 09:00–17:00 on their own clocks: ana in Berlin, ben in New
/// York and kenji in Tokyo (Monday to Friday), and dana in Jerusalem (Sunday to Thursday).
///
/// In late November, Berlin is UTC+1, New York UTC−5, Tokyo UTC+9 and Jerusalem UTC+2: ana works
/// 08:00–16:00 UTC, ben 14:00–22:00, kenji 00:00–08:00 and dana 07:00–15:00. Europe moves its clocks
/// on 2026-03-29 and the United States on 2026-03-08; Tokyo never does.
func teamCalendars(_ timeOff: TimeOff...) -> Calendars {
    var calendars = Calendars(people: [
        "ana": try! WorkingCalendar(tz: "Europe/Berlin", workdays: "Mon-Fri", hours: "09:00-17:00"),
        "ben": try! WorkingCalendar(tz: "America/New_York", workdays: "Mon-Fri", hours: "09:00-17:00"),
        "kenji": try! WorkingCalendar(tz: "Asia/Tokyo", workdays: "Mon-Fri", hours: "09:00-17:00"),
        "dana": try! WorkingCalendar(tz: "Asia/Jerusalem", workdays: "Sun-Thu", hours: "09:00-17:00"),
    ])
    calendars.add(timeOff)
    return calendars
}

/// Time off for a person, first to last day included, with no backup.
func daysOff(_ person: String, _ first: String, _ last: String) -> TimeOff {
    TimeOff(
        id: "off-\(person)-\(first)",
        person: person,
        first: CivilDate(iso: first)!,
        last: CivilDate(iso: last)!,
        backup: nil,
        recordedAt: Timestamp.parse("2026-01-01T00:00:00Z")!
    )
}
