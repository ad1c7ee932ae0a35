import Foundation
import GRDB
import OwnCore
import OwnStore
import TeamStore
import Testing

/// A team store written by an older own-server holds a live loop for time off (`@away`) and one for
/// declines (`@declined`), which the doctor called going dark. Opening it with this one removes them,
/// and keeps their events, on both engines.
@Suite("An older store's time-off and decline loops are removed on open")
struct PersonalLoopsMigrationTests {
    static let migration = "v11: no loop for time off or declines"

    static let away = Event(
        id: "t1",
        loop: TimeOff.ledgerKey,
        at: Timestamp.parse("2026-11-23T09:00:00Z")!,
        by: "ana",
        type: .away,
        fields: ["person": "ana", "from": "2026-12-01", "until": "2026-12-02"]
    )

    /// The row an older server wrote for the time off, folded as if it were a loop.
    static var phantom: String { FoldOrder.fold([away], number: 2)!.storageJSON }

    @Test func onSQLite() async throws {
        let older = try await OlderStore([Self.away])
        defer { older.remove() }
        let path = older.path
        // Given the store as an older server left it,
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO loops (team, key, number, owner, state, kind, stakes, created, changed, settled, body)
                    VALUES ('payments', '@away', 2, 'ana', 'open', 'feature', 'low', 0, 0, 0, ?)
                    """,
                arguments: [Self.phantom]
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Self.migration])
        }
        try queue.close()

        // when this server opens it, the loop is gone and the time off kept.
        let store = try SQLiteTeamStore(path: path)
        #expect(try await store.loops(team: "payments", query: LoopQuery(), asOf: nil).isEmpty)
        let kept = try await store.events(team: "payments", ofLoops: [TimeOff.ledgerKey], since: nil, asOf: nil)
        #expect(kept.map(\.id) == ["t1"])
    }

    @Test(.enabled(if: PostgresTestDatabase.url != nil, "needs OWN_TEST_POSTGRES_URL (.ci/postgres.sh)"))
    func onPostgreSQL() async throws {
        let schema = PostgresTestDatabase.newSchema()
        let configuration = try PostgresTestDatabase.configuration(schema: schema)
        try await PostgresTeamStore.withStore(configuration) { store in
            _ = try await store.addTeam("payments", at: Self.away.at)
            _ = try await store.append([Self.away], team: "payments")
        }
        // Given the store as an older server left it,
        let quoted = Self.phantom.replacingOccurrences(of: "'", with: "''")
        let rows = try await PostgresTestDatabase.execute(
            [
                """
                INSERT INTO loops (team, key, number, owner, state, kind, stakes, created, changed, settled, body)
                VALUES ('payments', '@away', 2, 'ana', 'open', 'feature', 'low', 0, 0, false, '\(quoted)')
                """,
                "DELETE FROM own_server_schema WHERE name = '\(Self.migration)'",
                "SELECT key FROM loops",
            ],
            schema: schema
        )
        #expect(rows == ["@away"])
        // when this server opens it, the loop is gone and the time off kept.
        let (loops, kept) = try await PostgresTeamStore.withStore(configuration) { store in
            (
                try await store.loops(team: "payments", query: LoopQuery(), asOf: nil),
                try await store.events(team: "payments", ofLoops: [TimeOff.ledgerKey], since: nil, asOf: nil)
            )
        }
        #expect(loops.isEmpty)
        #expect(kept.map(\.id) == ["t1"])
        await PostgresTestDatabase.drop(schema: schema)
    }
}
