import Foundation
import OwnCore
import Testing

@Suite("A loop's JSON: written member by member, the same bytes as the sorted, compact writer")
struct LoopJSONTests {
    static let now = Date(timeIntervalSince1970: 1_795_795_200)

    static func loop(_ fields: EventFields, _ later: [(EventType, EventFields)] = []) -> Loop {
        var events = [
            Event(id: "e0", loop: "k1", at: now.addingTimeInterval(-86_400), by: "ana", type: .created, fields: fields)
        ]
        for (offset, (type, fields)) in later.enumerated() {
            events.append(
                Event(
                    id: "e\(offset + 1)",
                    loop: "k1",
                    at: now.addingTimeInterval(Double(offset - 60) * 60),
                    by: "ana",
                    type: type,
                    fields: fields
                )
            )
        }
        var loop = Loop.fold(events)!
        loop.number = 12
        return loop
    }

    static let loops: [Loop] = [
        loop(["title": .string("Bare")]),
        loop(
            [
                "title": .string("Every \"field\" \\ é"), "doneWhen": .string("green"), "due": .string("2026-11-20"),
                "stakes": .string("high"), "kind": .string("bug"), "stage": .string("review"),
                "affects": .array([.string("lee"), .string("ops")]), "estimateHours": .number(1.5),
                "project": .string("pay"), "tags": .array([.string("a"), .string("b")]), "ux": .string("none"),
                "touches": .string("billing"), "ifItFails": .string("retry"), "origin": .string("email"),
            ],
            [(.blocked, ["reason": .string("vendor")])]
        ),
        loop(["title": .string("Closed")], [(.done, ["outcome": .string("shipped")])]),
    ]

    @Test(arguments: loops)
    func theTextIsTheSortedCompactFormOfItsValue(_ loop: Loop) throws {
        let text = LoopJSON.string(loop, now: Self.now, calendars: Calendars())
        let value = try JSONParser.parse(text)
        #expect(JSONWriter.string(value) == text, "members sorted, nothing extra")
        #expect(LoopJSON.object(loop, now: Self.now, calendars: Calendars()) == value)
        let members = try #require(value.objectValue)
        #expect(members.count == 28, "every field, absent ones as null: \(members.keys.sorted())")
        #expect(members["ux"] == (loop.ux.map(JSONValue.string) ?? .null))
        #expect(members["origin"] == (loop.origin.map(JSONValue.string) ?? .null))
        #expect(members["verified"] == .bool(loop.verified))
        #expect(members["monitoredBy"] == (loop.monitoredBy.map(JSONValue.string) ?? .null))
        #expect(members["title"]?.stringValue == loop.title)
        #expect(members["number"]?.numberValue == 12)
        #expect(members["due"] == (loop.due.map { .string($0.json) } ?? .null))
        #expect(members["overdue"] == .bool(loop.isOverdue(at: Self.now, calendars: Calendars())))
        #expect(members["blockReason"] == (loop.blockReason.map(JSONValue.string) ?? .null))
        #expect(members["tags"] == .array(loop.tags.map(JSONValue.string)))
    }
}
