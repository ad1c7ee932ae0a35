public import Foundation
public import OwnCore
public import OwnStore
import PostgresNIO

extension PostgresTeamStore {
    public func loops(
        team: String,
        owner: String,
        matchingAny queries: [LoopQuery],
        asOf: Date?
    ) async throws -> [Loop] {
        let queries = OwnerAsOf.theirs(queries, owner: owner)
        guard let asOf else { return try await OwnerAsOf.current(self, team: team, queries: queries) }
        var loops: [Loop] = []
        let instant = asOf.timeIntervalSince1970
        return try await guarded {
            for query in queries {
                var select = PostgresLoopQuerySQL.select(query, team: team)
                select.sql += " AND changed <= $\(select.binds.count + 1)"
                select.binds.append(instant)
                for loop in try await rows(select, { try StoredRows.loop(try $0.decode(String.self)) })
                where !query.looksInsideLoops || query.matches(loop) {
                    loops.append(loop)
                }
            }
            // The loops that changed after the instant and that were theirs then: theirs now, or
            // given an owner after it (only those events move a loop between people). Served by
            // the indexes: `loops_changed` holds every column read here, `events_moving_owner`
            // only the events this tests for (v8).
            let later = try await rows(
                """
                SELECT l.key, l.number FROM loops l
                WHERE l.team = \(team) AND l.created <= \(instant) AND l.changed > \(instant)
                AND (l.owner = \(owner) OR EXISTS (
                    SELECT 1 FROM events m WHERE m.team = l.team AND m.loop = l.key AND m.at > \(instant)
                    AND ((m.line::jsonb ->> 'type') IN (\(unescaped: OwnerAsOf.movingTypes))
                        OR (m.line::jsonb ->> 'owner') IS NOT NULL)))
                """,
                { try $0.decode((String, Int64).self) }
            )
            let numbers = Dictionary(later, uniquingKeysWith: { first, _ in first })
            // Their events up to the instant, each loop's through its index: a statement apart, as
            // a join is planned as a scan of every event of the team.
            var history: [(key: String, number: Int64, events: [Event])] = []
            if !later.isEmpty {
                for (key, line) in try await rows(
                    """
                    SELECT loop, line FROM events
                    WHERE team = \(team) AND loop = ANY(\(later.map(\.0))) AND at <= \(instant)
                    ORDER BY loop, at, id
                    """,
                    { try $0.decode((String, String).self) }
                ) {
                    if history.last?.key != key { history.append((key, numbers[key] ?? 0, [])) }
                    history[history.count - 1].events.append(try StoredRows.event(line))
                }
            }
            for entry in history {
                if let loop = FoldOrder.fold(entry.events, number: Int(entry.number)),
                    queries.contains(where: { $0.matches(loop) })
                {
                    loops.append(loop)
                }
            }
            return OwnerAsOf.union(loops)
        }
    }
}
