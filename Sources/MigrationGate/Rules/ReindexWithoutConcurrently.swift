/// `REINDEX` without `CONCURRENTLY` blocks writes (and reads through the index) while it runs.
public struct ReindexWithoutConcurrently: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "reindex-without-concurrently" }
    /// One line on what it stops.
    public var summary: String { "REINDEX without CONCURRENTLY blocks writes while the index is rebuilt" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-concurrent-reindex"] }
    /// The long explanation.
    public var explanation: String {
        """
        REINDEX locks out writes to the table and any query that would use the index while it rebuilds. \
        REINDEX ... CONCURRENTLY (PostgreSQL 12 and later) rebuilds without blocking; it cannot run in a \
        transaction.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .reindex(let target, let name, false) = statement.kind else { return nil }
            let help = "use REINDEX \(target.uppercased()) CONCURRENTLY, outside a transaction"
            let message = "REINDEX \(target.uppercased()) \(name?.display ?? "") blocks writes while it rebuilds"
            if target == "table", let name {
                return context.lockFinding(
                    self,
                    table: name,
                    before: index,
                    at: statement.range,
                    message: message,
                    help: help
                )
            }
            if target == "index", let name, context.states[index].createdIndexes.contains(name.qualified) {
                return nil
            }
            if target == "index", let name, let table = context.sizes.table(ofIndex: name) {
                return context.lockFinding(
                    self,
                    table: table,
                    before: index,
                    at: statement.range,
                    message: message,
                    help: help
                )
            }
            return context.finding(self, .warning, at: statement.range, message: message, help: help)
        }
    }
}
