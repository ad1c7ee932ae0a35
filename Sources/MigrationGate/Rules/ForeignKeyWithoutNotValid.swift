/// Adding a foreign key validates every row while locking both tables.
public struct ForeignKeyWithoutNotValid: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "foreign-key-without-not-valid" }
    /// One line on what it stops.
    public var summary: String { "a foreign key added without NOT VALID scans the table under a lock" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-foreign-key-constraint", "constraint-missing-not-valid"] }
    /// The long explanation.
    public var explanation: String {
        """
        ADD FOREIGN KEY (or ADD COLUMN ... REFERENCES) takes a SHARE ROW EXCLUSIVE lock on both tables and \
        checks every existing row before releasing it, blocking writes for the whole scan. Add the constraint \
        with NOT VALID (instant; new rows are checked) and run ALTER TABLE ... VALIDATE CONSTRAINT in a later \
        migration, which checks old rows under a lock that lets writes go on.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        // Where each constraint was added NOT VALID, by name: its statement, and its transaction.
        var notValidHere: [String: (statement: Int, transaction: Int?)] = [:]
        var findings: [Finding] = []
        for item in context.tableActions {
            switch item.action.action {
            case .addConstraint(let name, .foreignKey, true, _):
                if let name { notValidHere[name] = (item.index, context.states[item.index].transaction) }
                continue
            case .validateConstraint(let name) where notValidHere[name]?.statement == item.index:
                // Added NOT VALID and validated by one ALTER TABLE: one lock held through the scan.
                if let finding = context.validatedWhereAdded(self, "foreign key", name: name, item) {
                    findings.append(finding)
                }
                continue
            case .validateConstraint(let name)
            where notValidHere[name]?.transaction != nil
                && notValidHere[name]?.transaction == context.states[item.index].transaction:
                findings.append(
                    context.finding(
                        self,
                        .warning,
                        at: item.action.range,
                        message: "foreign key \(name) is validated in the same transaction that added it NOT VALID",
                        help: "move VALIDATE CONSTRAINT to a separate migration"
                    )
                )
                continue
            case .addConstraint(_, .foreignKey, false, _):
                break
            case .addColumn(let column) where column.references != nil:
                break
            default:
                continue
            }
            if let finding = context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: "adding a foreign key to \(item.table.display) checks every row while writes wait",
                help: "add the constraint with NOT VALID, then VALIDATE CONSTRAINT in a separate migration"
            ) {
                findings.append(finding)
            }
        }
        return findings
    }
}
