public import Foundation

/// What a loop's events say of each other, where `own show` (text and `--json`), the dashboard and
/// the team server's `/api/v1/loops/KEY` show them: the events taken back (`undone`), the retractions
/// that take nothing back and the changes of owner that change nothing, each with why. Judged in the
/// one fold order, whatever order the events are shown in.
public struct LoopHistory: Sendable {
    /// The events, in the order they are shown.
    public let events: [Event]
    /// The ids of the events a standing retraction takes back (`Event.takenBack`).
    public let undone: Set<String>
    /// Retractions that take nothing back, by id, with why (`Event.voidedRetractions`).
    public let takesBackNothing: [String: String]
    /// Changes of owner and approvals that change nothing, by id, with why (`Loop.eventsChangingNothing`).
    public let changesNothing: [String: String]

    public init(_ events: [Event]) {
        self.events = events
        let folded = Event.inFoldOrder(events)
        undone = Event.takenBack(folded)
        takesBackNothing = Event.voidedRetractions(folded)
        changesNothing = Loop.eventsChangingNothing(folded)
    }

    /// The loop with its history as JSON: `{"loop": …, "events": […]}`, then `undone`,
    /// `takesBackNothing` and `changesNothing`, each only when it holds any, then `extra`'s members
    /// (the CLI's `refusedByServer`), each only when it holds any.
    public func json(
        _ loop: Loop,
        now: Date,
        calendars: Calendars,
        extra: [(name: String, value: [String: String])] = []
    ) -> String {
        var text = "{\"loop\":" + LoopJSON.string(loop, now: now, calendars: calendars) + ",\"events\":["
        text += events.map(\.jsonLine).joined(separator: ",") + "]"
        if !undone.isEmpty {
            text += ",\"undone\":" + JSONWriter.string(.array(undone.sorted().map(JSONValue.string)))
        }
        for (name, members) in [("takesBackNothing", takesBackNothing), ("changesNothing", changesNothing)] + extra
        where !members.isEmpty {
            text += ",\"\(name)\":" + JSONWriter.string(.object(members.mapValues(JSONValue.string)))
        }
        return text + "}"
    }
}
