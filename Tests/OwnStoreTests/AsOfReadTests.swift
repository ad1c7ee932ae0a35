import Foundation
import GRDB
import OwnCore
import OwnStore
import Testing

@Suite("Reading the ledger as of an instant")
struct AsOfReadTests {
    /// Two loops of ana's: A blocked on the 18th and unblocked on the 24th; B created on the 24th.
    /// And C, bob's, quiet since the 17th.
    func ledger(_ file: borrowing TemporaryLedger) throws -> SQLiteLedger {
        let ledger = try file.open()
        try ledger.append([
            event(.created, "2026-11-16T09:00:00Z", loop: "A", ["title": "a", "owner": "ana"]),
            event(.started, "2026-11-16T10:00:00Z", loop: "A"),
            event(.blocked, "2026-11-18T10:00:00Z", loop: "A", ["reason": "review"]),
        ])
        try ledger.append([event(.created, "2026-11-17T09:00:00Z", loop: "C", ["title": "c", "owner": "bob"])])
        try ledger.append([event(.unblocked, "2026-11-24T10:00:00Z", loop: "A")])
        try ledger.append([event(.created, "2026-11-24T11:00:00Z", loop: "B", ["title": "b", "owner": "ana"])])
        return ledger
    }

    let before = Timestamp.parse("2026-11-19T09:30:00Z")!
    let after = Timestamp.parse("2026-11-24T12:00:00Z")!

    @Test func aQueryAppliesToTheLoopsAsTheyWereThen() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        #expect(try ledger.loops(LoopQuery(), asOf: before).map(\.key) == ["A", "C"])
        #expect(try ledger.loops(LoopQuery(states: [.blocked]), asOf: before).map(\.key) == ["A"])
        #expect(try ledger.loops(LoopQuery(states: [.active]), asOf: before).isEmpty)
        #expect(try ledger.loops(LoopQuery(owners: ["ana"]), asOf: before).map(\.number) == [1])
        // At or after every event, the projection as it is.
        #expect(try ledger.loops(LoopQuery(states: [.active]), asOf: after).map(\.key) == ["A"])
        #expect(try ledger.loops(LoopQuery(), asOf: after).map(\.key) == ["A", "C", "B"])
        #expect(try ledger.loops(LoopQuery(), asOf: nil).map(\.key) == ["A", "C", "B"])
    }

    /// At or after the newest event the stored projection is read as it is, at today's speed; only
    /// an earlier instant folds the loop's events. Seen by a projection changed behind the ledger's
    /// back: the present shows the change (nothing was folded), the past does not.
    @Test func atOrAfterTheNewestEventTheProjectionIsReadWithoutFolding() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(
                sql: "UPDATE loops SET body = replace(body, '\"title\":\"a\"', '\"title\":\"stored\"') WHERE key = 'A'"
            )
            #expect(db.changesCount == 1)
        }
        #expect(try ledger.loop("A", asOf: after)?.title == "stored")
        #expect(try ledger.loop("A", asOf: nil)?.title == "stored")
        #expect(try ledger.loops(LoopQuery(), asOf: after).first { $0.key == "A" }?.title == "stored")
        #expect(try ledger.loop("A", asOf: before)?.title == "a")
        #expect(try ledger.loops(LoopQuery(), asOf: before).first { $0.key == "A" }?.title == "a")
    }

    @Test func anEventExactlyAtTheInstantCounts() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        let unblocking = Timestamp.parse("2026-11-24T10:00:00Z")!
        #expect(try ledger.loop("A", asOf: unblocking)?.state == .active)
        #expect(try ledger.loop("A", asOf: unblocking.addingTimeInterval(-1))?.state == .blocked)
    }

    @Test func aLoopByNumberOrKeyIsAsItWasOrAbsentBeforeItsCreation() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        let then = try #require(try ledger.loop("#1", asOf: before))
        #expect(then.state == .blocked)
        #expect(then.number == 1)
        #expect(then.eventCount == 3)
        #expect(try ledger.loop("B", asOf: before) == nil)
        #expect(try ledger.loop("3", asOf: before) == nil)
        #expect(try ledger.loop("3", asOf: after)?.key == "B")
        #expect(
            try ledger.events(ofLoops: ["A"], since: nil, until: before).map(\.type) == [.created, .started, .blocked]
        )
    }
}
