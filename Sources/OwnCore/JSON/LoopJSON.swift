public import Foundation

/// The JSON shape of a loop in `own list --json`, `own show --json` and the team server's
/// `/api/v1/loops`: the fields a person sees. One shape, wherever a loop is shown.
public enum LoopJSON {
    /// The loop as a JSON object, judged overdue or not at `now` on its owner's calendar.
    public static func object(_ loop: Loop, now: Date, calendars: Calendars) -> JSONValue {
        var members: [String: JSONValue] = [
            "number": .number(Double(loop.number)), "key": .string(loop.key), "title": .string(loop.title),
            "owner": .string(loop.owner), "state": .string(loop.state.rawValue),
            "stakes": .string(loop.stakes.rawValue),
            "kind": .string(loop.kind.rawValue), "autonomy": .number(Double(loop.autonomy)),
            "created": .string(Timestamp.format(loop.createdAt)),
            "changed": .string(Timestamp.format(loop.lastEventAt)),
            "overdue": .bool(loop.isOverdue(at: now, calendars: calendars)),
            "affects": .array(loop.affects.map(JSONValue.string)),
            "tags": .array(loop.tags.map(JSONValue.string)),
        ]
        members["doneWhen"] = loop.doneWhen.map(JSONValue.string) ?? .null
        members["due"] = loop.due.map { .string($0.json) } ?? .null
        members["project"] = loop.project.map(JSONValue.string) ?? .null
        members["stage"] = loop.stage.map { .string($0.rawValue) } ?? .null
        members["estimateHours"] = loop.estimateHours.map(JSONValue.number) ?? .null
        members["blockedSince"] = loop.blockedAt.map { .string(Timestamp.format($0)) } ?? .null
        members["blockReason"] = loop.blockReason.map(JSONValue.string) ?? .null
        members["outcome"] = loop.outcome.map(JSONValue.string) ?? .null
        return .object(members)
    }
}
