import Foundation
import OwnCore
import Testing

@Suite("open-loop: no done-when or no due after define-within")
struct OpenLoopTests {
    func undefined(_ fields: EventFields, at time: String = "2026-11-23T10:00:00Z") -> Loop {
        var all: [String: JSONValue] = ["title": "Look into the slow search"]
        all.merge(fields.dictionary) { $1 }
        return folded(event(.created, time, EventFields(all)))
    }

    @Test(
        arguments: [
            ([:], "no done-when and no due date"),
            (["doneWhen": "p95 under 200 ms"], "no due date"),
            (["due": "2026-12-04"], "no done-when"),
        ] as [(EventFields, String)]
    )
    func firesAfterTwoWorkingDays(fields: EventFields, missing: String) throws {
        let loop = undefined(fields)
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-25T10:00:00Z").isEmpty)
        let finding = try #require(judge(OpenLoop.self, [loop], at: "2026-11-25T10:01:00Z").first)
        #expect(finding.message.hasPrefix(missing + " after"))
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(finding.suggestion.hasPrefix("Define L1 Look into the slow search: done when"))
    }

    @Test func aDefinedLoopIsNotOpen() {
        let loop = undefined(["doneWhen": "p95 under 200 ms", "due": "2026-12-04"])
        #expect(judge(OpenLoop.self, [loop], at: "2026-12-25T10:00:00Z").isEmpty)
    }

    @Test func definingItLaterClearsIt() {
        let loop = folded(
            event(.created, "2026-11-16T10:00:00Z", ["title": "x"]),
            event(.edited, "2026-11-17T10:00:00Z", ["doneWhen": "y", "due": "2026-12-04"])
        )
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aWeekendDoesNotCountAndZonesDo() {
        // Created Thursday 16:00: two working days later is Monday 16:00.
        let loop = undefined([:], at: "2026-11-19T16:00:00Z")
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-23T16:00:00Z").isEmpty)
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-23T16:01:00Z").count == 1)
        // Thursday 16:00 UTC is Friday 01:00 in Tokyo: Friday and Monday are the two days there.
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-23T16:01:00Z", calendars: inTokyo()).isEmpty)
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-24T00:01:00Z", calendars: inTokyo()).count == 1)
    }

    @Test(arguments: [EventType.done, .dropped])
    func closedLoopsAreNeverOpen(type: EventType) {
        let loop = folded(event(.created, "2026-11-02T10:00:00Z", ["title": "x"]), event(type, "2026-11-03T10:00:00Z"))
        #expect(judge(OpenLoop.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }
}
