/// `DROP NOT NULL` lets `NULL` reach code that assumes there is none.
public struct DropNotNull: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "drop-not-null" }
    /// One line on what it stops.
    public var summary: String { "ALTER COLUMN ... DROP NOT NULL can break clients that assume a value" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["ban-drop-not-null"] }
    /// The long explanation.
    public var explanation: String {
        """
        Code deployed against the old schema may assume the column always has a value; once NULL is allowed, \
        it can crash on rows written by new code. Deploy code that handles NULL first, then drop the constraint.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            guard case .dropNotNull(let column) = item.action.action else { return nil }
            return context.finding(
                self,
                .warning,
                at: item.action.range,
                message: "dropping NOT NULL on \(item.table.display).\(column) may break clients that expect a value",
                help: "ship code that handles NULL in \(column) first, then drop the constraint"
            )
        }
    }
}
