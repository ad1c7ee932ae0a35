import GRDB
import OwnCore

/// The SQLite team store's projections folded again, in a migration of its own: a store written
/// before hand-offs transferred the loop, or before the one fold order (`Event.foldsBefore`), holds
/// loops folded by older rules. The events do not change; every loop is folded again from them, once.
enum RefoldSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5: every loop folded again, in the one fold order") { db in
            try refoldEveryLoop(db)
        }
    }

    static func refoldEveryLoop(_ db: Database) throws {
        let loops = try Row.fetchAll(db, sql: "SELECT team, key, number FROM loops ORDER BY team, number")
        for row in loops {
            let team: String = row[0]
            let key: String = row[1]
            let events = try SQLiteTeamStore.loopEvents(db, team: team, key: key, asOf: nil)
            if let loop = FoldOrder.fold(events, number: row[2]) { try SQLiteTeamStore.writeLoop(db, team: team, loop) }
        }
    }
}
