import Foundation
import GRDB
import OwnCore
import OwnStore
import TeamStore
import Testing

/// A store an older server wrote holds a key as it was written, "e" and a combining accent, and the
/// same loop's later events, written composed, as a second loop of that key; and an event pushed in
/// both forms of its id. Opened by this server, the events are filed composed and the loop is one,
/// under its first number, on both engines.
@Suite("An older store's keys are filed composed on open")
struct ComposedKeysMigrationTests {
    static let (composed, decomposed) = ("caf\u{E9}", "cafe\u{301}")
    static let migration = "v16: events filed under composed keys and ids, the loops of a key made one"

    static func events() -> [Event] {
        let at = Timestamp.parse("2026-11-23T09:00:00Z")!
        return [
            Event(id: "e1", loop: composed, at: at, by: "ana", type: .created, fields: ["title": "Café"]),
            Event(id: "e2", loop: composed, at: at + 3600, by: "ana", type: .noted, fields: ["note": "later"]),
            Event(
                id: "n-\(composed)",
                loop: composed,
                at: at + 7200,
                by: "ana",
                type: .noted,
                fields: ["note": "again"]
            ),
        ]
    }

    /// The store as an older server left it: the creation filed under the decomposed key, its loop #1
    /// under that key, the note filed composed as loop #2, and the last note held twice, its id in
    /// both forms.
    static let olderStore = [
        "UPDATE events SET loop = '\(decomposed)' WHERE id = 'e1'",
        "UPDATE loops SET key = '\(decomposed)' WHERE key = '\(composed)'",
        """
        INSERT INTO loops (team, key, number, owner, state, kind, stakes, due, created, changed, done, settled, body)
            SELECT team, '\(composed)', 2, owner, state, kind, stakes, due, created, changed, done, settled, body
            FROM loops WHERE key = '\(decomposed)'
        """,
        """
        INSERT INTO events (team, seq, id, loop, at, line)
            SELECT team, 100, 'n-\(decomposed)', loop, at, line FROM events WHERE id = 'n-\(composed)'
        """,
        "SELECT count(*) FROM loops",
    ]

    static func expectWhole(_ store: any TeamStore) async throws {
        let loops = try await store.loops(team: "payments", query: LoopQuery(), asOf: nil)
        #expect(loops.map(\.number) == [1], "\(loops.map(\.key))")
        #expect(loops.first?.key.utf8.elementsEqual(composed.utf8) == true)
        #expect(loops.first?.notes == ["later", "again"])
        #expect(try await store.loop(team: "payments", reference: decomposed, asOf: nil)?.number == 1)
        let events = try await store.events(team: "payments", after: 0, limit: 100)
        #expect(events.count == 3)
    }

    @Test func onSQLite() async throws {
        let older = try await OlderStore(Self.events())
        defer { older.remove() }
        let path = older.path
        let queue = try DatabaseQueue(path: path)
        let count = try await queue.write { db in
            for statement in Self.olderStore.dropLast() { try db.execute(sql: statement) }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [Self.migration])
            return try Int.fetchOne(db, sql: Self.olderStore.last!)
        }
        #expect(count == 2)
        try queue.close()
        try await Self.expectWhole(try SQLiteTeamStore(path: path))
        let stored = try await DatabaseQueue(path: path).read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM events WHERE id GLOB '*[^ -~]*' AND id != ?",
                arguments: ["n-\(Self.composed)"]
            )
        }
        #expect(stored == 0)
    }

    @Test(.enabled(if: PostgresTestDatabase.url != nil, "needs OWN_TEST_POSTGRES_URL (.ci/postgres.sh)"))
    func onPostgreSQL() async throws {
        let schema = PostgresTestDatabase.newSchema()
        let configuration = try PostgresTestDatabase.configuration(schema: schema)
        try await PostgresTeamStore.withStore(configuration) { store in
            _ = try await store.addTeam("payments", at: Self.events()[0].at)
            _ = try await store.append(Self.events(), team: "payments")
        }
        let count = try await PostgresTestDatabase.execute(
            Array(Self.olderStore.dropLast()) + ["DELETE FROM own_server_schema WHERE name = '\(Self.migration)'"]
                + ["SELECT count(*)::text FROM loops"],
            schema: schema
        )
        #expect(count == ["2"])
        try await PostgresTeamStore.withStore(configuration) { store in try await Self.expectWhole(store) }
        await PostgresTestDatabase.drop(schema: schema)
    }
}
