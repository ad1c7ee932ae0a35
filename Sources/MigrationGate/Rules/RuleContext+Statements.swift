/// One `ALTER TABLE` action with the statement it belongs to.
public struct TableAction: Sendable {
    /// The statement's index in the file.
    public var index: Int
    /// The altered table.
    public var table: ObjectName
    /// The action and its range.
    public var action: LocatedAction
}

extension RuleContext {
    /// Every `ALTER TABLE` action in the file, in order.
    static func tableActions(of file: MigrationFile) -> [TableAction] {
        var result: [TableAction] = []
        for (index, statement) in file.statements.enumerated() {
            if case .alterTable(let table, let actions) = statement.kind {
                for action in actions { result.append(TableAction(index: index, table: table, action: action)) }
            }
        }
        return result
    }

    /// A finding for a heavy lock on `table`, at the severity its size deserves, or `nil` when the table is
    /// new in this file or known to be small.
    /// A constraint (`what`: "constraint", "foreign key") added NOT VALID and validated by the same
    /// ALTER TABLE: one lock held through the scan, judged as a validated add is (by the table's size).
    func validatedWhereAdded(_ rule: some Rule, _ what: String, name: String, _ item: TableAction) -> Finding? {
        lockFinding(
            rule,
            table: item.table,
            before: item.index,
            at: item.action.range,
            message: "\(what) \(name) is added NOT VALID and validated in the same statement: it checks "
                + "every row of \(item.table.display) under the lock that adds it",
            help: "run VALIDATE CONSTRAINT in a separate migration"
        )
    }

    public func lockFinding(
        _ rule: some Rule,
        table: ObjectName,
        before index: Int,
        at range: SourceRange,
        message: String,
        help: String
    ) -> Finding? {
        guard let severity = lockSeverity(on: table, before: index) else { return nil }
        // A table renamed earlier in the file is sized by its name before.
        let sized = states[index].renamedFrom[table.qualified].map { "\(sizeNote($0)) (as \($0.display))" }
        return finding(rule, severity, at: range, message: "\(message); \(sized ?? sizeNote(table))", help: help)
    }
}
