import Foundation
import OwnCore

/// A `created` event for tests: a defined medium-stakes loop (done-when and a far due date) unless the
/// fields say otherwise, so that only the rule under test has anything to say.
func created(
    _ at: String,
    loop: String = "L1",
    by: String = "ana",
    _ fields: EventFields = [:]
) -> Event {
    var all: [String: JSONValue] = ["title": .string("Loop \(loop)"), "doneWhen": "it works", "due": "2027-06-30"]
    all.merge(fields.dictionary) { $1 }
    return event(.created, at, loop: loop, by: by, EventFields(all))
}

/// The loop folded from events.
func folded(_ events: Event...) -> Loop {
    Loop.fold(events)!
}

/// The loop folded from an array of events.
func folded(_ events: [Event]) -> Loop {
    Loop.fold(events)!
}

/// One rule's findings at a fixed instant.
func judge(
    _ rule: any Rule.Type,
    _ loops: [Loop],
    at now: String,
    calendars: Calendars = Calendars(),
    policy: Policy = .defaults
) -> [Finding] {
    rule.findings(in: loops, policy: policy, calendars: calendars, now: instant(now))
}

/// Calendars where `person` works 09:00–17:00, Monday to Friday, in Tokyo.
func inTokyo(_ person: String = "ana") -> Calendars {
    Calendars(people: [person: try! WorkingCalendar(tz: "Asia/Tokyo", workdays: "Mon-Fri", hours: "09:00-17:00")])
}

// The week these tests live in: Monday 2026-11-23 to Friday 2026-11-27 (UTC); the weekend before is
// 2026-11-21/22.
