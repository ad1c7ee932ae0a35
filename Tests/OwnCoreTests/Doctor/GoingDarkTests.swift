import Foundation
import OwnCore
import Testing

@Suite("going-dark: silence from the owner longer than the stakes allow")
struct GoingDarkTests {
    /// A loop whose owner last spoke (a note) at Monday 2026-11-02 10:00 UTC.
    func silent(stakes: Stakes) -> Loop {
        folded(
            created("2026-11-02T09:00:00Z", ["stakes": .string(stakes.rawValue)]),
            event(.approved, "2026-11-02T09:10:00Z", by: "lee"),
            event(.started, "2026-11-02T09:30:00Z"),
            event(.noted, "2026-11-02T10:00:00Z", ["note": "halfway"])
        )
    }

    @Test(arguments: [
        (Stakes.critical, "2026-11-03T10:00:00Z", "2026-11-03T10:01:00Z"),
        (.high, "2026-11-04T10:00:00Z", "2026-11-04T10:01:00Z"),
        (.medium, "2026-11-05T10:00:00Z", "2026-11-05T10:01:00Z"),
        (.low, "2026-11-09T10:00:00Z", "2026-11-09T10:01:00Z"),
        (.routine, "2026-11-16T10:00:00Z", "2026-11-16T10:01:00Z"),
    ])
    func firesOnlyAfterTheSilenceItsStakesAllow(stakes: Stakes, atThreshold: String, justAfter: String) throws {
        let loop = silent(stakes: stakes)
        #expect(judge(GoingDark.self, [loop], at: atThreshold).isEmpty)
        let finding = try #require(judge(GoingDark.self, [loop], at: justAfter).first)
        #expect(finding.rule == .goingDark)
        #expect(finding.loop == "L1")
        #expect(finding.owner == "ana")
        #expect(finding.since == instant("2026-11-02T10:00:00Z"))
        #expect(
            finding.message.hasSuffix(
                "stakes \(stakes.rawValue) allow \(Draft.workingDaysLimit(Policy.defaults.darkAfter(stakes)))"
            )
        )
        #expect(finding.severity == (stakes == .critical ? .critical : .warning))
    }

    /// A threshold is said as it is in force, not rounded up as the silence is: 1.25 read as 1.3,
    /// and "silent 1.3 working days; allow 1.3" as no finding at all.
    @Test func theThresholdIsSaidAsItIsInForce() {
        #expect(Draft.workingDaysLimit(1.25) == "1.25 working days")
        #expect(Draft.workingDaysLimit(1) == "1 working day")
        #expect(Draft.workingHoursLimit(0.25) == "0.25 working hours")
        #expect(Draft.workingDays(1.25) == "1.3 working days")
    }

    @Test func aWeekendIsNotSilence() {
        // High stakes allow 2 working days. Friday 10:00 to Monday 16:00 is 1.75 working days.
        let loop = folded(
            created("2026-11-20T09:00:00Z", ["stakes": "high"]),
            event(.approved, "2026-11-20T09:05:00Z", by: "lee"),
            event(.noted, "2026-11-20T10:00:00Z", ["note": "started"])
        )
        #expect(judge(GoingDark.self, [loop], at: "2026-11-23T16:00:00Z").isEmpty)
        #expect(judge(GoingDark.self, [loop], at: "2026-11-24T10:00:00Z").isEmpty)
        #expect(judge(GoingDark.self, [loop], at: "2026-11-24T10:01:00Z").count == 1)
    }

    @Test func silenceIsCountedOnTheOwnersClocks() {
        // Friday 10:00 in Tokyo (01:00 UTC); now Tuesday 08:30 UTC, which is 17:30 in Tokyo.
        let loop = folded(
            created("2026-11-20T00:30:00Z", ["stakes": "high"]),
            event(.approved, "2026-11-20T00:40:00Z", by: "lee"),
            event(.noted, "2026-11-20T01:00:00Z", ["note": "started"])
        )
        // In Tokyo: Friday 7 h + Monday 8 h + Tuesday 8 h = 2.9 working days, more than 2.
        #expect(judge(GoingDark.self, [loop], at: "2026-11-24T08:30:00Z", calendars: inTokyo()).count == 1)
        // On UTC clocks: Friday 8 h + Monday 8 h + nothing yet on Tuesday = exactly 2.
        #expect(judge(GoingDark.self, [loop], at: "2026-11-24T08:30:00Z").isEmpty)
    }

    @Test func onlyTheOwnersWordCounts() {
        let loop = folded(
            created("2026-11-23T09:00:00Z", ["stakes": "critical"]),
            event(.approved, "2026-11-23T09:05:00Z", by: "lee"),
            event(.started, "2026-11-24T09:00:00Z"),
            event(.noted, "2026-11-24T12:00:00Z", by: "lee", ["note": "any news?"])
        )
        // Started is not communication, nor is someone else's note: silent since Monday 09:00.
        let findings = judge(GoingDark.self, [loop], at: "2026-11-24T09:01:00Z")
        #expect(findings.map(\.since) == [instant("2026-11-23T09:00:00Z")])
        #expect(findings.first?.severity == .critical)
    }

    @Test(arguments: [EventType.blocked, .helpAsked, .unblocked, .risk, .scopeChanged, .dueChanged, .staged, .reported])
    func everyKindOfCommunicationResetsTheSilence(type: EventType) {
        let fields: EventFields =
            switch type {
            case .helpAsked: ["from": "lee"]
            case .dueChanged: ["due": "2027-07-01"]
            case .staged: ["stage": "review"]
            case .reported: ["channel": "standup"]
            default: [:]
            }
        let loop = folded(
            created("2026-11-16T09:00:00Z"),
            event(.started, "2026-11-16T09:30:00Z"),
            event(type, "2026-11-25T10:00:00Z", fields)
        )
        #expect(judge(GoingDark.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aProposedLoopCanGoDark() {
        // Critical stakes: proposed until approved; its owner still owes word on it.
        let loop = folded(created("2026-11-23T10:00:00Z", ["stakes": "critical"]))
        #expect(loop.state == .proposed)
        #expect(judge(GoingDark.self, [loop], at: "2026-11-24T10:01:00Z").count == 1)
    }

    @Test(arguments: [EventType.done, .dropped])
    func closedLoopsNeverGoDark(type: EventType) {
        let loop = folded(created("2026-11-02T09:00:00Z"), event(type, "2026-11-02T10:00:00Z"))
        #expect(judge(GoingDark.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aHandOffStartsTheSilenceAgainForTheNewOwner() {
        // Medium stakes: 3 working days. Handed off on Friday 2026-11-20 at 10:00, after two weeks of silence.
        let loop = folded(
            created("2026-11-02T09:00:00Z"),
            event(.handedOff, "2026-11-20T10:00:00Z", ["to": "ben"])
        )
        #expect(judge(GoingDark.self, [loop], at: "2026-11-25T09:59:00Z").isEmpty)
        #expect(judge(GoingDark.self, [loop], at: "2026-11-25T10:01:00Z").map(\.owner) == ["ben"])
    }

    @Test func theDraftIsAnUpdateWithWorkaroundAndContingency() throws {
        let loop = folded(
            created("2026-11-09T09:00:00Z", ["title": "Payment provider integration", "due": "2026-12-04"]),
            event(.started, "2026-11-09T10:00:00Z"),
            event(.blocked, "2026-11-13T10:00:00Z", ["reason": "sandbox webhooks"])
        )
        let finding = try #require(judge(GoingDark.self, [loop], at: "2026-11-27T16:00:00Z").first)
        #expect(
            finding.suggestion.hasPrefix(
                "Update on L1 Payment provider integration: blocked since Nov 13 on sandbox webhooks."
            )
        )
        #expect(finding.suggestion.contains("Asked: nobody yet."))
        #expect(finding.suggestion.contains("Workaround:"))
        #expect(finding.suggestion.contains("the date moves by"))
    }
}
