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
        in batches, move the code over, then drop the old column after a deprecation period. A change \
        PostgreSQL makes in its catalog only (a varchar made longer or text, a numeric given more digits at \
        the same scale) is not reported when the migrations checked say the column's old type.
        """
    }

    /// Checks one file. A change PostgreSQL makes in its catalog only (see `ColumnTypes.isWidening`) is
    /// no rewrite, when the column's type is known from this file or the files checked before it.
    public func check(_ context: RuleContext) -> [Finding] {
        var types = context.earlier.columnTypes
        var findings: [Finding] = []
        for (index, statement) in context.file.statements.enumerated() {
            defer { types.record(statement.kind) }
            guard case .alterTable(let table, let actions) = statement.kind else { continue }
            for action in actions {
                guard case .alterColumnType(let column, let type) = action.action else { continue }
                if let old = types.type(of: column, in: table), ColumnTypes.isWidening(from: old, to: type) {
                    continue
                }
                if let finding = context.lockFinding(
                    self,
                    table: table,
                    before: index,
                    at: action.range,
                    message:
                        "changing the type of \(table.display).\(column) rewrites the table while all queries wait",
                    help: "add a new column, backfill it in batches, switch the code, then drop the old column"
                ) {
                    findings.append(finding)
                }
            }
        }
        return findings
    }
}
