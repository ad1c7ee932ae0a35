import Foundation
import GRDB
import OwnCore

/// The ledger's schema, as SQL strings so the timeline never changes. Add migrations; never edit one.
enum Schema {
    /// The file header's application_id for a ledger: "own1" in ASCII.
    static let applicationID = 0x6F77_6E31

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events and the loops projection") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        seq INTEGER PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        loop TEXT NOT NULL,
                        at REAL NOT NULL,
                        line TEXT NOT NULL
                    );
                    CREATE INDEX events_by_loop ON events(loop, at, seq);
                    CREATE TABLE loops (
                        number INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE,
                        owner TEXT NOT NULL,
                        state TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        stakes TEXT NOT NULL,
                        due REAL,
                        changed REAL NOT NULL,
                        done REAL,
                        settled INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX loops_by_owner ON loops(owner, state);
                    CREATE INDEX loops_by_state ON loops(state);
                    CREATE INDEX loops_changed ON loops(owner, changed);
                    CREATE INDEX loops_done ON loops(done) WHERE done IS NOT NULL;
                    CREATE INDEX loops_unsettled ON loops(number) WHERE settled = 0;
                    """
            )
        }
        migrator.registerMigration("v2: loops by last event, for reads as of an instant") { db in
            // A read at a past instant finds the few loops with events after it through this index.
            try db.execute(sql: "CREATE INDEX loops_by_changed ON loops(changed)")
        }
        migrator.registerMigration("v3: loops folded again, for their tags and notes") { db in
            // Bodies written before loops kept tags and notes lack them: `own list --tag` and
            // `--grep` read them from the body, so every loop is folded again from its events once.
            try refoldLoops(db, selectedBy: "SELECT key FROM loops", writing: writeV1Row)
        }
        migrator.registerMigration("v4: a hand-off moves the loop to its new owner") { db in
            // Not SQL only: the projection of every handed-off loop is folded again, so the recipient
            // owns it (open) and the previous owner is its delegator. The events do not change.
            try refoldLoops(
                db,
                selectedBy: "SELECT DISTINCT loop FROM events WHERE json_extract(line, '$.type') = 'handedOff'",
                writing: writeV1Row
            )
        }
        migrator.registerMigration("v5: loops by who handed them off") { db in
            // The standup and the weekly list what their person handed off (`LoopQuery.delegatedBy`).
            // Without this index SQLite reads the body of every loop changed in the window to find
            // the few that were; partial, so loops never handed off cost nothing to keep.
            try db.execute(
                sql: """
                    CREATE INDEX loops_by_delegator ON loops(json_extract(body, '$.delegatedBy'))
                    WHERE json_extract(body, '$.delegatedBy') IS NOT NULL
                    """
            )
        }
        migrator.registerMigration("v6: who handed a loop off, as a column") { db in
            // An import builds the projection's indexes once at its end: the index on the body's
            // delegatedBy read all of every body (a tenth of a million-event import's time). A column
            // is read with the row's other columns. Filled here from the bodies, once.
            try db.execute(
                sql: """
                    ALTER TABLE loops ADD COLUMN delegatedBy TEXT;
                    UPDATE loops SET delegatedBy = json_extract(body, '$.delegatedBy')
                    WHERE json_extract(body, '$.delegatedBy') IS NOT NULL;
                    DROP INDEX loops_by_delegator;
                    CREATE INDEX loops_by_delegator ON loops(delegatedBy) WHERE delegatedBy IS NOT NULL;
                    """
            )
        }
        migrator.registerMigration("v7: handed-off loops folded again: an undone event does not take one up") { db in
            // The new owner's `retracted` counted as their taking the loop up, so `unaccepted-handoff`
            // fell silent after an undone start. Only a handed-off loop's projection can hold that.
            try refoldLoops(db, selectedBy: "SELECT key FROM loops WHERE delegatedBy IS NOT NULL", writing: writeV6Row)
        }
        migrator.registerMigration("v8: a loop ended twice keeps the last ending only") { db in
            // A drop after a completion (two people's offline work) kept the completion's date and
            // outcome on the dropped loop, and the reverse the drop's reason on the done one.
            try refoldLoops(
                db,
                selectedBy: """
                    SELECT key FROM loops WHERE (state = 'dropped' AND done IS NOT NULL)
                        OR (state = 'done' AND json_extract(body, '$.closedAt') IS NOT NULL)
                    """,
                writing: writeV6Row
            )
        }
        migrator.registerMigration("v9: owner changes by who may make them, work before approval by its owner only") {
            db in
            // A take of a hand-off after its new owner had taken it up, or a hand-off by someone who no
            // longer owned the loop (each recorded offline, pulled later), moved the loop; and anyone's
            // note before approval (the server's on an incident) counted as its owner's work. Only
            // loops with a hand-off, an edit of the owner or work before approval can hold one.
            try refoldLoops(
                db,
                selectedBy: """
                    SELECT DISTINCT loop FROM events WHERE json_extract(line, '$.type') = 'handedOff'
                        OR (json_extract(line, '$.type') = 'edited' AND json_extract(line, '$.owner') IS NOT NULL)
                    UNION SELECT key FROM loops WHERE json_extract(body, '$.actedBeforeApprovalAt') IS NOT NULL
                    """,
                writing: writeV6Row
            )
        }
        migrator.registerMigration("v10: keys and ids composed, names trimmed, owner edits before approval") { db in
            try composeKeysAndIDs(db)
            // Names have been read without blanks around them, and an owner's edit never takes a loop out
            // of waiting for approval (lowered stakes, raised autonomy): loops folded before either
            // rule are folded again. Lines with bytes a padded name may hold are looked at closely.
            let edited = try String.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT loop FROM events WHERE json_extract(line, '$.type') = 'edited'
                        AND (json_extract(line, '$.stakes') IS NOT NULL OR json_extract(line, '$.autonomy') IS NOT NULL)
                    """
            )
            var keys = Set(edited)
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT loop, line FROM events WHERE \(ComposedForm.Refiling.nonASCII("line")) OR line LIKE '%" %' OR line LIKE '% "%'
                        OR line LIKE '%"\\%' OR line LIKE '%\\_"%'
                    """
            )
            for row in candidates where Event.namesSomeonePadded(row[1]) { keys.insert(row[0]) }
            for key in keys.sorted() where !Event.personalKeys.contains(key) {
                if let loop = try Projection.refold(db, key: key), loop.number > 0 { try writeV6Row(db, loop) }
            }
        }
        migrator.registerMigration("v11: an ended loop is in no block, projects and tags composed") { db in
            // A done or dropped loop kept the reason of the block it was in (`own list --grep` found
            // it by those words, reopened too), and a block pulled after its end set one on it. And
            // projects and tags are kept composed (NFC): those beyond ASCII are folded again too.
            try refoldLoops(
                db,
                selectedBy: """
                    SELECT key FROM loops WHERE (state != 'blocked' AND json_extract(body, '$.blockReason') IS NOT NULL)
                        OR \(ComposedForm.Refiling.nonASCII("json_extract(body, '$.project')"))
                        OR \(ComposedForm.Refiling.nonASCII("json_extract(body, '$.tags')"))
                    """,
                writing: writeV6Row
            )
        }
        migrator.registerMigration("v12: a note on a loop nobody started is no work before approval") { db in
            // Only a loop with work before approval recorded can hold one.
            try refoldLoops(
                db,
                selectedBy: "SELECT key FROM loops WHERE json_extract(body, '$.actedBeforeApprovalAt') IS NOT NULL",
                writing: writeV6Row
            )
        }
        migrator.registerMigration("v13: help asked of a loop's own owner is no help asked") { db in
            // Only a loop with help asked can hold one.
            try refoldLoops(
                db,
                selectedBy: "SELECT key FROM loops WHERE json_extract(body, '$.helpAskedAt') IS NOT NULL",
                writing: writeV6Row
            )
        }
        return migrator
    }

    /// v10's first part. Keys and event ids have been read composed (Unicode's NFC: "é" one character,
    /// not "e" and a combining accent); events a ledger kept before were filed under the key as written,
    /// and a command that found the loop by its number filed the next under the composed key: a second
    /// loop, with no creation. Each event is filed under its composed key and id (one held in both
    /// forms, pulled back composed, is kept once), and the loops of both forms are one again, numbered
    /// as the first of them.
    private static func composeKeysAndIDs(_ db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql:
                "SELECT seq, id, loop FROM events WHERE \(ComposedForm.Refiling.nonASCII("id")) OR \(ComposedForm.Refiling.nonASCII("loop"))"
        ).map { (seq: $0[0] as Int64, id: $0[1] as String, loop: $0[2] as String) }
        let refiling = try ComposedForm.Refiling(rows) { id in
            try Int.fetchOne(db, sql: "SELECT 1 FROM events WHERE id = ?", arguments: [id]) != nil
        }
        for seq in refiling.deleted { try db.execute(sql: "DELETE FROM events WHERE seq = ?", arguments: [seq]) }
        for event in refiling.moved {
            try db.execute(
                sql: "UPDATE events SET id = ?, loop = ? WHERE seq = ?",
                arguments: [event.id, event.loop, event.seq]
            )
        }
        for (key, keys) in refiling.forms.sorted(by: { $0.key < $1.key }) where !Event.personalKeys.contains(key) {
            let marks = databaseQuestionMarks(count: keys.count)
            let number = try Int.fetchOne(
                db,
                sql: "SELECT MIN(number) FROM loops WHERE key IN (\(marks))",
                arguments: StatementArguments(keys)
            )
            try db.execute(sql: "DELETE FROM loops WHERE key IN (\(marks))", arguments: StatementArguments(keys))
            guard var loop = try Projection.refold(db, key: key) else { continue }
            loop.number = try number ?? Int.fetchOne(db, sql: "SELECT IFNULL(MAX(number), 0) + 1 FROM loops") ?? 1
            try writeV6Row(db, loop)
        }
    }

    /// Folds again the loops whose keys `sql` selects (their events do not change), each row written
    /// as the migration's point in the timeline writes one (`writeV1Row` before v6, `writeV6Row` after).
    private static func refoldLoops(
        _ db: Database,
        selectedBy sql: String,
        writing write: (Database, Loop) throws -> Void
    ) throws {
        for key in try String.fetchAll(db, sql: sql) {
            if let loop = try Projection.refold(db, key: key) { try write(db, loop) }
        }
    }

    /// A loop's row as the migrations from v6 on write it: the v1 row and its `delegatedBy`.
    private static func writeV6Row(_ db: Database, _ loop: Loop) throws {
        try writeV1Row(db, loop)
        try db.execute(
            sql: "UPDATE loops SET delegatedBy = ? WHERE number = ?",
            arguments: [loop.delegatedBy, loop.number]
        )
    }

    /// A loop's row as the migrations before v6 wrote it (no `delegatedBy` column yet), for those
    /// migrations: they run on a ledger at their point in the timeline, not at today's.
    private static func writeV1Row(_ db: Database, _ loop: Loop) throws {
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO loops (number, key, owner, state, kind, stakes, due, changed, done, settled, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                loop.number, loop.key, loop.owner, loop.state.rawValue, loop.kind.rawValue, loop.stakes.rawValue,
                loop.due.map(Projection.sortableDeadline), loop.lastEventAt.timeIntervalSince1970,
                loop.doneAt?.timeIntervalSince1970, loop.isSettled, loop.storageJSON,
            ]
        )
    }
}
