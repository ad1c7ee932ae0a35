/// Adding a primary key builds its index (and may set NOT NULL) under an `ACCESS EXCLUSIVE` lock.
public struct PrimaryKeyWithoutIndex: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "primary-key-without-index" }
    /// One line on what it stops.
    public var summary: String { "ADD PRIMARY KEY builds an index while blocking reads and writes" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-serial-primary-key-field", "adding-primary-key-constraint"] }
    /// The long explanation.
    public var explanation: String {
        """
        ADD PRIMARY KEY (or ADD COLUMN ... PRIMARY KEY) builds a unique index and checks NOT NULL while \
        holding an ACCESS EXCLUSIVE lock. Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then \
        ADD CONSTRAINT name PRIMARY KEY USING INDEX index_name.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        context.tableActions.compactMap { item in
            switch item.action.action {
            case .addConstraint(_, .primaryKey, _, false): break
            case .addColumn(let column) where column.primaryKey: break
            default: return nil
            }
            return context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "adding a primary key to \(item.table.display) builds its index while all queries wait",
                help: "CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... PRIMARY KEY USING INDEX"
            )
        }
    }
}
