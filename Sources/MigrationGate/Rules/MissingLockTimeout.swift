/// A heavy lock taken without `lock_timeout` can queue every query behind a long transaction.
public struct MissingLockTimeout: Rule {
    /// Creates the rule.
    public init() {}
    /// The rule's name.
    public var name: String { "missing-lock-timeout" }
    /// One line on what it stops.
    public var summary: String { "a heavy lock is taken with no SET lock_timeout before it" }
    /// The squawk rules it matches.
    public var squawkRules: [String] { ["require-lock-timeout"] }
    /// The long explanation.
    public var explanation: String {
        """
        A statement that needs an ACCESS EXCLUSIVE or SHARE lock waits behind any open transaction on the \
        table, and every query that arrives afterwards waits behind it: a brief migration becomes an outage. \
        SET lock_timeout (for example '2s') first, so the migration fails fast and can be retried. Reported \
        once per file, at the first heavy statement on a table not created in the same file.
        """
    }

    /// Checks one file.
    public func check(_ context: RuleContext) -> [Finding] {
        for (index, statement) in context.file.statements.enumerated() {
            let state = context.states[index]
            if state.lockTimeoutSet { return [] }
            guard let table = heavyLockTable(statement.kind, state) else { continue }
            return [
                context.finding(
                    self,
                    .warning,
                    at: statement.range,
                    message: "this statement locks \(table) with no lock_timeout set before it",
                    help: "start the migration with SET lock_timeout = '2s' (and retry on timeout)"
                )
            ]
        }
        return []
    }

    private func heavyLockTable(_ kind: StatementKind, _ state: StatementState) -> String? {
        func existing(_ name: ObjectName) -> String? {
            state.createdTables.contains(name.qualified) ? nil : name.display
        }
        switch kind {
        case .alterTable(let table, let actions):
            let light = actions.allSatisfy {
                if case .validateConstraint = $0.action { return true }
                return false
            }
            return light ? nil : existing(table)
        case .createIndex(_, let table, _, false): return existing(table)
        case .dropIndex(let names, false):
            return names.first { !state.createdIndexes.contains($0.qualified) }?.display
        case .dropTable(let names): return names.lazy.compactMap(existing).first
        case .truncate(let names, _): return names.lazy.compactMap(existing).first
        case .vacuum(true, let tables): return tables.first.flatMap(existing) ?? "every table"
        case .cluster(let table): return table.flatMap(existing) ?? "every clustered table"
        case .reindex(_, let name, false): return name?.display ?? "the indexes"
        default: return nil
        }
    }
}
