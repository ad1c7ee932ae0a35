/// Adding a `UNIQUE` constraint builds its index under an `ACCESS EXCLUSIVE` lock.
public struct UniqueWithoutIndex: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "unique-without-index" }
    /// One line on what it stops.
    public var summary: String { "ADD UNIQUE builds an index while blocking reads and writes" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["disallowed-unique-constraint", "constraint-missing-not-valid (EXCLUDE)"] }
    /// The long explanation.
    public var explanation: String {
        """
        ADD CONSTRAINT ... UNIQUE (or ADD COLUMN ... UNIQUE, or an EXCLUDE constraint) builds an index while \
        holding an ACCESS EXCLUSIVE lock. Build the index first with CREATE UNIQUE INDEX CONCURRENTLY, then attach it with \
        ADD CONSTRAINT name UNIQUE USING INDEX index_name, which is instant. EXCLUDE constraints cannot \
        use an existing index: add them while the table is small, or enforce the rule another way.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            // EXCLUDE has no USING INDEX form: its index is built under the lock whatever one does.
            let unique = (
                "a UNIQUE constraint",
                "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE USING INDEX"
            )
            let (what, help): (String, String)
            switch item.action.action {
            case .addConstraint(_, .unique, _, false): (what, help) = unique
            case .addColumn(let column) where column.unique: (what, help) = unique
            case .addConstraint(_, .exclude, _, _):
                (what, help) = (
                    "an EXCLUDE constraint",
                    "it cannot use an index built beforehand: add it while the table is small, or enforce the rule another way"
                )
            default: return nil
            }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "adding \(what) to \(item.table.display) builds its index while all queries wait",
                help: help
            )
        }
    }
}
