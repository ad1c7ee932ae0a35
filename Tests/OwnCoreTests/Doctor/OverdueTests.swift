import Foundation
import OwnCore
import Testing

@Suite("overdue: past due and not done, dropped or handed off")
struct OverdueTests {
    func dueOn(_ due: String, _ more: Event...) -> Loop {
        folded([created("2026-11-16T09:00:00Z", ["due": .string(due)])] + more)
    }

    @Test func aDueDayEndsAtMidnightOnTheOwnersCalendar() throws {
        let loop = dueOn("2026-11-20")
        #expect(judge(Overdue.self, [loop], at: "2026-11-20T23:59:59Z").isEmpty)
        // From midnight itself, as `own list` marks it (the doctor began a second later).
        #expect(judge(Overdue.self, [loop], at: "2026-11-21T00:00:00Z").count == 1)
        let finding = try #require(judge(Overdue.self, [loop], at: "2026-11-21T00:00:01Z").first)
        #expect(finding.since == instant("2026-11-21T00:00:00Z"))
        #expect(finding.message == "due Nov 20, overdue, no working time lost yet")
        // In Tokyo, Friday ends at 15:00 UTC.
        #expect(judge(Overdue.self, [loop], at: "2026-11-20T14:59:00Z", calendars: inTokyo()).isEmpty)
        #expect(judge(Overdue.self, [loop], at: "2026-11-20T15:01:00Z", calendars: inTokyo()).count == 1)
    }

    @Test func latenessIsCountedInWorkingDays() {
        // Due Friday: by the next Friday 16:00 it is four working days and seven hours late.
        let loop = dueOn("2026-11-20")
        #expect(
            judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").first?.message
                == "due Nov 20, 4.9 working days late"
        )
    }

    /// Due in another year than the one it is judged in: said with its year, which "due Dec 30, 260
    /// working days late" left to the reader.
    @Test func aDueDateOfAnotherYearIsSaidWithIt() {
        let loop = dueOn("2026-12-30")
        let sameYear = judge(Overdue.self, [loop], at: "2026-12-31T12:00:00Z").first?.message ?? ""
        #expect(sameYear.hasPrefix("due Dec 30, "), "\(sameYear)")
        let message = judge(Overdue.self, [loop], at: "2027-01-04T12:00:00Z").first?.message ?? ""
        #expect(message.hasPrefix("due Dec 30 2026, "), "\(message)")
    }

    /// A due date moved a year is said with both years: "from Jan 5 to Jan 5" read as no change.
    @Test func aDueDateMovedAYearIsSaidWithItsYears() {
        let loop = folded(
            created("2026-12-28T09:00:00Z", ["due": "2027-01-05", "affects": ["lee"], "stakes": "medium"]),
            event(.dueChanged, "2026-12-28T10:00:00Z", ["due": "2028-01-05", "reason": "vendor"])
        )
        let message = judge(UncommunicatedChange.self, [loop], at: "2026-12-29T12:00:00Z").first?.message ?? ""
        #expect(message.hasPrefix("due date moved Dec 28 2026 from Jan 5 2027 to Jan 5 2028"), "\(message)")
    }

    @Test func anExactDueInstant() {
        let loop = dueOn("2026-11-23T15:00:00Z")
        #expect(judge(Overdue.self, [loop], at: "2026-11-23T14:59:59Z").isEmpty)
        #expect(judge(Overdue.self, [loop], at: "2026-11-23T15:00:00Z").count == 1)
        #expect(loop.isOverdue(at: instant("2026-11-23T15:00:00Z"), calendars: Calendars()), "as own list says")
    }

    @Test func aLaterDueDateClearsIt() {
        let loop = dueOn(
            "2026-11-20",
            event(.dueChanged, "2026-11-20T10:00:00Z", ["due": "2026-12-04", "told": ["lee"]])
        )
        #expect(judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test(arguments: [EventType.done, .dropped])
    func closedLoopsAreNeverOverdue(type: EventType) {
        let loop = dueOn("2026-11-20", event(type, "2026-11-25T10:00:00Z"))
        #expect(judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aHandedOffLoopIsOverdueForItsNewOwner() {
        let loop = dueOn("2026-11-20", event(.handedOff, "2026-11-25T10:00:00Z", ["to": "ben"]))
        #expect(judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").map(\.owner) == ["ben"])
    }

    @Test func blockedAndProposedLoopsCanBeOverdue() {
        let blocked = dueOn("2026-11-20", event(.blocked, "2026-11-18T10:00:00Z", ["reason": "vendor"]))
        let proposed = folded(created("2026-11-16T09:00:00Z", loop: "p", ["due": "2026-11-20", "stakes": "high"]))
        let findings = judge(Overdue.self, [blocked, proposed], at: "2026-11-27T16:00:00Z")
        #expect(findings.count == 2)
        #expect(findings.first?.suggestion.contains("Where it stands: blocked on vendor.") == true)
    }

    /// A loop done and reopened was started: its update does not say it never was.
    @Test func aReopenedLoopStandsAsStartedAndNotInProgress() throws {
        let loop = dueOn(
            "2026-11-20",
            event(.started, "2026-11-17T10:00:00Z"),
            event(.done, "2026-11-19T10:00:00Z"),
            event(.reopened, "2026-11-23T10:00:00Z", ["reason": "it broke again"])
        )
        let overdue = try #require(judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").first)
        #expect(overdue.suggestion.contains("Where it stands: reopened (started Nov 17), not in progress."))
        let dark = try #require(judge(GoingDark.self, [loop], at: "2026-12-11T16:00:00Z").first)
        #expect(dark.suggestion.contains("reopened (started Nov 17), not in progress. Plan: <what is left"))
        let never = try #require(judge(GoingDark.self, [dueOn("2026-11-20")], at: "2026-12-11T16:00:00Z").first)
        #expect(never.suggestion.contains("not started yet. Plan: <when it starts"))
    }

    /// A loop started, then handed over, was not reopened: its update says it came over.
    @Test func aLoopHandedOverAfterItsStartStandsAsHandedOver() throws {
        let loop = dueOn(
            "2026-11-20",
            event(.started, "2026-11-17T10:00:00Z"),
            event(.handedOff, "2026-11-18T10:00:00Z", ["to": "ben"])
        )
        let overdue = try #require(judge(Overdue.self, [loop], at: "2026-11-27T16:00:00Z").first)
        #expect(
            overdue.suggestion.contains(
                "Where it stands: handed over by ana Nov 18, not in progress."
            ),
            "\(overdue.suggestion)"
        )
    }
}
