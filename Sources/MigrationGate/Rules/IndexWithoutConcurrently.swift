/// `CREATE INDEX` without `CONCURRENTLY` blocks writes to the table while the index builds.
public struct IndexWithoutConcurrently: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "index-without-concurrently" }
    /// One line on what it stops.
    public var summary: String { "CREATE INDEX without CONCURRENTLY blocks writes for the whole build" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-concurrent-index-creation"] }
    /// The long explanation.
    public var explanation: String {
        """
        CREATE INDEX takes a SHARE lock on the table: reads go on, but every INSERT, UPDATE and DELETE waits \
        until the index is built, which takes minutes on a large table. CREATE INDEX CONCURRENTLY builds it \
        without blocking writes (it must run outside a transaction). Tables created earlier in the same file \
        are exempt; tables known to be small are exempt; unknown sizes give a warning, large tables an error.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .createIndex(_, let table, _, false) = statement.kind else { return nil }
            // `ON ONLY` builds the parent's index alone when the table is partitioned (at once, empty:
            // CONCURRENTLY is refused there), and the whole index when it is not, which the gate cannot
            // tell: said both ways, not a fix PostgreSQL refuses.
            let words = statement.statement.tokens.lazy.filter { $0.kind == .word }
                .map { context.file.source.text(of: $0).lowercased() }
            let only = zip(words, words.dropFirst()).contains { $0 == "on" && $1 == "only" }
            return context.lockFinding(
                self,
                table: table,
                before: index,
                at: statement.range,
                message: "CREATE INDEX on \(table.display) blocks writes until the index is built",
                help: only
                    ? "if \(table.display) is partitioned, ON ONLY makes the parent's index alone, at once: allow it "
                        + "(own:allow index-without-concurrently because …), build each partition's CONCURRENTLY and "
                        + "ATTACH it; if not, use CREATE INDEX CONCURRENTLY, outside a transaction"
                    : "use CREATE INDEX CONCURRENTLY, in a migration that does not run in a transaction"
            )
        }
    }
}
