/// `VACUUM FULL` rewrites the table under an `ACCESS EXCLUSIVE` lock.
public struct VacuumFull: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "vacuum-full" }
    /// One line on what it stops.
    public var summary: String { "VACUUM FULL rewrites the table while blocking reads and writes" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        VACUUM FULL copies the whole table and rebuilds its indexes under an ACCESS EXCLUSIVE lock. Plain \
        VACUUM reclaims space for reuse without blocking; to shrink a bloated table online use pg_repack or \
        pg_squeeze. Without a table name it rewrites every table in the database.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.file.statements.enumerated().flatMap { index, statement -> [Finding] in
            guard case .vacuum(true, let tables) = statement.kind else { return [] }
            if tables.isEmpty {
                return [
                    context.finding(
                        self,
                        .warning,
                        at: statement.range,
                        message: "VACUUM FULL with no table rewrites every table in the database under exclusive locks",
                        help: "use plain VACUUM, or pg_repack for the tables that need shrinking"
                    )
                ]
            }
            return tables.compactMap { table in
                context.lockFinding(
                    self,
                    table: table,
                    before: index,
                    at: statement.range,
                    message: "VACUUM FULL rewrites \(table.display) while all queries wait",
                    help: "use plain VACUUM, or pg_repack to shrink the table online"
                )
            }
        }
    }
}
