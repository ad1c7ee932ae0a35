public import Foundation

/// The JSON shape of a loop in `own list --json`, `own show --json` and the team server's
/// `/api/v1/loops`: the fields a person sees. One shape, wherever a loop is shown.
public enum LoopJSON {
    /// The loop's JSON text, judged overdue or not at `now` on its owner's calendar: members sorted by
    /// name, an absent field `null`. Written member by member, with no dictionary in between, since
    /// `own list --json` writes one for each of hundreds of loops.
    public static func string(_ loop: Loop, now: Date, calendars: Calendars) -> String {
        var bytes = JSONBuffer(capacity: 512)
        write(loop, now: now, calendars: calendars, into: &bytes)
        return bytes.string
    }

    /// Appends the loop's JSON text (`string`) to `output`: a list writes all of its loops into one
    /// run of bytes, made text once.
    public static func write(_ loop: Loop, now: Date, calendars: Calendars, into output: inout JSONBuffer) {
        var out = JSONObjectWriter(continuing: &output)
        out.strings("affects", loop.affects, always: true)
        out.number("autonomy", Double(loop.autonomy))
        out.stringOrNull("blockReason", loop.blockReason)
        out.timestamp("blockedSince", loop.blockedAt, orNull: true)
        out.timestamp("changed", loop.lastEventAt)
        out.timestamp("created", loop.createdAt)
        out.stringOrNull("delegatedBy", loop.delegatedBy)
        out.stringOrNull("doneWhen", loop.doneWhen)
        out.stringOrNull("due", loop.due?.json)
        out.numberOrNull("estimateHours", loop.estimateHours)
        out.stringOrNull("ifItFails", loop.ifItFails)
        out.string("key", loop.key)
        out.string("kind", loop.kind.rawValue)
        out.stringOrNull("monitoredBy", loop.monitoredBy)
        out.number("number", Double(loop.number))
        out.stringOrNull("origin", loop.origin)
        out.stringOrNull("outcome", loop.outcome)
        out.bool("overdue", loop.isOverdue(at: now, calendars: calendars))
        out.string("owner", loop.owner)
        out.stringOrNull("project", loop.project)
        out.stringOrNull("stage", loop.stage?.rawValue)
        out.string("stakes", loop.stakes.rawValue)
        out.string("state", loop.state.rawValue)
        out.strings("tags", loop.tags, always: true)
        out.string("title", loop.title)
        out.stringOrNull("touches", loop.touches)
        out.stringOrNull("ux", loop.ux)
        out.bool("verified", loop.verified)
        out.finish(into: &output)
    }

    /// The same JSON as a value, to put inside another document.
    public static func object(_ loop: Loop, now: Date, calendars: Calendars) -> JSONValue {
        // `string` writes JSON this parser reads: it cannot fail.
        (try? JSONParser.parse(string(loop, now: now, calendars: calendars))) ?? .null
    }
}
