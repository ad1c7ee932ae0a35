public import Foundation
import GRDB
public import OwnCore
public import OwnStore

extension SQLiteTeamStore {
    public func loops(
        team: String,
        owner: String,
        matchingAny queries: [LoopQuery],
        asOf: Date?
    ) async throws -> [Loop] {
        let queries = OwnerAsOf.theirs(queries, owner: owner)
        guard let asOf else { return try await OwnerAsOf.current(self, team: team, queries: queries) }
        let instant = asOf.timeIntervalSince1970
        return try await guarded {
            try await pool.read { db in
                var loops: [Loop] = []
                for query in queries {
                    let (sql, arguments) = LoopQuerySQL.select(query, team: team, changedUntil: asOf)
                    let bodies = try String.fetchCursor(db, sql: sql, arguments: arguments)
                    while let body = try bodies.next() {
                        let loop = try StoredRows.loop(body)
                        if !query.looksInsideLoops || query.matches(loop) { loops.append(loop) }
                    }
                }
                // The loops that changed after the instant and that were theirs then: theirs now, or
                // given an owner after it (only those events move a loop between people). `+created`:
                // the index on `changed` is the way in (for an instant of the last weeks, the loops
                // changed since are far fewer than those created before); it holds every column read
                // here, and `events_moving_owner` holds only the events this tests for (v8).
                let later = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT key, number FROM loops AS l
                        WHERE team = ? AND +created <= ? AND changed > ? AND (owner = ? OR EXISTS (
                            SELECT 1 FROM events AS e WHERE e.team = l.team AND e.loop = l.key AND e.at > ?
                            AND (json_extract(e.line, '$.type') IN (\(OwnerAsOf.movingTypes))
                                OR json_extract(e.line, '$.owner') IS NOT NULL)))
                        """,
                    arguments: [team, instant, instant, owner, instant]
                )
                for row in later {
                    let events = try Self.loopEvents(db, team: team, key: row[0], asOf: asOf)
                    if let loop = FoldOrder.fold(events, number: row[1]), queries.contains(where: { $0.matches(loop) })
                    {
                        loops.append(loop)
                    }
                }
                return OwnerAsOf.union(loops)
            }
        }
    }
}
