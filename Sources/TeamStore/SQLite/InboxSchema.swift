import GRDB

/// The SQLite tables of people's inboxes and the notifier's place in each team's events: a migration
/// of their own. Add migrations; never edit one.
enum InboxSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v7: inbox, notifier cursor, skipped sends") { db in
            try db.execute(
                sql: """
                    CREATE TABLE notify_cursor (
                        team TEXT PRIMARY KEY REFERENCES teams(name),
                        seq INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE inbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team TEXT NOT NULL REFERENCES teams(name),
                        person TEXT NOT NULL,
                        key TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        loop TEXT NOT NULL,
                        text TEXT NOT NULL,
                        sender TEXT NOT NULL,
                        at REAL NOT NULL,
                        read_at REAL
                    );
                    CREATE UNIQUE INDEX inbox_by_key ON inbox(team, person, key);
                    CREATE TABLE skipped_sends (
                        team TEXT NOT NULL REFERENCES teams(name),
                        key TEXT NOT NULL,
                        at REAL NOT NULL,
                        PRIMARY KEY (team, key)
                    ) WITHOUT ROWID;
                    """
            )
        }
    }
}
