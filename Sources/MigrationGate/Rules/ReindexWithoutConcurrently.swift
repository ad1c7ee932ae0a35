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
        transaction; before 12, REINDEX CONCURRENTLY is reported as the error it is there. REINDEX SYSTEM is \
        not reported: system catalogs cannot be reindexed concurrently.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .reindex(let target, let name, let concurrently) = statement.kind else { return nil }
            // Before 12 the concurrent form does not exist: the migration fails where it stands.
            if concurrently, context.settings.isBefore(12) {
                return context.finding(
                    self,
                    .error,
                    at: statement.range,
                    message: "REINDEX \(target.uppercased()) CONCURRENTLY fails on PostgreSQL "
                        + "\(context.settings.postgresName): it came in 12",
                    help: "build a new index with CREATE INDEX CONCURRENTLY, then drop the old one with "
                        + "DROP INDEX CONCURRENTLY"
                )
            }
            if concurrently { return nil }
            // System catalogs cannot be reindexed concurrently: there is no safer form to suggest.
            if target == "system" { return nil }
            let help =
                context.settings.isBefore(12)
                ? "PostgreSQL \(context.settings.postgresName) has no REINDEX CONCURRENTLY: build a new index "
                    + "with CREATE INDEX CONCURRENTLY, then drop the old one with DROP INDEX CONCURRENTLY"
                : "use REINDEX \(target.uppercased()) CONCURRENTLY, outside a transaction"
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
