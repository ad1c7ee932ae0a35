/// Changing a column's type usually rewrites the table under an `ACCESS EXCLUSIVE` lock.
public struct ColumnTypeChange: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "column-type-change" }
    /// One line on what it stops.
    public var summary: String { "ALTER COLUMN ... TYPE rewrites the table and its indexes under a lock" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["changing-column-type"] }
    /// The long explanation.
    public var explanation: String {
        """
        Most type changes rewrite every row and rebuild every index while holding an ACCESS EXCLUSIVE lock, \
        and they break code that still expects the old type. Add a new column with the new type, backfill it \
        in batches, move the code over, then drop the old column after a deprecation period.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .alterColumnType(let column, _) = item.action.action else { return nil }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message:
                    "changing the type of \(item.table.display).\(column) rewrites the table while all queries wait",
                help: "add a new column, backfill it in batches, switch the code, then drop the old column"
            )
        }
    }
}
