import Foundation
import OwnCore
import Testing

@Suite("no-guard: an incident or a loop done late, at stakes medium or above, closed without a guard")
struct NoGuardTests {
    /// A loop due Wednesday 2026-11-25, done at `doneAt`, with the given kind, stakes and guard.
    func loop(kind: Kind = .bug, stakes: Stakes = .medium, doneAt: String, guard text: String? = nil) -> Loop {
        var done: EventFields = ["verified": true]
        if let text { done["guard"] = .string(text) }
        return folded(
            created(
                "2026-11-16T09:00:00Z",
                ["kind": .string(kind.rawValue), "stakes": .string(stakes.rawValue), "due": "2026-11-25"]
            ),
            event(.approved, "2026-11-16T09:05:00Z", by: "lee"),
            event(.done, doneAt, done)
        )
    }

    @Test(arguments: [
        // The deadline is the end of Nov 25 in UTC: one second before it is on time; at it is late, as
        // `overdue` counts from it and the record calls it.
        ("2026-11-25T23:59:59Z", false),
        ("2026-11-26T00:00:00Z", true),
        ("2026-11-26T00:00:01Z", true),
    ])
    func doneLateNeedsAGuard(doneAt: String, fires: Bool) {
        let findings = judge(NoGuard.self, [loop(doneAt: doneAt)], at: "2026-11-27T16:00:00Z")
        #expect(findings.count == (fires ? 1 : 0))
        if fires {
            #expect(
                findings.first?.message
                    == "done Nov 26, after its due date Nov 25, at stakes medium, closed with no guard"
            )
            #expect(findings.first?.severity == .info)
            #expect(findings.first?.since == instant(doneAt))
            #expect(findings.first?.suggestion.contains("own guard L1 \"<the alert") == true)
        }
    }

    @Test(arguments: [(Stakes.low, false), (.medium, true), (.high, true), (.critical, true)])
    func stakesMediumOrAbove(stakes: Stakes, fires: Bool) {
        let incident = loop(kind: .incident, stakes: stakes, doneAt: "2026-11-20T10:00:00Z")
        let findings = judge(NoGuard.self, [incident], at: "2026-11-27T16:00:00Z")
        #expect(
            findings.map(\.message) == (fires ? ["incident at stakes \(stakes.rawValue), closed with no guard"] : [])
        )
        #expect(incident.mayNeedGuard == fires, "the ledger must keep an unguarded incident where the doctor reads")
    }

    @Test func aGuardSettlesIt() {
        let guarded = loop(kind: .incident, doneAt: "2026-11-26T10:00:00Z", guard: "nightly export alert")
        #expect(guarded.guards.map(\.text) == ["nightly export alert"])
        #expect(judge(NoGuard.self, [guarded], at: "2026-11-27T16:00:00Z").isEmpty)

        var later = loop(doneAt: "2026-11-26T10:00:00Z")
        #expect(judge(NoGuard.self, [later], at: "2026-11-27T16:00:00Z").count == 1)
        later.apply(event(.guarded, "2026-11-27T10:00:00Z", ["guard": "export row-count check in CI"]))
        #expect(
            later.guards == [
                Loop.Guard(at: instant("2026-11-27T10:00:00Z"), by: "ana", text: "export row-count check in CI")
            ]
        )
        #expect(judge(NoGuard.self, [later], at: "2026-11-27T16:00:00Z").isEmpty)
        #expect(Loop(storageJSON: later.storageJSON) == later, "guards survive the ledger's projection")
    }

    @Test func theOwnersZoneDecidesLate() {
        // Done 2026-11-25T20:00Z: still Nov 25 in New York (on time), already Nov 26 in Tokyo (late).
        let done = loop(doneAt: "2026-11-25T20:00:00Z")
        #expect(done.mayNeedGuard, "late somewhere, so the ledger keeps it unsettled")
        let newYorkCalendar = Calendars(people: [
            "ana": try! WorkingCalendar(tz: "America/New_York", workdays: nil, hours: nil)
        ])
        #expect(judge(NoGuard.self, [done], at: "2026-11-27T16:00:00Z", calendars: newYorkCalendar).isEmpty)
        #expect(judge(NoGuard.self, [done], at: "2026-11-27T16:00:00Z", calendars: inTokyo()).count == 1)
    }

    @Test func liveAndDroppedLoopsAreNotJudged() {
        let live = folded(created("2026-11-16T09:00:00Z", ["kind": "incident", "due": "2026-11-20"]))
        let dropped = folded(
            created("2026-11-16T09:00:00Z", ["kind": "incident"]),
            event(.dropped, "2026-11-20T10:00:00Z", ["reason": "duplicate"])
        )
        #expect(judge(NoGuard.self, [live, dropped], at: "2026-11-27T16:00:00Z").isEmpty)
    }
}
