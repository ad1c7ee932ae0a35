import GRDB
import OwnStore

/// The SQLite team store's schema, as SQL strings so the timeline never changes. Add migrations;
/// never edit one.
enum TeamSchema {
    /// The file header's application_id: "owns" in ASCII.
    static let applicationID = SQLiteLedger.serverStoreID

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: teams, tokens, events, loops") { db in
            try db.execute(
                sql: """
                    CREATE TABLE teams (
                        name TEXT PRIMARY KEY,
                        created REAL NOT NULL,
                        last_seq INTEGER NOT NULL DEFAULT 0,
                        last_number INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    CREATE TABLE tokens (
                        id TEXT PRIMARY KEY,
                        hash TEXT NOT NULL UNIQUE,
                        team TEXT NOT NULL REFERENCES teams(name),
                        person TEXT NOT NULL,
                        role TEXT NOT NULL,
                        created REAL NOT NULL,
                        revoked REAL
                    );
                    CREATE INDEX tokens_by_team ON tokens(team, created);
                    CREATE TABLE events (
                        team TEXT NOT NULL,
                        seq INTEGER NOT NULL,
                        id TEXT NOT NULL,
                        loop TEXT NOT NULL,
                        at REAL NOT NULL,
                        line TEXT NOT NULL,
                        PRIMARY KEY (team, seq)
                    ) WITHOUT ROWID;
                    CREATE UNIQUE INDEX events_by_id ON events(team, id);
                    CREATE INDEX events_by_loop ON events(team, loop, at, id);
                    CREATE TABLE loops (
                        team TEXT NOT NULL,
                        key TEXT NOT NULL,
                        number INTEGER NOT NULL,
                        owner TEXT NOT NULL,
                        state TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        stakes TEXT NOT NULL,
                        due REAL,
                        created REAL NOT NULL,
                        changed REAL NOT NULL,
                        done REAL,
                        settled INTEGER NOT NULL,
                        body TEXT NOT NULL,
                        PRIMARY KEY (team, key)
                    );
                    CREATE INDEX loops_by_owner ON loops(team, owner, state);
                    CREATE INDEX loops_by_state ON loops(team, state);
                    CREATE INDEX loops_changed ON loops(team, changed);
                    CREATE INDEX loops_created ON loops(team, created);
                    CREATE INDEX loops_done ON loops(team, done) WHERE done IS NOT NULL;
                    """
            )
        }
        migrator.registerMigration("v2: people") { db in
            try db.execute(
                sql: """
                    CREATE TABLE people (
                        team TEXT NOT NULL REFERENCES teams(name),
                        name TEXT NOT NULL,
                        zone TEXT,
                        workdays TEXT,
                        hours TEXT,
                        policy TEXT NOT NULL,
                        PRIMARY KEY (team, name)
                    ) WITHOUT ROWID;
                    """
            )
        }
        DeliverySchema.register(in: &migrator)
        MonitorSchema.register(in: &migrator)
        RefoldSchema.register(in: &migrator)
        migrator.registerMigration("v6: unsettled loops by team and owner") { db in
            // The doctor reads every unsettled loop; without this index that is a scan of all of them.
            try db.execute(sql: "CREATE INDEX loops_by_settled ON loops(team, settled, owner)")
        }
        InboxSchema.register(in: &migrator)
        OwnerChangesSchema.register(in: &migrator)
        MonitorSchema.registerDeadlines(in: &migrator)
        MonitorSchema.registerNames(in: &migrator)
        migrator.registerMigration(TeamSchema.noPersonalLoops.name) { db in
            for statement in TeamSchema.noPersonalLoops.statements { try db.execute(sql: statement) }
        }
        migrator.registerMigration(TeamSchema.undoneAcceptance) { db in try RefoldSchema.refoldEveryLoop(db) }
        migrator.registerMigration(TeamSchema.endedOnce) { db in try RefoldSchema.refoldEveryLoop(db) }
        migrator.registerMigration(TeamSchema.ownerChangedByWhoMay) { db in try RefoldSchema.refoldEveryLoop(db) }
        migrator.registerMigration(TeamSchema.namesTrimmed) { db in try RefoldSchema.refoldEveryLoop(db) }
        migrator.registerMigration(TeamSchema.composedKeys) { db in try ComposedKeysSchema.fileComposed(db) }
        migrator.registerMigration(TeamSchema.endedUnblocked) { db in try RefoldSchema.refoldEveryLoop(db) }
        // SQLite compares texts byte by byte already.
        migrator.registerMigration(TeamSchema.monitorNamesInByteOrder.name) { _ in }
        migrator.registerMigration(TeamSchema.notesBeforeStartAreWord) { db in try RefoldSchema.refoldEveryLoop(db) }
        migrator.registerMigration(TeamSchema.selfAskedHelp) { db in try RefoldSchema.refoldEveryLoop(db) }
        return migrator
    }

    /// Every loop folded again (OwnCore's fold, on both engines): the new owner's `retracted` counted
    /// as their taking a handed-off loop up, so `unaccepted-handoff` fell silent after an undone start.
    static let undoneAcceptance = "v12: every loop folded again: an undone event does not take a hand-off up"

    /// Every loop folded again: a loop ended twice (done and dropped, by two people offline) keeps the
    /// last ending only, not the first one's outcome or reason beside it.
    static let endedOnce = "v13: every loop folded again: a loop ended twice keeps the last ending only"

    /// Every loop folded again: an owner change by someone who may not make it where it folds (a take
    /// of a hand-off its new owner had taken up, a hand-off by someone who no longer owned the loop)
    /// changes nothing, where it moved the loop whenever it reached the server first; and only the
    /// owner's work comes before approval (the server's "failed again" on a proposed incident did).
    static let ownerChangedByWhoMay =
        "v14: every loop folded again: owner changes by who may make them, work before approval by its owner only"

    /// Every loop folded again: a person's name in an event is read without blanks around it, as
    /// every command takes one (a ledger an older `own` imported " lee " into pushed it as written).
    static let namesTrimmed = "v15: every loop folded again: names without blanks around them"

    /// The team's events filed under their keys and ids in Unicode's composed form (NFC), as they
    /// are read: a server before kept a key as it was written ("e" and a combining accent), and a
    /// loop's later events, written composed, made a second loop of the same key, or a second number.
    /// The loops of each key are one again, under the first of their numbers.
    static let composedKeys = "v16: events filed under composed keys and ids, the loops of a key made one"

    /// Every loop folded again: an ended loop is in no block (a done or dropped one kept its block's
    /// reason, and a block pulled after its end set one on it), and projects and tags are composed
    /// (NFC), as keys and names are.
    static let endedUnblocked = "v17: every loop folded again: an ended loop is in no block"

    /// Every loop folded again: a note on a loop nobody started is word on it, not work before
    /// approval (what going-dark asks of a waiting loop's owner was held against them for good).
    static let notesBeforeStartAreWord =
        "v19: every loop folded again: a note before any start is no work before approval"

    /// Every loop folded again: help asked of the loop's own owner is no help asked (a pushed one
    /// cleared `stuck-alone`, which the CLI's `own ask --from` the owner refuses).
    static let selfAskedHelp = "v20: every loop folded again: help asked of its own owner is no help asked"

    /// Monitors' names (and tokens' people) compared byte by byte, as every other name is (`COLLATE
    /// "C"`): on a PostgreSQL database with a language's collation, the monitors came in another order
    /// than on SQLite.
    static let monitorNamesInByteOrder: (name: String, statements: [String]) = (
        "v18: monitors' names in byte order",
        [
            #"ALTER TABLE monitors ALTER COLUMN name TYPE text COLLATE "C""#,
            #"ALTER TABLE tokens ALTER COLUMN person TYPE text COLLATE "C""#,
        ]
    )

    /// Time off and declines are facts about people, kept as events under `@away` and `@declined`
    /// never folded into a loop (see `AppendPlan`); servers before this one made a live loop of each,
    /// which the doctor, the board and the reports counted. The same statement on both engines.
    static let noPersonalLoops: (name: String, statements: [String]) = (
        "v11: no loop for time off or declines",
        ["DELETE FROM loops WHERE key IN ('@away', '@declined')"]
    )
}
