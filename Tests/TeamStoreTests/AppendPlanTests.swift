import Foundation
import OwnCore
import Testing

@testable import TeamStore

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

private func event(
    _ type: EventType,
    _ at: String,
    id: String,
    loop: String = "pay-b1",
    _ fields: EventFields = [:]
)
    -> Event
{
    Event(id: id, loop: loop, at: instant(at), by: "ana", type: type, fields: fields)
}

/// The part of an append that needs no database: what is new, what repeats, what conflicts, and
/// which loops must be folded again. Every engine that uses it stores what it says.
@Suite("Planning an append")
struct AppendPlanTests {
    @Test func newEventsAreNumberedAfterTheTeamsLastAndNewLoopsAfterItsLastNumber() throws {
        let plan = try AppendPlan(
            [
                event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "A"]),
                event(.created, "2026-11-23T09:00:00Z", id: "e2", loop: "pay-c2", ["title": "B"]),
                event(.started, "2026-11-23T10:00:00Z", id: "e3"),
            ],
            lastSeq: 40,
            lastNumber: 7,
            storedLines: [:],
            storedLoops: [:],
            check: { _, _ in }
        )
        #expect(plan.inserts.map(\.seq) == [41, 42, 43])
        #expect(plan.lastSeq == 43)
        #expect(plan.lastNumber == 9)
        let loops = plan.loopsToWrite(refolded: [:])
        #expect(loops.map(\.key) == ["pay-b1", "pay-c2"])
        #expect(loops.map(\.number) == [8, 9])
        #expect(loops.first?.state == .active)
        #expect(plan.refold.isEmpty)
    }

    /// An event an older server stored as it read it then, a name with blanks around it as written,
    /// is the same event pushed again now that names are read trimmed: skipped, not a conflict.
    @Test func anEventStoredAsAnOlderServerReadItIsNoConflict() throws {
        let padded =
            #"{"id":"e1","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"A","owner":" bob "}"#
        let pushed = try Event(jsonLine: padded, makeID: { "" })
        #expect(pushed.jsonLine != padded)
        let plan = try AppendPlan(
            [pushed],
            lastSeq: 1,
            lastNumber: 1,
            storedLines: ["e1": padded],
            storedLoops: [:],
            check: { _, _ in }
        )
        #expect(plan.inserts.isEmpty && plan.skipped == 1)
    }

    @Test func aRepeatIsSkippedAndAnIdWithOtherContentIsAConflictEvenInOneBatch() throws {
        let created = event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "A"])
        let plan = try AppendPlan(
            [created, created],
            lastSeq: 0,
            lastNumber: 0,
            storedLines: [:],
            storedLoops: [:],
            check: { _, _ in }
        )
        #expect(plan.inserts.count == 1)
        #expect(plan.skipped == 1)
        let stored = try AppendPlan(
            [created],
            lastSeq: 1,
            lastNumber: 1,
            storedLines: ["e1": created.jsonLine],
            storedLoops: [:],
            check: { _, _ in }
        )
        #expect(stored.inserts.isEmpty)
        #expect(stored.skipped == 1)
        #expect(throws: TeamStoreError.conflictingEvent(id: "e1")) {
            try AppendPlan(
                [created, event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "B"])],
                lastSeq: 0,
                lastNumber: 0,
                storedLines: [:],
                storedLoops: [:],
                check: { _, _ in }
            )
        }
    }

    @Test func anEventNoLaterThanItsLoopsLastMarksTheLoopToBeFoldedAgain() throws {
        let created = event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "A"])
        let blocked = event(.blocked, "2026-11-23T11:00:00Z", id: "e2", ["reason": "bank"])
        var stored = try #require(Loop.fold([created, blocked]))
        stored.number = 3
        let late = event(.unblocked, "2026-11-23T10:00:00Z", id: "e3", ["note": "keys"])
        var seen: [Loop?] = []
        let plan = try AppendPlan(
            [late],
            lastSeq: 2,
            lastNumber: 3,
            storedLines: [:],
            storedLoops: ["pay-b1": stored],
            check: { loop, _ in seen.append(loop) }
        )
        #expect(seen == [stored])
        #expect(plan.refold == ["pay-b1"])
        let loop = try #require(plan.loopsToWrite(refolded: ["pay-b1": [created, late, blocked]]).first)
        #expect(loop.state == .blocked)
        #expect(loop.number == 3)
    }

    @Test func aRefusalFromTheCheckComesOutUnchanged() {
        struct Refused: Error, Equatable {}
        #expect(throws: Refused()) {
            try AppendPlan(
                [event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "A"])],
                lastSeq: 0,
                lastNumber: 0,
                storedLines: [:],
                storedLoops: [:],
                check: { _, _ in throw Refused() }
            )
        }
    }
}
