import Logging
import PostgresNIO

/// The PostgreSQL team store's schema, as SQL strings so the timeline never changes. Add migrations;
/// never edit one. Each is a list of statements (the extended protocol runs one at a time), applied
/// in one transaction with its row in `own_server_schema`.
///
/// Keys and ids compare byte by byte (`COLLATE "C"`), as Swift and SQLite compare them, so fold
/// order and key prefixes agree on every engine. Instants are seconds since 1970 (`float8`), as in
/// the SQLite engine, so the same comparisons give the same answers.
enum PostgresSchema {
    /// The advisory lock that serialises migrations between servers starting at once: "owns".
    static let migrationLock: Int64 = 0x6F77_6E73

    static let migrations: [(name: String, statements: [String])] = [
        (
            "v1: teams, tokens, events, loops",
            [
                """
                CREATE TABLE teams (
                    name text COLLATE "C" PRIMARY KEY,
                    created float8 NOT NULL,
                    last_seq bigint NOT NULL DEFAULT 0,
                    last_number bigint NOT NULL DEFAULT 0
                )
                """,
                """
                CREATE TABLE tokens (
                    id text COLLATE "C" PRIMARY KEY,
                    hash text NOT NULL UNIQUE,
                    team text COLLATE "C" NOT NULL REFERENCES teams(name),
                    person text NOT NULL,
                    role text NOT NULL,
                    created float8 NOT NULL,
                    revoked float8
                )
                """,
                "CREATE INDEX tokens_by_team ON tokens(team, created)",
                """
                CREATE TABLE events (
                    team text COLLATE "C" NOT NULL,
                    seq bigint NOT NULL,
                    id text COLLATE "C" NOT NULL,
                    loop text COLLATE "C" NOT NULL,
                    at float8 NOT NULL,
                    line text NOT NULL,
                    PRIMARY KEY (team, seq)
                )
                """,
                "CREATE UNIQUE INDEX events_by_id ON events(team, id)",
                "CREATE INDEX events_by_loop ON events(team, loop, at, id)",
                """
                CREATE TABLE loops (
                    team text COLLATE "C" NOT NULL,
                    key text COLLATE "C" NOT NULL,
                    number bigint NOT NULL,
                    owner text COLLATE "C" NOT NULL,
                    state text NOT NULL,
                    kind text NOT NULL,
                    stakes text NOT NULL,
                    due float8,
                    created float8 NOT NULL,
                    changed float8 NOT NULL,
                    done float8,
                    settled boolean NOT NULL,
                    body text NOT NULL,
                    PRIMARY KEY (team, key)
                )
                """,
                "CREATE INDEX loops_by_owner ON loops(team, owner, state)",
                "CREATE INDEX loops_by_state ON loops(team, state)",
                "CREATE INDEX loops_changed ON loops(team, changed)",
                "CREATE INDEX loops_created ON loops(team, created)",
                "CREATE INDEX loops_done ON loops(team, done) WHERE done IS NOT NULL",
            ]
        ),
        (
            "v2: people",
            [
                """
                CREATE TABLE people (
                    team text COLLATE "C" NOT NULL REFERENCES teams(name),
                    name text COLLATE "C" NOT NULL,
                    zone text,
                    workdays text,
                    hours text,
                    policy text NOT NULL,
                    PRIMARY KEY (team, name)
                )
                """
            ]
        ),
        PostgresDeliverySchema.migration,
        PostgresMonitorSchema.migration,
        PostgresRefold.migration,
        (
            "v6: unsettled loops by team and owner",
            // The doctor reads every unsettled loop; without this index that is a scan of all of them.
            ["CREATE INDEX loops_by_settled ON loops(team, settled, owner)"]
        ),
        PostgresInboxSchema.migration,
        PostgresOwnerChangesSchema.migration,
        PostgresMonitorSchema.deadlines,
        PostgresMonitorSchema.names,
        TeamSchema.noPersonalLoops,
        (TeamSchema.undoneAcceptance, []),
        (TeamSchema.endedOnce, []),
        (TeamSchema.ownerChangedByWhoMay, []),
        (TeamSchema.namesTrimmed, []),
        (TeamSchema.composedKeys, []),
        (TeamSchema.endedUnblocked, []),
        TeamSchema.monitorNamesInByteOrder,
        (TeamSchema.notesBeforeStartAreWord, []),
        (TeamSchema.selfAskedHelp, []),
    ]

    /// Brings the store's schema up to date on one connection, holding the migration lock for the
    /// whole transaction, so that of two servers starting at once one migrates and the other finds
    /// it done. Throws `newerSchema` (and changes nothing) when a newer own-server migrated it.
    static func migrate(
        _ connection: PostgresConnection,
        schema: String?,
        location: String,
        logger: Logger
    ) async throws {
        try await connection.query("BEGIN", logger: logger)
        do {
            try await connection.query("SELECT pg_advisory_xact_lock(\(migrationLock))", logger: logger)
            if let schema {
                // Checked by Configuration.isValidSchema: letters, digits and `_`, nothing to quote.
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"),
                    logger: logger
                )
            }
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS own_server_schema (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied timestamptz NOT NULL DEFAULT now()
                )
                """,
                logger: logger
            )
            // Applied by name, as GRDB does on SQLite: a migration this server does not know means a
            // newer server migrated the store.
            var applied: Set<String> = []
            for try await name in try await connection.query("SELECT name FROM own_server_schema", logger: logger)
                .decode(String.self)
            {
                applied.insert(name)
            }
            guard applied.isSubset(of: migrations.map(\.name)) else {
                throw TeamStoreError.newerSchema(location: location)
            }
            for (index, migration) in migrations.enumerated() where !applied.contains(migration.name) {
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                // The migrations that are not SQL: the loops folded again by OwnCore's fold.
                if PostgresRefold.migrations.contains(migration.name) {
                    try await PostgresRefold.refoldEveryLoop(connection, logger: logger)
                }
                if migration.name == TeamSchema.composedKeys {
                    try await PostgresComposedKeys.fileComposed(connection, logger: logger)
                }
                try await connection.query(
                    "INSERT INTO own_server_schema (version, name) VALUES (\(index + 1), \(migration.name))",
                    logger: logger
                )
            }
            try await connection.query("COMMIT", logger: logger)
        } catch {
            _ = try? await connection.query("ROLLBACK", logger: logger)
            throw error
        }
    }
}
