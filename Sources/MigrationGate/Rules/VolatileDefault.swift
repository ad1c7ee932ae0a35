/// Adding a column whose default is volatile rewrites the whole table.
public struct VolatileDefault: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "volatile-default" }
    /// One line on what it stops.
    public var summary: String { "ADD COLUMN with a volatile default (or serial, or identity) rewrites the table" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-field-with-default"] }
    /// The long explanation.
    public var explanation: String {
        """
        Since PostgreSQL 11, ADD COLUMN with a constant or stable default (a literal, now()) is instant. A \
        volatile default (gen_random_uuid(), random(), clock_timestamp(), nextval() behind serial types and \
        identity columns, or \
        any function the gate cannot prove stable) is evaluated per row: the table is rewritten under an \
        ACCESS EXCLUSIVE lock. Add the column without a default, set the default for new rows, and backfill \
        old rows in batches. With --postgres-version below 11, every non-NULL default rewrites the table.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .addColumn(let column) = item.action.action else { return nil }
            let cause: String
            if let function = column.volatileDefault {
                cause = "the default calls \(function)(), which may be volatile"
            } else if column.isSerial {
                cause = "a \(column.typeName) column takes its default from nextval(), which is volatile"
            } else if column.identity {
                cause = "an identity column fills every existing row from its sequence"
            } else if context.settings.isBefore(11), let value = column.defaultText, value.lowercased() != "null" {
                cause = "before PostgreSQL 11 every default, even the constant \(value), is written into each row"
            } else {
                return nil
            }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "adding \(item.table.display).\(column.name) rewrites the table: \(cause)",
                help: "add the column with no default, SET DEFAULT for new rows, then backfill old rows in batches"
            )
        }
    }
}
