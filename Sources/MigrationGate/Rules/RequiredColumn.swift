/// Adding a `NOT NULL` column without a default fails on any table that has rows.
public struct RequiredColumn: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "required-column" }
    /// One line on what it stops.
    public var summary: String { "ADD COLUMN ... NOT NULL without a default fails on a table with rows" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-required-field"] }
    /// The long explanation.
    public var explanation: String {
        """
        Adding a NOT NULL column with no DEFAULT fails as soon as the table has a row, and old code that \
        inserts without the column breaks once it succeeds. Add the column with a constant DEFAULT (instant \
        since PostgreSQL 11), or add it nullable, backfill, and set NOT NULL safely later.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .addColumn(let column) = item.action.action, column.notNull, column.defaultText == nil,
                !column.generatedStored, !column.identity, !column.isSerial
            else { return nil }
            return context.finding(
                self,
                .error,
                at: item.action.range,
                message:
                    "\(item.table.display).\(column.name) is NOT NULL with no default: it fails if the table has rows",
                help: "add a constant DEFAULT, or add the column nullable, backfill it, then SET NOT NULL safely"
            )
        }
    }
}
