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
        // The checks when the file's transaction began: a ROLLBACK takes back those added in it.
        var atBegin: NotNullChecks? = context.settings.assumeTransaction ? checks : nil
        var next = 0
        for item in context.tableActions {
            while next <= item.index {
                switch context.file.statements[next].kind {
                case .begin where atBegin == nil: atBegin = checks
                case .commit: atBegin = nil
                case .rollback:
                    checks = atBegin ?? checks
                    atBegin = nil
                default: break
                }
                next += 1
            }
            checks.record(item)
            if case .addConstraint(_, .primaryKey, _, true) = item.action.action,
                let finding = primaryKeyUsingIndex(item, context, checks)
            {
                findings.append(finding)
                continue
            }
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
                ? "on PostgreSQL \(context.settings.postgresName) keep the column nullable and enforce it "
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

    /// `ADD PRIMARY KEY USING INDEX i` sets NOT NULL on the index's columns, scanning the table under
    /// its ACCESS EXCLUSIVE lock unless they are NOT NULL already (checked on PostgreSQL 15: "verifying
    /// table"). Whether they are is not in the migrations the gate reads, so it is a warning, naming
    /// the columns when the file creates the index, and none when validated checks prove them all.
    private func primaryKeyUsingIndex(_ item: TableAction, _ context: RuleContext, _ checks: NotNullChecks) -> Finding?
    {
        guard let severity = context.lockSeverity(on: item.table, before: item.index) else { return nil }
        let source = context.file.source
        let words = context.file.statements[item.index].statement.tokens.filter { $0.kind != .punctuation }
        let using = words.indices.first { index in
            index + 2 < words.count && source.text(of: words[index]).lowercased() == "using"
                && source.text(of: words[index + 1]).lowercased() == "index"
        }
        let name = using.map { source.text(of: words[$0 + 2]).lowercased() }
        let keys = context.file.statements[..<item.index].last { statement in
            guard case .createIndex(let index?, let table, _, _) = statement.kind else { return false }
            return index == name && table == item.table
        }?.index?.keys
        if let keys, keys.allSatisfy({ checks.proves(item.table, column: $0) }), !context.settings.isBefore(12) {
            return nil
        }
        let columns =
            keys.map { "\(item.table.display) (\($0.joined(separator: ", ")))" }
            ?? "the columns of \(name ?? "the index")"
        return context.finding(
            self,
            min(severity, .warning),
            at: item.action.range,
            message: "PRIMARY KEY USING INDEX sets NOT NULL on \(columns): unless they are NOT NULL already, it scans "
                + "every row while all queries wait; \(context.sizeNote(item.table))",
            help: "make the columns NOT NULL first the safe way: add CHECK (column IS NOT NULL) NOT VALID, VALIDATE "
                + "it, then SET NOT NULL"
        )
    }
}
