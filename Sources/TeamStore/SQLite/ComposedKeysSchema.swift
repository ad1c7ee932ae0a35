import GRDB
import OwnCore

/// `TeamSchema.composedKeys` on SQLite: the team's events filed under composed keys and ids, and the
/// loops of each key made one (`ComposedForm.Refiling`, the plan every engine and the ledger follow).
enum ComposedKeysSchema {
    static func fileComposed(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT team, seq, id, loop FROM events
                WHERE \(ComposedForm.Refiling.nonASCII("id")) OR \(ComposedForm.Refiling.nonASCII("loop"))
                """
        )
        let teams = Dictionary(grouping: rows) { $0[0] as String }
        for (team, rows) in teams.sorted(by: { $0.key < $1.key }) {
            let refiling = try ComposedForm.Refiling(
                rows.map { (seq: $0[1] as Int64, id: $0[2] as String, loop: $0[3] as String) }
            ) { id in
                try Int.fetchOne(db, sql: "SELECT 1 FROM events WHERE team = ? AND id = ?", arguments: [team, id])
                    != nil
            }
            for seq in refiling.deleted {
                try db.execute(sql: "DELETE FROM events WHERE team = ? AND seq = ?", arguments: [team, seq])
            }
            for event in refiling.moved {
                try db.execute(
                    sql: "UPDATE events SET id = ?, loop = ? WHERE team = ? AND seq = ?",
                    arguments: [event.id, event.loop, team, event.seq]
                )
            }
            for (key, keys) in refiling.forms.sorted(by: { $0.key < $1.key }) where !Event.personalKeys.contains(key) {
                let marks = databaseQuestionMarks(count: keys.count)
                let arguments = StatementArguments([team] + keys)
                let number = try Int.fetchOne(
                    db,
                    sql: "SELECT MIN(number) FROM loops WHERE team = ? AND key IN (\(marks))",
                    arguments: arguments
                )
                try db.execute(sql: "DELETE FROM loops WHERE team = ? AND key IN (\(marks))", arguments: arguments)
                let next = try Int.fetchOne(
                    db,
                    sql: "SELECT IFNULL(MAX(number), 0) + 1 FROM loops WHERE team = ?",
                    arguments: [team]
                )
                let events = try SQLiteTeamStore.loopEvents(db, team: team, key: key, asOf: nil)
                if let loop = FoldOrder.fold(events, number: number ?? next ?? 1) {
                    try SQLiteTeamStore.writeLoop(db, team: team, loop)
                }
            }
        }
    }
}
