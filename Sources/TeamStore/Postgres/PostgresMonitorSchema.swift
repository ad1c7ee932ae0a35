/// The PostgreSQL team store's monitor tables, in a migration of their own (see `PostgresSchema`
/// for the rules: add migrations, never edit one).
enum PostgresMonitorSchema {
    static let migration: (name: String, statements: [String]) = (
        "v4: monitors, pings, flips",
        [
            """
            CREATE TABLE monitors (
                uuid text COLLATE "C" PRIMARY KEY,
                team text COLLATE "C" NOT NULL REFERENCES teams(name),
                name text NOT NULL,
                slug text COLLATE "C" NOT NULL,
                owner text COLLATE "C" NOT NULL,
                stakes text NOT NULL,
                timeout float8,
                cron text,
                tz text NOT NULL,
                grace float8 NOT NULL,
                max_runtime float8,
                min_runtime float8 NOT NULL,
                failure_tolerance bigint NOT NULL,
                parent text COLLATE "C",
                tags text NOT NULL,
                descr text NOT NULL,
                status text NOT NULL,
                last_ping float8,
                last_start float8,
                last_start_rid text,
                last_duration float8,
                failures bigint NOT NULL,
                down_since float8,
                parent_down boolean NOT NULL,
                held_failure text,
                incident_open boolean NOT NULL,
                incident_loop text COLLATE "C",
                next_deadline float8,
                created float8 NOT NULL,
                last_n bigint NOT NULL,
                version bigint NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX monitors_by_slug ON monitors(team, slug)",
            "CREATE INDEX monitors_by_deadline ON monitors(next_deadline) WHERE next_deadline IS NOT NULL",
            """
            CREATE TABLE monitor_pings (
                monitor text COLLATE "C" NOT NULL,
                n bigint NOT NULL,
                at float8 NOT NULL,
                kind text NOT NULL,
                rid text,
                method text NOT NULL,
                remote text,
                user_agent text,
                body bytea NOT NULL,
                duration float8,
                PRIMARY KEY (monitor, n)
            )
            """,
            """
            CREATE TABLE monitor_flips (
                id bigserial PRIMARY KEY,
                monitor text COLLATE "C" NOT NULL,
                at float8 NOT NULL,
                old text NOT NULL,
                new text NOT NULL
            )
            """,
            "CREATE INDEX monitor_flips_by_monitor ON monitor_flips(monitor, id)",
        ]
    )

    /// The deadline index moved off the column every ping rewrites, so that a ping's update of its
    /// monitor changes no indexed column and is a HOT update (no new index entries, no bloat left for
    /// vacuum). `check_at` is a lower bound of `next_deadline`: a save only ever lowers it (or clears
    /// it with the deadline), and the deadline scan raises it to the deadline for the monitors it
    /// finds not yet due, about once per deadline instead of once per ping. The fill factor leaves
    /// room on each page for the updated rows.
    static let deadlines: (name: String, statements: [String]) = (
        "v9: monitor deadlines",
        [
            "ALTER TABLE monitors ADD COLUMN check_at float8",
            "UPDATE monitors SET check_at = next_deadline",
            "DROP INDEX monitors_by_deadline",
            "CREATE INDEX monitors_by_check ON monitors(check_at) WHERE check_at IS NOT NULL",
            "ALTER TABLE monitors SET (fillfactor = 80)",
        ]
    )

    /// A create with `unique: ["name"]` finds the team's checks of that name through this index.
    static let names: (name: String, statements: [String]) = (
        "v10: monitors by name",
        ["CREATE INDEX monitors_by_name ON monitors(team, name)"]
    )
}
