import Foundation
import OwnCore
import OwnStore
import Testing

@Suite("Loops someone handed off, found by the query rather than by reading everyone's")
struct DelegatedByQueryTests {
    /// ana hands A to bob on the 20th; B stays hers; bob hands C to cy.
    func ledger(_ file: borrowing TemporaryLedger) throws -> SQLiteLedger {
        let ledger = try file.open()
        try ledger.append([event(.created, "2026-11-16T09:00:00Z", loop: "A", ["title": "a", "owner": "ana"])])
        try ledger.append([event(.created, "2026-11-16T09:05:00Z", loop: "B", ["title": "b", "owner": "ana"])])
        try ledger.append([event(.created, "2026-11-16T09:10:00Z", loop: "C", ["title": "c", "owner": "bob"])])
        try ledger.append([event(.handedOff, "2026-11-20T10:00:00Z", loop: "A", ["to": "bob"])])
        try ledger.append([event(.handedOff, "2026-11-20T11:00:00Z", loop: "C", ["to": "cy"])])
        return ledger
    }

    @Test func theQueryFindsWhatAPersonHandedOffNowAndAsOfAnInstant() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        let query = LoopQuery(delegatedBy: "ana")
        #expect(try ledger.loops(query, asOf: nil).map(\.key) == ["A"])
        #expect(try ledger.loops(query, asOf: nil).first?.owner == "bob")
        #expect(try ledger.loops(LoopQuery(delegatedBy: "bob"), asOf: nil).map(\.key) == ["C"])
        #expect(try ledger.loops(query, asOf: Timestamp.parse("2026-11-21T00:00:00Z")!).map(\.key) == ["A"])
        #expect(try ledger.loops(query, asOf: Timestamp.parse("2026-11-19T00:00:00Z")!).isEmpty)
        let loopA = try #require(try ledger.loop("A", asOf: nil))
        #expect(query.matches(loopA))
        #expect(!LoopQuery(delegatedBy: "bob").matches(loopA))
    }
}
