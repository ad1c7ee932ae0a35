/// Adding a stored generated column computes it for every row, rewriting the table.
public struct StoredGeneratedColumn: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "stored-generated-column" }
    /// One line on what it stops.
    public var summary: String { "ADD COLUMN ... GENERATED ALWAYS AS (...) STORED rewrites the table" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-field-with-default"] }
    /// The long explanation.
    public var explanation: String {
        """
        A stored generated column is computed and written for every existing row while an ACCESS EXCLUSIVE \
        lock blocks all queries. Add a plain column, fill it with a trigger for new rows and a batched backfill \
        for old ones, or compute the value in a view or the application.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .addColumn(let column) = item.action.action, column.generatedStored else { return nil }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "adding the stored generated column \(item.table.display).\(column.name) rewrites the table",
                help: "add a plain column filled by a trigger and a batched backfill, or compute it in a view"
            )
        }
    }
}
