import Logging
import OwnCore
import PostgresNIO

/// `TeamSchema.composedKeys` on PostgreSQL, as the SQLite engine's `ComposedKeysSchema`: the team's
/// events filed under composed keys and ids, and the loops of each key made one
/// (`ComposedForm.Refiling`). Run once, inside the migration's transaction.
enum PostgresComposedKeys {
    static func fileComposed(_ connection: PostgresConnection, logger: Logger) async throws {
        var rows: [(team: String, seq: Int64, id: String, loop: String)] = []
        for try await row in try await connection.query(
            "SELECT team, seq, id, loop FROM events WHERE id ~ '[^ -~]' OR loop ~ '[^ -~]'",
            logger: logger
        ).decode((String, Int64, String, String).self) {
            rows.append(row)
        }
        for (team, rows) in Dictionary(grouping: rows, by: \.team).sorted(by: { $0.key < $1.key }) {
            // The composed ids the team holds already, asked once (the plan asks event by event).
            var held = Set<String>()
            for try await id in try await connection.query(
                "SELECT id FROM events WHERE team = \(team) AND id = ANY(\(rows.map { ComposedForm.of($0.id) }))",
                logger: logger
            ).decode(String.self) {
                held.insert(id)
            }
            let refiling = ComposedForm.Refiling(rows.map { (seq: $0.seq, id: $0.id, loop: $0.loop) }) {
                held.contains($0)
            }
            for seq in refiling.deleted {
                try await connection.query("DELETE FROM events WHERE team = \(team) AND seq = \(seq)", logger: logger)
            }
            for event in refiling.moved {
                try await connection.query(
                    "UPDATE events SET id = \(event.id), loop = \(event.loop) WHERE team = \(team) AND seq = \(event.seq)",
                    logger: logger
                )
            }
            for (key, keys) in refiling.forms.sorted(by: { $0.key < $1.key }) where !Event.personalKeys.contains(key) {
                var number: Int64?
                for try await first in try await connection.query(
                    "SELECT MIN(number) FROM loops WHERE team = \(team) AND key = ANY(\(keys))",
                    logger: logger
                ).decode(Int64?.self) {
                    number = first
                }
                try await connection.query(
                    "DELETE FROM loops WHERE team = \(team) AND key = ANY(\(keys))",
                    logger: logger
                )
                if number == nil {
                    for try await next in try await connection.query(
                        "SELECT COALESCE(MAX(number), 0) + 1 FROM loops WHERE team = \(team)",
                        logger: logger
                    ).decode(Int64.self) {
                        number = next
                    }
                }
                var events: [Event] = []
                for try await line in try await connection.query(
                    "SELECT line FROM events WHERE team = \(team) AND loop = \(key)",
                    logger: logger
                ).decode(String.self) {
                    events.append(try StoredRows.event(line))
                }
                if let loop = FoldOrder.fold(events, number: Int(number ?? 1)) {
                    try await PostgresTeamStore.write([loop], team: team, on: connection, logger: logger)
                }
            }
        }
    }
}
