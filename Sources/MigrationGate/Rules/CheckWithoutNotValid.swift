/// Adding a `CHECK` constraint scans the table under an `ACCESS EXCLUSIVE` lock.
public struct CheckWithoutNotValid: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "check-without-not-valid" }
    /// One line on what it stops.
    public var summary: String { "a CHECK constraint added without NOT VALID scans the table under a lock" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["constraint-missing-not-valid"] }
    /// The long explanation.
    public var explanation: String {
        """
        ADD CONSTRAINT ... CHECK takes an ACCESS EXCLUSIVE lock and checks every existing row before releasing \
        it: no reads or writes for the whole scan. Add it with NOT VALID (instant) and VALIDATE CONSTRAINT in \
        a later migration, which takes only a SHARE UPDATE EXCLUSIVE lock. Validating in the same transaction \
        as the NOT VALID add gains nothing, so that is reported too.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        // Where each constraint was added NOT VALID, by name: its statement, and its transaction.
        var notValidHere: [String: (statement: Int, transaction: Int?)] = [:]
        var findings: [Finding] = []
        for item in context.tableActions {
            switch item.action.action {
            case .addConstraint(let name, .check, let notValid, _):
                if notValid {
                    if let name { notValidHere[name] = (item.index, context.states[item.index].transaction) }
                } else if let finding = context.lockFinding(
                    self,
                    table: item.table,
                    before: item.index,
                    at: item.action.range,
                    message:
                        "adding a CHECK constraint to \(item.table.display) scans every row while all queries wait",
                    help: "add the constraint with NOT VALID, then VALIDATE CONSTRAINT in a separate migration"
                ) {
                    findings.append(finding)
                }
            case .addColumn(let column) where column.check:
                // The new column's CHECK is checked against every row too, under the same lock.
                if let finding = context.lockFinding(
                    self,
                    table: item.table,
                    before: item.index,
                    at: item.action.range,
                    message:
                        "adding column \(column.name) with a CHECK to \(item.table.display) scans every row while "
                        + "all queries wait",
                    help: "add the column without the CHECK, then ADD CONSTRAINT ... CHECK (...) NOT VALID and "
                        + "VALIDATE CONSTRAINT in a separate migration"
                ) {
                    findings.append(finding)
                }
            case .validateConstraint(let name) where notValidHere[name]?.statement == item.index:
                // Added NOT VALID and validated by one ALTER TABLE: one lock held through the scan.
                if let finding = context.validatedWhereAdded(self, "constraint", name: name, item) {
                    findings.append(finding)
                }
            case .validateConstraint(let name)
            where notValidHere[name]?.transaction != nil
                && notValidHere[name]?.transaction == context.states[item.index].transaction:
                findings.append(
                    context.finding(
                        self,
                        .warning,
                        at: item.action.range,
                        message: "constraint \(name) is validated in the same transaction that added it NOT VALID",
                        help: "move VALIDATE CONSTRAINT to a separate migration"
                    )
                )
            default:
                continue
            }
        }
        return findings
    }
}
