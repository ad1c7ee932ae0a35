/// `CLUSTER` rewrites the table under an `ACCESS EXCLUSIVE` lock.
public struct Cluster: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "cluster" }
    /// One line on what it stops.
    public var summary: String { "CLUSTER rewrites the table while blocking reads and writes" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        CLUSTER rewrites the table in index order under an ACCESS EXCLUSIVE lock, and the order decays as rows \
        change. Use pg_repack --order-by to reorder online, or leave physical order alone.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().compactMap { index, statement in
            guard case .cluster(let table) = statement.kind else { return nil }
            guard let table else {
                return context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "CLUSTER with no table rewrites every clustered table under exclusive locks",
                    help: "use pg_repack --order-by to reorder a table online"
                )
            }
            return context.lockFinding(
                self,
                table: table,
                before: index,
                at: statement.range,
                message: "CLUSTER rewrites \(table.display) while all queries wait",
                help: "use pg_repack --order-by to reorder the table online"
            )
        }
    }
}
