import GRDB

/// The SQLite team store's monitor tables, in a migration of their own. Add migrations; never edit
/// one.
enum MonitorSchema {
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v4: monitors, pings, flips") { db in
            try db.execute(
                sql: """
                    CREATE TABLE monitors (
                        uuid TEXT PRIMARY KEY,
                        team TEXT NOT NULL REFERENCES teams(name),
                        name TEXT NOT NULL,
                        slug TEXT NOT NULL,
                        owner TEXT NOT NULL,
                        stakes TEXT NOT NULL,
                        timeout REAL,
                        cron TEXT,
                        tz TEXT NOT NULL,
                        grace REAL NOT NULL,
                        max_runtime REAL,
                        min_runtime REAL NOT NULL,
                        failure_tolerance INTEGER NOT NULL,
                        parent TEXT,
                        tags TEXT NOT NULL,
                        descr TEXT NOT NULL,
                        status TEXT NOT NULL,
                        last_ping REAL,
                        last_start REAL,
                        last_start_rid TEXT,
                        last_duration REAL,
                        failures INTEGER NOT NULL,
                        down_since REAL,
                        parent_down INTEGER NOT NULL,
                        held_failure TEXT,
                        incident_open INTEGER NOT NULL,
                        incident_loop TEXT,
                        next_deadline REAL,
                        created REAL NOT NULL,
                        last_n INTEGER NOT NULL,
                        version INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX monitors_by_slug ON monitors(team, slug);
                    CREATE INDEX monitors_by_deadline ON monitors(next_deadline) WHERE next_deadline IS NOT NULL;
                    CREATE TABLE monitor_pings (
                        monitor TEXT NOT NULL,
                        n INTEGER NOT NULL,
                        at REAL NOT NULL,
                        kind TEXT NOT NULL,
                        rid TEXT,
                        method TEXT NOT NULL,
                        remote TEXT,
                        user_agent TEXT,
                        body BLOB NOT NULL,
                        duration REAL,
                        PRIMARY KEY (monitor, n)
                    ) WITHOUT ROWID;
                    CREATE TABLE monitor_flips (
                        id INTEGER PRIMARY KEY,
                        monitor TEXT NOT NULL,
                        at REAL NOT NULL,
                        old TEXT NOT NULL,
                        new TEXT NOT NULL
                    );
                    CREATE INDEX monitor_flips_by_monitor ON monitor_flips(monitor, id);
                    """
            )
        }
    }

    /// The deadline index moved off the column every ping rewrites, as on PostgreSQL (where it makes
    /// a ping's update a HOT update): `check_at` is a lower bound of `next_deadline`, only lowered
    /// (or cleared) by a save and raised to the deadline by the deadline scan for the monitors it
    /// finds not yet due, so a ping no longer moves an index entry.
    static func registerDeadlines(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v9: monitor deadlines") { db in
            try db.execute(
                sql: """
                    ALTER TABLE monitors ADD COLUMN check_at REAL;
                    UPDATE monitors SET check_at = next_deadline;
                    DROP INDEX monitors_by_deadline;
                    CREATE INDEX monitors_by_check ON monitors(check_at) WHERE check_at IS NOT NULL;
                    """
            )
        }
    }

    /// A create with `unique: ["name"]` (how provisioning scripts make checks) finds the team's
    /// checks of that name through this index instead of reading every check of the team.
    static func registerNames(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v10: monitors by name") { db in
            try db.execute(sql: "CREATE INDEX monitors_by_name ON monitors(team, name)")
        }
    }
}
