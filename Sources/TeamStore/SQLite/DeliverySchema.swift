import GRDB

/// The SQLite tables of the delivery side (channels, the outbox, its attempts): a migration of
/// their own, registered after the core tables.
enum DeliverySchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v3: channels, outbox, delivery attempts") { db in
            try db.execute(
                sql: """
                    CREATE TABLE channels (
                        team TEXT NOT NULL REFERENCES teams(name),
                        name TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        url TEXT NOT NULL,
                        created REAL NOT NULL,
                        last_error TEXT,
                        failing_since REAL,
                        PRIMARY KEY (team, name)
                    ) WITHOUT ROWID;
                    CREATE TABLE outbox (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        team TEXT NOT NULL,
                        channel TEXT NOT NULL,
                        dedupe_key TEXT NOT NULL,
                        body TEXT NOT NULL,
                        created REAL NOT NULL,
                        state TEXT NOT NULL,
                        next_at REAL NOT NULL,
                        lease_until REAL,
                        claimer TEXT,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        sent REAL,
                        FOREIGN KEY (team, channel) REFERENCES channels(team, name) ON DELETE CASCADE
                    );
                    CREATE UNIQUE INDEX outbox_by_key ON outbox(team, channel, dedupe_key);
                    CREATE INDEX outbox_due ON outbox(state, next_at);
                    CREATE TABLE delivery_attempts (
                        message INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                        at REAL NOT NULL,
                        status INTEGER,
                        error TEXT
                    );
                    CREATE INDEX delivery_attempts_by_message ON delivery_attempts(message, at);
                    """
            )
        }
    }
}
