import Foundation
import OwnCore

/// Builds events for tests: `at` is an ISO-8601 string, fields are plain values.
func event(
    _ type: EventType,
    _ at: String,
    loop: String = "L1",
    by: String = "ana",
    id: String? = nil,
    _ fields: EventFields = [:]
) -> Event {
    Event(id: id ?? UUID().uuidString, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
}

/// An instant from ISO-8601 text.
func instant(_ text: String) -> Date {
    Timestamp.parse(text)!
}

let utc = TimeZone(identifier: "UTC")!
let tokyo = TimeZone(identifier: "Asia/Tokyo")!
let newYork = TimeZone(identifier: "America/New_York")!
