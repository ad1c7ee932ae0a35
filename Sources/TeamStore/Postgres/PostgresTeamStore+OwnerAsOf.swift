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
                for loop in try await rows(select, { try Self.decodeLoop(try $0.decode(String.self)) })
                where !query.looksInsideLoops || query.matches(loop) {
                    loops.append(loop)
                }
            }
            // The loops that changed after the instant and that were theirs then: theirs now, or
            // given an owner after it (only those events move a loop between people), with all
            // their events up to the instant in one statement.
            var history: [(key: String, number: Int64, events: [Event])] = []
            for (key, number, line) in try await rows(
                """
                SELECT l.key, l.number, e.line FROM loops l
                JOIN events e ON e.team = l.team AND e.loop = l.key AND e.at <= \(instant)
                WHERE l.team = \(team) AND l.created <= \(instant) AND l.changed > \(instant)
                AND (l.owner = \(owner) OR EXISTS (
                    SELECT 1 FROM events m WHERE m.team = l.team AND m.loop = l.key AND m.at > \(instant)
                    AND ((m.line::jsonb ->> 'type') IN (\(unescaped: OwnerAsOf.movingTypes))
                        OR (m.line::jsonb ->> 'owner') IS NOT NULL)))
                ORDER BY l.key, e.at, e.id
                """,
                { try $0.decode((String, Int64, String).self) }
            ) {
                if history.last?.key != key { history.append((key, number, [])) }
                history[history.count - 1].events.append(try Self.decodeEvent(line))
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
