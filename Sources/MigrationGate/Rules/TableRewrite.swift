/// `ALTER TABLE ... SET TABLESPACE`, `SET LOGGED` and `SET UNLOGGED` write the whole table anew
/// while every query on it waits.
public struct TableRewrite: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "table-rewrite" }
    /// One line on what it stops.
    public var summary: String { "SET TABLESPACE, SET LOGGED or SET UNLOGGED rewrites the table under a lock" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        ALTER TABLE ... SET TABLESPACE copies the table (and SET LOGGED or SET UNLOGGED rewrites it) under an \
        ACCESS EXCLUSIVE lock: reads and writes wait until every row is written again. On a large table, \
        do it in a maintenance window, or build a new table beside it and move to it.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .rewrite(let words) = item.action.action else { return nil }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "\(words) rewrites \(item.table.display) while all queries wait",
                help: "run it in a maintenance window, or build a new table beside this one and move to it"
            )
        }
    }
}
