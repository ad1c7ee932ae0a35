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
        statement does not name the table: the sizes JSON from own gate stats records each index's table, \
        and without it the size is unknown and the finding is a warning.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .dropIndex(let names, false) = statement.kind else { return nil }
            let existing = names.filter { !context.states[index].createdIndexes.contains($0.qualified) }
            let help = "use DROP INDEX CONCURRENTLY, in a migration that does not run in a transaction"
            // The worst table decides; an index whose table is unknown counts as unknown size.
            var worst: Finding?
            for name in existing {
                let finding: Finding?
                if let table = context.sizes.table(ofIndex: name) {
                    finding = context.lockFinding(
                        self,
                        table: table,
                        before: index,
                        at: statement.range,
                        message:
                            "DROP INDEX \(name.display) locks \(table.display) against reads and writes while it runs",
                        help: help
                    )
                } else {
                    // Every index whose table is unknown, named: the first alone hid the others.
                    let unknown = existing.filter { context.sizes.table(ofIndex: $0) == nil }
                    let listed = unknown.map(\.display).joined(separator: ", ")
                    finding = context.finding(
                        self,
                        .warning,
                        at: statement.range,
                        message: unknown.count == 1
                            ? "DROP INDEX \(listed) locks its table against reads and writes while it runs; "
                                + "its table is unknown (own gate stats records it)"
                            : "DROP INDEX \(listed) locks their tables against reads and writes while it runs; "
                                + "their tables are unknown (own gate stats records them)",
                        help: help
                    )
                }
                if let finding, worst == nil || finding.severity > worst!.severity { worst = finding }
            }
            return worst
        }
    }
}
