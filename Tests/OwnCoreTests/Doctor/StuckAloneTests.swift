import Foundation
import OwnCore
import Testing

@Suite("stuck-alone: blocked longer than ask-for-help-after with no help asked")
struct StuckAloneTests {
    func blocked(at time: String, _ more: Event...) -> Loop {
        folded(
            [
                created("2026-11-16T09:00:00Z"), event(.started, "2026-11-16T09:30:00Z"),
                event(.blocked, time, ["reason": "no access"]),
            ]
                + more
        )
    }

    @Test func firesAfterOneWorkingDay() throws {
        let loop = blocked(at: "2026-11-23T10:00:00Z")
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-24T10:00:00Z").isEmpty)
        let finding = try #require(judge(StuckAlone.self, [loop], at: "2026-11-24T10:01:00Z").first)
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(finding.message.contains("no help asked"))
        #expect(finding.suggestion.contains("on no access"))
    }

    @Test func aWeekendDoesNotCount() {
        // Friday 16:00 to Monday 16:00 is one working day exactly.
        let loop = blocked(at: "2026-11-20T16:00:00Z")
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-23T16:00:00Z").isEmpty)
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-23T16:30:00Z").count == 1)
    }

    @Test func countedOnTheOwnersClocks() {
        // Blocked Monday 16:00 in Tokyo (07:00 UTC). Tuesday 08:30 UTC is 17:30 in Tokyo: 1 h + 8 h.
        let loop = blocked(at: "2026-11-23T07:00:00Z")
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-24T08:30:00Z", calendars: inTokyo()).count == 1)
        // On UTC clocks it is Monday 09:00 … Tuesday 08:30: exactly 8 h.
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-24T08:30:00Z").isEmpty)
    }

    @Test func helpAskedSinceTheBlockSilencesIt() {
        let loop = blocked(at: "2026-11-23T10:00:00Z", event(.helpAsked, "2026-11-23T11:00:00Z", ["from": "platform"]))
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func helpAskedBeforeTheBlockDoesNotCount() {
        let loop = folded(
            created("2026-11-16T09:00:00Z"),
            event(.helpAsked, "2026-11-20T10:00:00Z", ["from": "platform"]),
            event(.blocked, "2026-11-23T10:00:00Z", ["reason": "no access"])
        )
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-27T16:00:00Z").count == 1)
    }

    @Test(arguments: [EventType.unblocked, .done, .dropped])
    func noLongerBlockedIsNotStuck(type: EventType) {
        let loop = blocked(at: "2026-11-23T10:00:00Z", event(type, "2026-11-23T12:00:00Z"))
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aLongerThresholdFromThePolicy() throws {
        let loop = blocked(at: "2026-11-23T10:00:00Z")
        let policy = try Policy(["ask-for-help-after": .number(2)], source: "test")
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-25T10:00:00Z", policy: policy).isEmpty)
        #expect(judge(StuckAlone.self, [loop], at: "2026-11-25T10:01:00Z", policy: policy).count == 1)
    }
}
