import Foundation
import GRDB
import OwnCore
import OwnStore
import TeamStore
import Testing

/// A team store written by an older own-server holds loops folded by older rules (a hand-off that
/// did not move the loop to its new owner, or another order of same-instant events). Opening it
/// with this one folds every loop again from its events, once, on both engines.
@Suite("An older store's loops are folded again on open")
struct RefoldMigrationTests {
    /// The migrations that fold every loop again: each, run alone, mends the stale loop.
    static let migrations = [
        "v5: every loop folded again, in the one fold order",
        "v12: every loop folded again: an undone event does not take a hand-off up",
        "v13: every loop folded again: a loop ended twice keeps the last ending only",
        "v14: every loop folded again: owner changes by who may make them, work before approval by its owner only",
        "v15: every loop folded again: names without blanks around them",
        "v20: every loop folded again: help asked of its own owner is no help asked",
    ]

    static func events() -> [Event] {
        let at = Timestamp.parse("2026-11-23T09:00:00Z")!
        return [
            Event(id: "e1", loop: "pay-b1", at: at, by: "ana", type: .created, fields: ["title": "Charge in euros"]),
            Event(
                id: "e2",
                loop: "pay-b1",
                at: at.addingTimeInterval(3600),
                by: "ana",
                type: .handedOff,
                fields: ["to": "lee"]
            ),
        ]
    }

    /// The projection an older server wrote: the loop as its created event alone left it, ana's.
    static let stale = FoldOrder.fold([events()[0]], number: 1)!

    @Test(arguments: migrations) func onSQLite(migration: String) async throws {
        let older = try await OlderStore(Self.events())
        defer { older.remove() }
        let path = older.path
        #expect(try await SQLiteTeamStore(path: path).loop(team: "payments", key: "pay-b1", asOf: nil)?.owner == "lee")
        // Given the store as an older server left it,
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: "UPDATE loops SET owner = 'ana', body = ? WHERE key = 'pay-b1'",
                arguments: [Self.stale.storageJSON]
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
        }
        let before = try await queue.read { db in try String.fetchOne(db, sql: "SELECT owner FROM loops") }
        #expect(before == "ana")
        try queue.close()

        // when this server opens it, the loop is folded again: lee's, and found as lee's.
        let store = try SQLiteTeamStore(path: path)
        #expect(try await store.loop(team: "payments", key: "pay-b1", asOf: nil)?.owner == "lee")
        let lees = try await store.loops(team: "payments", query: LoopQuery(owners: ["lee"]), asOf: nil)
        #expect(lees.map(\.key) == ["pay-b1"])
        #expect(lees.first?.delegatedBy == "ana")
    }

    @Test(
        .enabled(if: PostgresTestDatabase.url != nil, "needs OWN_TEST_POSTGRES_URL (.ci/postgres.sh)"),
        arguments: migrations
    )
    func onPostgreSQL(migration: String) async throws {
        let schema = PostgresTestDatabase.newSchema()
        let configuration = try PostgresTestDatabase.configuration(schema: schema)
        try await PostgresTeamStore.withStore(configuration) { store in
            _ = try await store.addTeam("payments", at: Self.events()[0].at)
            _ = try await store.append(Self.events(), team: "payments")
        }
        // Given the store as an older server left it,
        let quoted = Self.stale.storageJSON.replacingOccurrences(of: "'", with: "''")
        let version = try await PostgresTestDatabase.execute(
            [
                "UPDATE loops SET owner = 'ana', body = '\(quoted)' WHERE key = 'pay-b1'",
                "DELETE FROM own_server_schema WHERE name = '\(migration)'",
                "SELECT owner FROM loops",
            ],
            schema: schema
        )
        #expect(version == ["ana"])
        // when this server opens it, the loop is folded again: lee's, and found as lee's.
        let lees = try await PostgresTeamStore.withStore(configuration) { store in
            try await store.loops(team: "payments", query: LoopQuery(owners: ["lee"]), asOf: nil)
        }
        #expect(lees.map(\.key) == ["pay-b1"])
        #expect(lees.first?.owner == "lee")
        await PostgresTestDatabase.drop(schema: schema)
    }
}
