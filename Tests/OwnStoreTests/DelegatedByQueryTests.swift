import Foundation
import GRDB
import OwnCore
import Testing

@testable import OwnStore

@Suite("Loops someone handed off, found by the query rather than by reading everyone's")
struct DelegatedByQueryTests {
    /// ana hands A to bob on the 20th; B stays hers; bob hands C to cy.
    func ledger(_ file: borrowing TemporaryLedger) throws -> SQLiteLedger {
        let ledger = try file.open()
        try ledger.append([event(.created, "2026-11-16T09:00:00Z", loop: "A", ["title": "a", "owner": "ana"])])
        try ledger.append([event(.created, "2026-11-16T09:05:00Z", loop: "B", ["title": "b", "owner": "ana"])])
        try ledger.append([event(.created, "2026-11-16T09:10:00Z", loop: "C", ["title": "c", "owner": "bob"])])
        try ledger.append([event(.handedOff, "2026-11-20T10:00:00Z", loop: "A", ["to": "bob"])])
        try ledger.append([event(.handedOff, "2026-11-20T11:00:00Z", loop: "C", by: "bob", ["to": "cy"])])
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

    /// The reports ask for what a person handed off in their window: SQLite finds those loops through
    /// the delegator index, without reading the body of every loop changed in the window.
    @Test func theReportsQueryIsAnsweredThroughTheDelegatorIndex() throws {
        let file = TemporaryLedger()
        _ = try ledger(file)
        var query = LoopQuery(delegatedBy: "ana")
        query.changedSince = Timestamp.parse("2026-11-16T00:00:00Z")!
        let (sql, arguments) = LoopQuerySQL.select(query)
        let plan = try DatabaseQueue(path: file.path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }
        }
        #expect(plan == ["SEARCH loops USING INDEX loops_by_delegator (delegatedBy=?)"])
    }

    /// A ledger written before the index (version 4) gains it when it is next opened, once; one
    /// written before the column (version 5, its index on the body) gains the column, filled.
    @Test func aLedgerFromBeforeTheIndexOrTheColumnGainsThemWhenOpened() throws {
        let file = TemporaryLedger()
        _ = try ledger(file)
        let database = try DatabaseQueue(path: file.path)
        func index() throws -> String? {
            try database.read { db in
                try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'loops_by_delegator'")
            }
        }
        // Back to version 4: no column, no index.
        try database.write { db in
            try db.execute(
                sql: """
                    DROP INDEX loops_by_delegator;
                    ALTER TABLE loops DROP COLUMN delegatedBy;
                    DELETE FROM grdb_migrations WHERE identifier LIKE 'v5:%' OR identifier LIKE 'v6:%';
                    PRAGMA user_version = 4
                    """
            )
        }
        #expect(try index() == nil)
        let reopened = try file.open()
        #expect(try index()?.contains("ON loops(delegatedBy)") == true)
        #expect(try reopened.loops(LoopQuery(delegatedBy: "ana"), asOf: nil).map(\.key) == ["A"])
        #expect(try reopened.loops(LoopQuery(delegatedBy: "bob"), asOf: nil).map(\.key) == ["C"])
        let filled = try database.read { db in
            try String.fetchAll(db, sql: "SELECT key FROM loops WHERE delegatedBy IS NOT NULL ORDER BY key")
        }
        #expect(filled == ["A", "C"])
    }
}
