import Foundation
import OwnCore
import Testing

@Suite("unaccepted-handoff: a hand-off its new owner has not taken up, for the delegator to follow up")
struct UnacceptedHandoffTests {
    /// Handed off to ben on Monday 2026-11-23 at 10:00 UTC; one working day is 8 hours.
    func handedOff(_ more: Event...) -> Loop {
        folded(
            [
                created("2026-11-20T09:00:00Z", ["due": "2026-12-04"]),
                event(.handedOff, "2026-11-23T10:00:00Z", ["to": "ben", "note": "his service"]),
            ] + more
        )
    }

    @Test func firesForTheDelegatorAfterOneWorkingDayAndNotBefore() throws {
        #expect(judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-24T09:59:00Z").isEmpty)
        let findings = judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-24T10:01:00Z")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.owner == "ana", "the finding is the delegator's")
        #expect(finding.loop == "L1")
        #expect(finding.severity == .warning)
        #expect(finding.since == instant("2026-11-23T10:00:00Z"))
        #expect(
            finding.message == "handed off to ben 1.1 working days ago, not taken up (follow up after 1 working day)"
        )
        #expect(
            finding.suggestion.hasPrefix("Hi ben, I handed you L1 Loop L1 on Nov 23 and have not seen it picked up.")
        )
        #expect(finding.suggestion.contains("It is due Dec 4."))
        #expect(finding.suggestion.contains("Can you take it (`own start L1`)?"))
    }

    /// A loop that waits for approval is taken up by a word on it: the draft asked for a start, which
    /// is work before approval, a finding no approval clears.
    @Test func aLoopWaitingForApprovalIsTakenUpByANoteNotAStart() throws {
        let waiting = folded([
            created("2026-11-20T09:00:00Z", ["stakes": "high"]),
            event(.handedOff, "2026-11-23T10:00:00Z", ["to": "ben"]),
        ])
        #expect(waiting.state == .proposed)
        let finding = try #require(judge(UnacceptedHandoff.self, [waiting], at: "2026-11-24T10:01:00Z").first)
        #expect(
            finding.suggestion.contains("Can you take it (`own note L1 \"taking it\"`; it waits for approval)?"),
            "\(finding.suggestion)"
        )
        // Taken up so, nothing is held against ben.
        let noted = folded([
            created("2026-11-20T09:00:00Z", ["stakes": "high"]),
            event(.handedOff, "2026-11-23T10:00:00Z", ["to": "ben"]),
            event(.noted, "2026-11-24T11:00:00Z", by: "ben", ["note": "taking it"]),
        ])
        #expect(judge(UnacceptedHandoff.self, [noted], at: "2026-11-24T12:00:00Z").isEmpty)
        #expect(judge(NeedsApproval.self, [noted], at: "2026-11-24T12:00:00Z").isEmpty)
    }

    @Test func anyEventOfTheNewOwnersAcceptsIt() {
        for taken in [
            event(.started, "2026-11-23T15:00:00Z", by: "ben"),
            event(.noted, "2026-11-23T15:00:00Z", by: "ben", ["note": "reading the runbook"]),
            event(.handedOff, "2026-11-23T15:00:00Z", by: "ben", ["to": "carol"]),
        ] {
            let findings = judge(UnacceptedHandoff.self, [handedOff(taken)], at: "2026-11-24T10:01:00Z")
            if taken.type == .handedOff {
                // Handed on: the count starts again for carol, and the follow-up is ben's.
                #expect(findings.isEmpty)
                let later = judge(UnacceptedHandoff.self, [handedOff(taken)], at: "2026-11-24T15:01:00Z")
                #expect(later.map(\.owner) == ["ben"])
            } else {
                #expect(findings.isEmpty, "\(taken.type)")
            }
        }
        // The delegator's own word does not count as the new owner taking it up.
        let nudged = handedOff(event(.noted, "2026-11-23T15:00:00Z", by: "ana", ["note": "context in the doc"]))
        #expect(judge(UnacceptedHandoff.self, [nudged], at: "2026-11-24T10:01:00Z").count == 1)
    }

    @Test func anEventTheNewOwnerUndidDoesNotAcceptIt() {
        // Ben started it and took the start back a minute later (`own undo`): nobody has taken it up.
        for taken in [
            event(.started, "2026-11-23T15:00:00Z", by: "ben", id: "s1"),
            event(.noted, "2026-11-23T15:00:00Z", by: "ben", id: "s1", ["note": "on it"]),
        ] {
            let undone = handedOff(taken, event(.retracted, "2026-11-23T15:01:00Z", by: "ben", ["retracts": "s1"]))
            #expect(undone.acceptedAt == nil, "\(taken.type)")
            let findings = judge(UnacceptedHandoff.self, [undone], at: "2026-11-24T10:01:00Z")
            #expect(findings.map(\.owner) == ["ana"], "\(taken.type)")
        }
    }

    @Test func acceptWithinAndTheNewOwnersCalendarSetTheWait() {
        var policy = Policy.defaults
        policy.acceptWithin = 2
        #expect(judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-24T10:01:00Z", policy: policy).isEmpty)
        #expect(judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-25T10:01:00Z", policy: policy).count == 1)
        // Ben works in Tokyo (09:00–17:00 JST = 00:00–08:00 UTC): Monday 10:00 UTC is after his day,
        // so his first working day is Tuesday.
        #expect(
            judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-24T10:01:00Z", calendars: inTokyo("ben")).isEmpty
        )
        #expect(
            judge(UnacceptedHandoff.self, [handedOff()], at: "2026-11-25T00:01:00Z", calendars: inTokyo("ben")).count
                == 1
        )
    }

    @Test func aClosedLoopOrOneNeverHandedOffIsNotJudged() {
        let done = handedOff(event(.done, "2026-11-23T12:00:00Z", by: "ana"))
        #expect(judge(UnacceptedHandoff.self, [done], at: "2026-11-27T16:00:00Z").isEmpty)
        let mine = folded(created("2026-11-20T09:00:00Z"))
        #expect(judge(UnacceptedHandoff.self, [mine], at: "2026-11-27T16:00:00Z").isEmpty)
    }

    @Test func theDoctorForOnePersonIncludesWhatTheyHandedOff() {
        let doctor = Doctor()
        let findings = doctor.findings(in: [handedOff()], now: instant("2026-11-24T10:01:00Z"), owner: "ana")
        #expect(findings.map(\.rule) == [.unacceptedHandoff])
        let bens = doctor.findings(in: [handedOff()], now: instant("2026-11-24T10:01:00Z"), owner: "ben")
        #expect(!bens.contains { $0.rule == .unacceptedHandoff })
    }

    /// The benchmark ledger's hand-offs (issue 11): long past due and silent since. The silence and the
    /// deadline are the new owner's, only the follow-up is the delegator's, and no rule counts the loop
    /// twice (as its old owner's and its new owner's): three findings, one per rule.
    @Test func aStaleHandOffIsCountedOncePerRule() {
        let findings = Doctor().findings(in: [handedOff()], now: instant("2026-12-21T16:00:00Z"))
        #expect(findings.map(\.rule) == [.goingDark, .overdue, .unacceptedHandoff])
        #expect(findings.map(\.owner) == ["ben", "ben", "ana"])
    }
}
