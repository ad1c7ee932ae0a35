/// `SET NOT NULL` scans the whole table under an `ACCESS EXCLUSIVE` lock.
public struct SetNotNull: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "set-not-null" }
    /// One line on what it stops.
    public var summary: String { "ALTER COLUMN ... SET NOT NULL scans the table while blocking all queries" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["adding-not-nullable-field"] }
    /// The long explanation.
    public var explanation: String {
        """
        SET NOT NULL takes an ACCESS EXCLUSIVE lock and reads every row to prove there is no NULL. On \
        PostgreSQL 12 and later, first add CHECK (column IS NOT NULL) NOT VALID, validate it in another \
        migration, then SET NOT NULL (which uses the validated check and skips the scan) and drop the check. \
        A SET NOT NULL after such a validated check, earlier in the file or in any migration before it \
        (checked in the same run or not, as with --base), is not reported, unless --postgres-version is \
        below 12 (where the scan happens anyway).
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        var checks = context.earlier.notNullChecks
        var findings: [Finding] = []
        for item in context.tableActions {
            checks.record(item)
            guard case .setNotNull(let column) = item.action.action else { continue }
            let proven = checks.proves(item.table, column: column)
            if proven && !context.settings.isBefore(12) { continue }
            let message =
                proven
                ? "SET NOT NULL on \(item.table.display).\(column) scans every row while all queries wait: before "
                    + "PostgreSQL 12 it does not use the validated CHECK"
                : "SET NOT NULL on \(item.table.display).\(column) scans every row while all queries wait"
            let help =
                context.settings.isBefore(12)
                ? "on PostgreSQL \(context.settings.postgresVersion ?? 0) keep the column nullable and enforce it "
                    + "with a validated CHECK (\(column) IS NOT NULL) until you upgrade to 12 or later"
                : "add CHECK (\(column) IS NOT NULL) NOT VALID, VALIDATE it in a later migration, then SET NOT NULL"
            if let finding = context.lockFinding(
                self,
                table: item.table,
                before: item.index,
                at: item.action.range,
                message: message,
                help: help
            ) {
                findings.append(finding)
            }
        }
        return findings
    }
}
