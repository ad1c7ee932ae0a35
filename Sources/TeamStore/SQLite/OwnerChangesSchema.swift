import GRDB

/// The SQLite indexes that find the loops that may have been a person's at an instant
/// (`loops(team:owner:matchingAny:asOf:)`), in a migration of their own. Add migrations; never edit
/// one.
enum OwnerChangesSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v8: owner changes") { db in
            // The loops changed after an instant, with what that read tests of them, so it reads no
            // loop's row (each holds the loop's whole JSON); it serves every read `loops_changed`
            // served. And the events that may give a loop another owner, with the read's test word
            // for word (`OwnerAsOf.movingTypes`, in its order), so SQLite sees the index answers it.
            try db.execute(
                sql: """
                    DROP INDEX loops_changed;
                    CREATE INDEX loops_changed ON loops(team, changed, created, owner, key, number);
                    CREATE INDEX events_moving_owner ON events(team, loop, at)
                    WHERE json_extract(line, '$.type') IN ('handedOff', 'retracted', 'created')
                        OR json_extract(line, '$.owner') IS NOT NULL;
                    """
            )
        }
    }
}
