/// The PostgreSQL tables of people's inboxes and the notifier's place in each team's events: a
/// migration of their own.
enum PostgresInboxSchema {
    static let migration: (name: String, statements: [String]) = (
        "v7: inbox, notifier cursor, skipped sends",
        [
            """
            CREATE TABLE notify_cursor (
                team text COLLATE "C" PRIMARY KEY REFERENCES teams(name),
                seq bigint NOT NULL
            )
            """,
            """
            CREATE TABLE inbox (
                id bigserial PRIMARY KEY,
                team text COLLATE "C" NOT NULL REFERENCES teams(name),
                person text COLLATE "C" NOT NULL,
                key text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                loop text COLLATE "C" NOT NULL,
                text text NOT NULL,
                sender text NOT NULL,
                at float8 NOT NULL,
                read_at float8
            )
            """,
            "CREATE UNIQUE INDEX inbox_by_key ON inbox(team, person, key)",
            """
            CREATE TABLE skipped_sends (
                team text COLLATE "C" NOT NULL REFERENCES teams(name),
                key text COLLATE "C" NOT NULL,
                at float8 NOT NULL,
                PRIMARY KEY (team, key)
            )
            """,
        ]
    )
}
