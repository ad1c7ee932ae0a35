import Foundation
import OwnCore
import Testing

@Suite("overcommitted: more estimated work due soon than capacity, or more active loops than wip-limit")
struct OvercommittedTests {
    /// An open loop with an estimate and a due date.
    func due(_ key: String, _ day: String, hours: Double, owner: String = "ana", started: Bool = false) -> Loop {
        var events = [
            created(
                "2026-11-16T09:00:00Z",
                loop: key,
                by: owner,
                ["due": .string(day), "estimateHours": .number(hours)]
            )
        ]
        if started { events.append(event(.started, "2026-11-17T09:00:00Z", loop: key, by: owner)) }
        return folded(events)
    }

    // Monday 2026-11-23 10:00 UTC: the next five working days run to Monday 2026-11-30.
    let monday = "2026-11-23T10:00:00Z"

    @Test func hoursAboveCapacityFire() throws {
        let fits = [
            due("a", "2026-11-24", hours: 10), due("b", "2026-11-27", hours: 12), due("c", "2026-11-30", hours: 8),
        ]
        #expect(judge(Overcommitted.self, fits, at: monday).isEmpty, "30 h is exactly the capacity")
        let over = fits + [due("d", "2026-11-30", hours: 0.5)]
        let finding = try #require(judge(Overcommitted.self, over, at: monday).first)
        #expect(finding.loop == nil)
        #expect(finding.number == nil)
        #expect(finding.owner == "ana")
        #expect(finding.message == "30.5 h due in 5 working days (capacity 30 h)")
        #expect(finding.suggestion.contains("Which matters most?"))
    }

    /// Days away are no working days: away Tuesday to Friday, Monday's five working days run to the
    /// Friday after, and 36 h due in them is over (the window ended on the first Monday back, with
    /// capacity counted over the days away).
    @Test func timeOffIsNoCapacity() throws {
        let loops = [due("a", "2026-11-30", hours: 24), due("b", "2026-12-02", hours: 12)]
        #expect(judge(Overcommitted.self, loops, at: monday).isEmpty, "the second is past five working days")
        var calendars = Calendars()
        calendars.add([
            TimeOff(
                id: "off1",
                person: "ana",
                first: CivilDate(iso: "2026-11-24")!,
                last: CivilDate(iso: "2026-11-27")!,
                backup: "bob",
                recordedAt: instant("2026-11-20T10:00:00Z")
            )
        ])
        let finding = try #require(judge(Overcommitted.self, loops, at: monday, calendars: calendars).first)
        #expect(finding.message == "36 h due in 5 working days (capacity 30 h)")
        #expect(finding.suggestion.contains("I have 36 h due by Dec 4"), "\(finding.suggestion)")
    }

    @Test func onlyWorkDueWithinTheHorizonCounts() {
        let loops = [
            due("a", "2026-11-27", hours: 25),
            due("later", "2026-12-01", hours: 40),  // the sixth working day
            due("overdue", "2026-11-20", hours: 40),  // the overdue rule's concern
            due("undated", "2026-11-27", hours: 0),
        ]
        #expect(judge(Overcommitted.self, loops, at: monday).isEmpty)
    }

    @Test func blockedProposedAndDoneLoopsAreNotLoad() {
        let blocked = folded(
            created("2026-11-16T09:00:00Z", loop: "b", ["due": "2026-11-25", "estimateHours": 40]),
            event(.blocked, "2026-11-17T09:00:00Z", loop: "b")
        )
        let proposed = folded(
            created("2026-11-16T09:00:00Z", loop: "p", ["due": "2026-11-25", "estimateHours": 40, "stakes": "high"])
        )
        let done = folded(
            created("2026-11-16T09:00:00Z", loop: "d", ["due": "2026-11-25", "estimateHours": 40]),
            event(.done, "2026-11-17T09:00:00Z", loop: "d")
        )
        #expect(judge(Overcommitted.self, [blocked, proposed, done], at: monday).isEmpty)
    }

    @Test func moreActiveLoopsThanTheLimitFire() throws {
        let three = ["a", "b", "c"].map { due($0, "2027-01-29", hours: 1, started: true) }
        #expect(judge(Overcommitted.self, three, at: monday).isEmpty)
        let four = three + [due("d", "2027-01-29", hours: 1, started: true)]
        let finding = try #require(judge(Overcommitted.self, four, at: monday).first)
        #expect(finding.message == "4 loops active (limit 3)")
        #expect(finding.since == instant("2026-11-17T09:00:00Z"))
    }

    @Test func bothReasonsInOneFindingPerOwner() {
        let ana = ["a", "b", "c", "d", "e"].map { due($0, "2026-11-27", hours: 12, started: true) }
        let ben = [due("f", "2026-11-27", hours: 2, owner: "ben")]
        let findings = judge(Overcommitted.self, ana + ben, at: monday)
        #expect(findings.map(\.owner) == ["ana"])
        #expect(findings.first?.message == "5 loops active (limit 3); 60 h due in 5 working days (capacity 30 h)")
    }

    @Test func theHorizonIsCountedOnTheOwnersCalendar() {
        // Friday 16:00 UTC is already Saturday in Tokyo, so work due Friday is behind a Tokyo owner.
        let loops = [due("fri", "2026-11-27", hours: 10), due("next", "2026-12-04", hours: 25)]
        #expect(judge(Overcommitted.self, loops, at: "2026-11-27T16:00:00Z").count == 1)
        #expect(judge(Overcommitted.self, loops, at: "2026-11-27T16:00:00Z", calendars: inTokyo()).isEmpty)
    }

    @Test func thePolicyMovesBothLimits() throws {
        let policy = try Policy(["capacity": .number(4), "wip-limit": .number(1)], source: "test")
        let loops = [due("a", "2026-11-24", hours: 21, started: true)]
        #expect(
            judge(Overcommitted.self, loops, at: monday, policy: policy).first?.message
                == "21 h due in 5 working days (capacity 20 h)"
        )
        let two = loops + [due("b", "2027-01-29", hours: 0, started: true)]
        #expect(
            judge(Overcommitted.self, two, at: monday, policy: policy).first?.message.hasPrefix(
                "2 loops active (limit 1)"
            ) == true
        )
    }

    /// The case: in New York, 28 h due next Monday and 5 h due today at 14:00. At 13:00 both
    /// count; at 15:00 the 5 h loop is overdue and belongs to `overdue` only.
    @Test(arguments: [("2026-11-24T18:00:00Z", true), ("2026-11-24T20:00:00Z", false)])
    func aLoopPastDueEarlierTodayIsNotLoad(now: String, fires: Bool) {
        let newYork = Calendars(people: [
            "ana": try! WorkingCalendar(tz: "America/New_York", workdays: "Mon-Fri", hours: "09:00-17:00")
        ])
        let loops = [due("monday", "2026-11-30", hours: 28), due("today", "2026-11-24T19:00:00Z", hours: 5)]
        let findings = judge(Overcommitted.self, loops, at: now, calendars: newYork)
        #expect(findings.map(\.message) == (fires ? ["33 h due in 5 working days (capacity 30 h)"] : []))
        #expect(judge(Overdue.self, loops, at: now, calendars: newYork).map(\.loop) == (fires ? [] : ["today"]))
    }
}
