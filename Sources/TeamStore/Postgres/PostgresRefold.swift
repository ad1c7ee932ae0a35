import Logging
import OwnCore
import PostgresNIO

/// The PostgreSQL team store's projections folded again, as the SQLite engine's `RefoldSchema`: a
/// store written before hand-offs transferred the loop, or before the one fold order
/// (`Event.foldsBefore`), holds loops folded by older rules. Run once, inside the migration's
/// transaction; the events do not change.
enum PostgresRefold {
    static let migration: (name: String, statements: [String]) = (
        "v5: every loop folded again, in the one fold order", []
    )

    /// The migrations that fold every loop again: this one, `TeamSchema.undoneAcceptance`,
    /// `TeamSchema.endedOnce`, `TeamSchema.ownerChangedByWhoMay`, `TeamSchema.namesTrimmed`,
    /// `TeamSchema.endedUnblocked` and `TeamSchema.notesBeforeStartAreWord`.
    static let migrations: Set<String> = [
        migration.name, TeamSchema.undoneAcceptance, TeamSchema.endedOnce, TeamSchema.ownerChangedByWhoMay,
        TeamSchema.namesTrimmed, TeamSchema.endedUnblocked, TeamSchema.notesBeforeStartAreWord,
        TeamSchema.selfAskedHelp,
    ]

    /// Loops read and written per statement.
    static let batch = 1_000

    static func refoldEveryLoop(_ connection: PostgresConnection, logger: Logger) async throws {
        var loops: [(team: String, key: String, number: Int64)] = []
        for try await row in try await connection.query(
            "SELECT team, key, number FROM loops ORDER BY team, number",
            logger: logger
        ).decode((String, String, Int64).self) {
            loops.append(row)
        }
        for (team, group) in Dictionary(grouping: loops, by: \.team) {
            var start = 0
            while start < group.count {
                let slice = group[start..<min(start + batch, group.count)]
                var events: [String: [Event]] = [:]
                for try await line in try await connection.query(
                    "SELECT line FROM events WHERE team = \(team) AND loop = ANY(\(slice.map(\.key)))",
                    logger: logger
                ).decode(String.self) {
                    let event = try StoredRows.event(line)
                    events[event.loop, default: []].append(event)
                }
                let folded = slice.compactMap { FoldOrder.fold(events[$0.key] ?? [], number: Int($0.number)) }
                try await PostgresTeamStore.write(folded, team: team, on: connection, logger: logger)
                start += slice.count
            }
        }
    }
}
