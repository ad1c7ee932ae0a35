/// An `UPDATE` in the transaction that altered a table: the `ALTER`'s lock is held until the
/// backfill commits.
public struct BackfillInTransaction: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "backfill-in-transaction" }
    /// One line on what it stops.
    public var summary: String {
        "an UPDATE in the transaction that altered a table keeps that table locked until the backfill commits"
    }
    /// The squawk rules it matches.
    public var squawkRules: [String] { [] }
    /// The long explanation.
    public var explanation: String {
        """
        ALTER TABLE takes an ACCESS EXCLUSIVE lock and holds it until its transaction ends. An UPDATE that \
        fills a column afterwards in the same transaction (a backfill) keeps that lock for as long as it \
        takes to write every row: on a large table, every query on the altered table waits that long. \
        Commit the ALTER first (a migration of its own, or COMMIT before the UPDATE), then backfill in \
        batches, each committed, outside the migration's transaction. The gate knows a statement is in a \
        transaction after BEGIN, or throughout the file with --assume-transaction.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        let statements = context.file.statements
        // The first table each transaction altered, with where: its lock is held to the transaction's end.
        var altered: [Int: (table: ObjectName, at: Int)] = [:]
        return statements.indices.compactMap { index in
            guard let transaction = context.states[index].transaction else { return nil }
            if case .alterTable(let table, _) = statements[index].kind, altered[transaction] == nil {
                altered[transaction] = (table, index)
            }
            guard case .update(let table) = statements[index].kind, let (lockedTable, at) = altered[transaction]
            else { return nil }
            let line = context.file.source.position(of: statements[at].range.start).line
            let which =
                lockedTable.qualified == table.qualified
                ? "the transaction that altered it (line \(line))"
                : "the transaction that altered \(lockedTable.display) (line \(line)), which stays locked meanwhile"
            return context.lockFinding(
                self,
                table: table,
                before: index,
                at: statements[index].range,
                message: "UPDATE of \(table.display) runs in \(which): every query on it waits until the backfill "
                    + "commits",
                help: "commit the ALTER first, then backfill in batches, each committed, outside the migration's "
                    + "transaction"
            )
        }
    }
}
