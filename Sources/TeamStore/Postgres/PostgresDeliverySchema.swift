/// The PostgreSQL tables of the delivery side (channels, the outbox, its attempts): a migration of
/// their own, after the core tables.
enum PostgresDeliverySchema {
    static let migration: (name: String, statements: [String]) = (
        "v3: channels, outbox, delivery attempts",
        [
            """
            CREATE TABLE channels (
                team text COLLATE "C" NOT NULL REFERENCES teams(name),
                name text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                url text NOT NULL,
                created float8 NOT NULL,
                last_error text,
                failing_since float8,
                PRIMARY KEY (team, name)
            )
            """,
            """
            CREATE TABLE outbox (
                id bigserial PRIMARY KEY,
                team text COLLATE "C" NOT NULL,
                channel text COLLATE "C" NOT NULL,
                dedupe_key text COLLATE "C" NOT NULL,
                body text NOT NULL,
                created float8 NOT NULL,
                state text NOT NULL,
                next_at float8 NOT NULL,
                lease_until float8,
                claimer text,
                attempts integer NOT NULL DEFAULT 0,
                sent float8,
                FOREIGN KEY (team, channel) REFERENCES channels(team, name) ON DELETE CASCADE
            )
            """,
            "CREATE UNIQUE INDEX outbox_by_key ON outbox(team, channel, dedupe_key)",
            "CREATE INDEX outbox_due ON outbox(state, next_at)",
            """
            CREATE TABLE delivery_attempts (
                id bigserial PRIMARY KEY,
                message bigint NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
                at float8 NOT NULL,
                status integer,
                error text
            )
            """,
            "CREATE INDEX delivery_attempts_by_message ON delivery_attempts(message, at)",
        ]
    )
}
