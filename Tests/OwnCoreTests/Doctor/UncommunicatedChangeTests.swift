import Foundation
import OwnCore
import Testing

@Suite("uncommunicated-change: scope, a slipped date or a risk nobody heard about within notice-within")
struct UncommunicatedChangeTests {
    func changed(_ stakes: Stakes = .medium, affects: [String] = [], _ more: Event...) -> Loop {
        var fields: EventFields = ["stakes": .string(stakes.rawValue), "estimateHours": 16]
        if !affects.isEmpty { fields["affects"] = .array(affects.map(JSONValue.string)) }
        return folded(
            [
                created("2026-11-16T09:00:00Z", fields), event(.approved, "2026-11-16T09:05:00Z", by: "lee"),
                event(.started, "2026-11-16T09:30:00Z"),
            ] + more
        )
    }

    let scope = event(.scopeChanged, "2026-11-23T10:00:00Z", ["estimateHours": 80, "note": "needs a refactor"])

    @Test func firesAfterFourWorkingHours() throws {
        let loop = changed(.medium, scope)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T14:00:00Z").isEmpty)
        let finding = try #require(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T14:01:00Z").first)
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(finding.message.hasPrefix("scope changed Nov 23 (estimate 16 h → 80 h)"))
        #expect(finding.suggestion.contains("needs a refactor"))
        #expect(finding.suggestion.contains("the date moves by"))
    }

    /// A due date removed is a change to plan: its notice moves no date, for there is none now.
    @Test func aRemovedDueDateMovesNoDate() throws {
        let removed = event(.dueChanged, "2026-11-23T10:00:00Z", ["due": .null, "reason": "no deadline after all"])
        let finding = try #require(
            judge(UncommunicatedChange.self, [changed(.medium, affects: ["lee"], removed)], at: "2026-11-24T10:00:00Z")
                .first
        )
        #expect(finding.suggestion.contains("removed Nov 23 2026"), "\(finding.suggestion)")
        #expect(
            finding.suggestion.hasSuffix(" If not resolved by <date>, <what happens then>."),
            "\(finding.suggestion)"
        )
    }

    @Test func aWeekendDoesNotCount() {
        let loop = changed(.medium, event(.risk, "2026-11-20T15:00:00Z", ["note": "vendor may slip"]))
        // Friday 15:00–17:00 and Monday 09:00–11:00: four working hours exactly.
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T11:00:00Z").isEmpty)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T11:01:00Z").count == 1)
    }

    @Test func countedOnTheOwnersClocks() {
        // Changed Monday 16:00 in Tokyo (07:00 UTC); at 14:00 UTC Tokyo has seen one working hour since.
        let loop = changed(.medium, event(.risk, "2026-11-23T07:00:00Z", ["note": "vendor may slip"]))
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T14:00:00Z", calendars: inTokyo()).isEmpty)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-23T14:00:00Z").count == 1)
    }

    @Test func toldOrReportedIsCommunicated() {
        let told = changed(
            .medium,
            event(.scopeChanged, "2026-11-23T10:00:00Z", ["estimateHours": 80, "told": ["lee"]])
        )
        let reported = changed(.medium, scope, event(.reported, "2026-11-23T11:00:00Z", ["channel": "notice"]))
        #expect(judge(UncommunicatedChange.self, [told, reported], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    /// Telling yourself of your own change is telling no one: `told: ["ana"]` by ana silenced the
    /// rule. Told along with someone else, or told by the lead who made it, it is communicated.
    @Test func tellingOnlyYourselfIsTellingNoOne() {
        func told(_ people: [String], by person: String = "ana") -> Loop {
            changed(
                .medium,
                event(
                    .scopeChanged,
                    "2026-11-23T10:00:00Z",
                    by: person,
                    ["estimateHours": 80, "told": .array(people.map(JSONValue.string))]
                )
            )
        }
        #expect(judge(UncommunicatedChange.self, [told(["ana"])], at: "2026-11-27T16:00:00Z").count == 1)
        #expect(judge(UncommunicatedChange.self, [told(["ana", "lee"])], at: "2026-11-27T16:00:00Z").isEmpty)
        #expect(judge(UncommunicatedChange.self, [told(["ana"], by: "lee")], at: "2026-11-27T16:00:00Z").isEmpty)
        // A later change that tells only its author tells no one of the earlier one either.
        let later = changed(.medium, scope, event(.risk, "2026-11-24T10:00:00Z", ["note": "x", "told": ["ana"]]))
        #expect(judge(UncommunicatedChange.self, [later], at: "2026-11-27T16:00:00Z").count == 1)
    }

    /// A change told in the same second before another told nobody of the one after it: the earlier
    /// one is no "later change" (the standup said "told with a later change").
    @Test func aChangeToldEarlierInTheSameSecondDoesNotTellOfTheNext() {
        let toldFirst = event(
            .scopeChanged,
            "2026-11-23T10:00:00Z",
            id: "s1",
            ["estimateHours": 40, "told": ["lee"]]
        )
        let untold = event(.scopeChanged, "2026-11-23T10:00:00Z", id: "s2", ["estimateHours": 80])
        let loop = changed(.medium, toldFirst, untold)
        let finding = judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z")
        #expect(finding.count == 1 && finding.first?.message.hasPrefix("scope changed Nov 23") == true, "\(finding)")
        #expect(loop.changes.map(\.id) == ["s1", "s2"])
    }

    @Test func aLateReportStillClearsIt() {
        // The finding exists to get the notice sent; once sent, there is nothing left to fix.
        let loop = changed(.medium, scope, event(.reported, "2026-11-25T11:00:00Z", ["channel": "weekly"]))
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func aReportBeforeTheChangeDoesNotCount() {
        let loop = changed(.medium, event(.reported, "2026-11-23T09:00:00Z", ["channel": "standup"]), scope)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").count == 1)
    }

    @Test(arguments: [
        (Stakes.routine, false, false), (.low, false, false), (.low, true, true), (.medium, false, true),
        (.high, false, true), (.critical, false, true),
    ])
    func appliesToLoopsThatAffectSomeoneOrHaveMediumStakes(stakes: Stakes, affects: Bool, fires: Bool) {
        let loop = changed(stakes, affects: affects ? ["support"] : [], scope)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").count == (fires ? 1 : 0))
    }

    /// An owner who named herself among those it affects has nobody to tell of her own change.
    @Test func aLoopAffectingOnlyItsOwnerIsNoOnesNews() {
        let loop = changed(.low, affects: ["ana"], scope)
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
        let finding = judge(
            UncommunicatedChange.self,
            [changed(.low, affects: ["ana", "lee"], scope)],
            at: "2026-11-27T16:00:00Z"
        )
        #expect(finding.count == 1)
        #expect(finding.first?.suggestion.hasPrefix("Notice to lee on") == true, "\(finding)")
    }

    @Test(arguments: [
        ("2026-12-10", "2026-12-17", true),
        ("2026-12-10", "2026-12-03", false),
        ("2026-12-10", "2026-12-10T23:00:00Z", false),
        ("2026-12-10", "2026-12-11T09:00:00Z", true),
    ])
    func aDueChangeMattersOnlyWhenTheDateSlips(from: String, to: String, fires: Bool) {
        let loop = folded(
            created("2026-11-16T09:00:00Z", ["due": .string(from)]),
            event(.dueChanged, "2026-11-23T10:00:00Z", ["due": .string(to), "reason": "waiting on review"])
        )
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").count == (fires ? 1 : 0))
    }

    @Test func settingAFirstDueDateIsNotASlip() {
        let loop = folded(
            event(.created, "2026-11-16T09:00:00Z", ["title": "x", "doneWhen": "y"]),
            event(.dueChanged, "2026-11-23T10:00:00Z", ["due": "2026-12-17"])
        )
        #expect(judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func oneFindingPerLoopDatedByTheFirstChange() throws {
        let loop = changed(
            .medium,
            scope,
            event(.risk, "2026-11-24T10:00:00Z", ["note": "vendor may slip"]),
            event(.dueChanged, "2026-11-24T11:00:00Z", ["due": "2027-07-30"])
        )
        let findings = judge(UncommunicatedChange.self, [loop], at: "2026-11-27T16:00:00Z")
        #expect(findings.count == 1)
        #expect(findings.first?.since == instant("2026-11-23T10:00:00Z"))
        #expect(findings.first?.message.contains("and 2 more changes") == true)
    }

    /// A date moved later and then pulled in: the notice says the date that holds now, not the
    /// one replaced since (sent as drafted, it told them Dec 20 for a loop due Dec 15).
    @Test func theNoticeAnnouncesTheDateThatHoldsNow() throws {
        let loop = folded(
            created("2026-11-16T09:00:00Z", ["stakes": "medium", "affects": ["kim"], "due": "2026-12-10"]),
            event(.dueChanged, "2026-11-30T10:00:00Z", ["due": "2026-12-20", "reason": "vendor late"]),
            event(.dueChanged, "2026-11-30T11:00:00Z", ["due": "2026-12-15", "reason": "vendor delivered partly"])
        )
        let finding = try #require(judge(UncommunicatedChange.self, [loop], at: "2026-12-01T09:00:00Z").first)
        #expect(finding.suggestion.contains("from Dec 10 to Dec 20"), "\(finding.suggestion)")
        #expect(finding.suggestion.contains("It is now due Dec 15."), "\(finding.suggestion)")
        #expect(finding.suggestion.hasSuffix(" the date moves by <n> days."), "\(finding.suggestion)")
    }
}
