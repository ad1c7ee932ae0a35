public import Foundation

/// The JSON shape of a loop in `own list --json`, `own show --json` and the team server's
/// `/api/v1/loops`: the fields a person sees. One shape, wherever a loop is shown.
public enum LoopJSON {
    /// The loop's JSON text, judged overdue or not at `now` on its owner's calendar: members sorted by
    /// name, an absent field `null`. Written member by member, with no dictionary in between, since
    /// `own list --json` writes one for each of hundreds of loops.
    public static func string(_ loop: Loop, now: Date, calendars: Calendars) -> String {
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        var out = JSONObjectWriter(capacity: 512)
        out.value("affects", strings(loop.affects))
        out.number("autonomy", Double(loop.autonomy))
        out.value("blockReason", optional(loop.blockReason))
        out.value("blockedSince", optional(loop.blockedAt.map { Timestamp.format($0) }))
        out.string("changed", Timestamp.format(loop.lastEventAt))
        out.string("created", Timestamp.format(loop.createdAt))
        out.value("delegatedBy", optional(loop.delegatedBy))
        out.value("doneWhen", optional(loop.doneWhen))
        out.value("due", optional(loop.due?.json))
        out.value("estimateHours", loop.estimateHours.map(JSONValue.number) ?? .null)
        out.string("key", loop.key)
        out.string("kind", loop.kind.rawValue)
        out.number("number", Double(loop.number))
        out.value("outcome", optional(loop.outcome))
        out.value("overdue", .bool(loop.isOverdue(at: now, calendars: calendars)))
        out.string("owner", loop.owner)
        out.value("project", optional(loop.project))
        out.value("stage", optional(loop.stage?.rawValue))
        out.string("stakes", loop.stakes.rawValue)
        out.string("state", loop.state.rawValue)
        out.value("tags", strings(loop.tags))
        out.string("title", loop.title)
        return out.finish()
    }

    /// The same JSON as a value, to put inside another document.
    public static func object(_ loop: Loop, now: Date, calendars: Calendars) -> JSONValue {
        // `string` writes JSON this parser reads: it cannot fail.
        (try? JSONParser.parse(string(loop, now: now, calendars: calendars))) ?? .null
    }
}
