/// `CONCURRENTLY` cannot run inside a transaction block; PostgreSQL refuses it.
public struct ConcurrentlyInTransaction: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "concurrently-in-transaction" }
    /// One line on what it stops.
    public var summary: String {
        "CREATE/DROP INDEX, REINDEX or DETACH PARTITION CONCURRENTLY (or VACUUM) inside a transaction fails"
    }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-concurrent-index-creation-in-transaction"] }
    /// The long explanation.
    public var explanation: String {
        """
        PostgreSQL rejects CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and \
        ALTER TABLE … DETACH PARTITION … CONCURRENTLY inside \
        a transaction block, and VACUUM too, so the migration fails at deploy time. The gate knows a statement is in a \
        transaction after BEGIN, or throughout the file with --assume-transaction (for runners that wrap each \
        file in one). Put concurrent index work in its own migration and turn off the runner's transaction \
        for it.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            // DETACH PARTITION … CONCURRENTLY came with PostgreSQL 14: before, it is a syntax error.
            if case .alterTable(_, let actions) = statement.kind,
                actions.contains(where: { $0.action == .other("detach partition concurrently") }),
                context.settings.isBefore(14)
            {
                return context.finding(
                    self,
                    .error,
                    at: statement.range,
                    message: "DETACH PARTITION CONCURRENTLY came with PostgreSQL 14: "
                        + "\(context.settings.postgresName) rejects the migration",
                    help: "detach without CONCURRENTLY in a quiet hour, or upgrade to 14 first"
                )
            }
            guard context.states[index].inTransaction else { return nil }
            let what: String
            switch statement.kind {
            case .createIndex(_, _, _, true): what = "CREATE INDEX CONCURRENTLY"
            case .dropIndex(_, true): what = "DROP INDEX CONCURRENTLY"
            case .reindex(_, _, true): what = "REINDEX CONCURRENTLY"
            case .vacuum: what = "VACUUM"
            case .alterTable(_, let actions)
            where actions.contains(where: { $0.action == .other("detach partition concurrently") }):
                what = "DETACH PARTITION CONCURRENTLY"
            default: return nil
            }
            return context.finding(
                self,
                .error,
                at: statement.range,
                message: "\(what) cannot run inside a transaction; PostgreSQL will reject the migration",
                help: "move it to its own migration that runs outside a transaction"
            )
        }
    }
}
