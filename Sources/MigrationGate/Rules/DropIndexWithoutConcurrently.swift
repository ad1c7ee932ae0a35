/// `DROP INDEX` without `CONCURRENTLY` takes an `ACCESS EXCLUSIVE` lock on the index's table.
public struct DropIndexWithoutConcurrently: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-index-without-concurrently" }
    /// One line on what it stops.
    public var summary: String { "DROP INDEX without CONCURRENTLY blocks reads and writes on the table" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-concurrent-index-deletion"] }
    /// The long explanation.
    public var explanation: String {
        """
        DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table, queueing every query behind it and \
        behind any long transaction already holding a lock. DROP INDEX CONCURRENTLY waits for those \
        transactions instead of blocking everyone. Indexes created earlier in the same file are exempt. The \
        table of an index is not written in the statement, so the size is unknown and the finding is a warning.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .dropIndex(let names, false) = statement.kind else { return nil }
            let existing = names.filter { !context.states[index].createdIndexes.contains($0.qualified) }
            guard let first = existing.first else { return nil }
            return context.finding(
                self,
                .warning,
                at: statement.range,
                message: "DROP INDEX \(first.display) locks its table against reads and writes while it runs",
                help: "use DROP INDEX CONCURRENTLY, in a migration that does not run in a transaction"
            )
        }
    }
}
