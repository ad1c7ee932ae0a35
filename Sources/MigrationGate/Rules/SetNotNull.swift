/// `SET NOT NULL` scans the whole table under an `ACCESS EXCLUSIVE` lock.
public struct SetNotNull: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "set-not-null" }
    /// One line on what it stops.
    public var summary: String { "ALTER COLUMN ... SET NOT NULL scans the table while blocking all queries" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-not-nullable-field"] }
    /// The long explanation.
    public var explanation: String {
        """
        SET NOT NULL takes an ACCESS EXCLUSIVE lock and reads every row to prove there is no NULL. On \
        PostgreSQL 12 and later, first add CHECK (column IS NOT NULL) NOT VALID, validate it in another \
        migration, then SET NOT NULL (which uses the validated check and skips the scan) and drop the check.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .setNotNull(let column) = item.action.action else { return nil }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "SET NOT NULL on \(item.table.display).\(column) scans every row while all queries wait",
                help: "add CHECK (\(column) IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL"
            )
        }
    }
}
