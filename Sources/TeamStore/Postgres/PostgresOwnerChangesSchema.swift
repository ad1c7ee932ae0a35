/// The PostgreSQL indexes that find the loops that may have been a person's at an instant, as the
/// SQLite engine's `OwnerChangesSchema`: a migration of their own.
enum PostgresOwnerChangesSchema {
    static let migration: (name: String, statements: [String]) = (
        "v8: owner changes",
        [
            "DROP INDEX loops_changed",
            "CREATE INDEX loops_changed ON loops(team, changed, created, owner, key, number)",
            """
            CREATE INDEX events_moving_owner ON events(team, loop, at)
            WHERE (line::jsonb ->> 'type') IN ('handedOff', 'retracted', 'created')
                OR (line::jsonb ->> 'owner') IS NOT NULL
            """,
        ]
    )
}
