/// The `CHECK (column IS NOT NULL)` constraints migrations have added, so `SET NOT NULL` after the safe
/// recipe (add the check NOT VALID, validate it, then set NOT NULL: PostgreSQL 12 and later skip the scan)
/// is not reported, whether the steps share a file or span several files of one run.
public struct NotNullChecks: Sendable, Hashable {
    /// Whether a file sets a column NOT NULL: then the checks the migrations before it validated
    /// are read, whether or not they are in the run (with `--base`, they are not).
    static func setsNotNull(_ file: MigrationFile) -> Bool {
        RuleContext.tableActions(of: file).contains { if case .setNotNull = $0.action.action { true } else { false } }
    }

    /// Validated checks, `schema.table.constraint` to the columns (`schema.table.column`) each
    /// proves hold no NULL. Dropping the check takes its proof away.
    public var proven: [String: [String]] = [:]
    /// Checks added NOT VALID and not yet validated: `schema.table.constraint` to the columns.
    public var pending: [String: [String]] = [:]

    /// Creates an empty record.
    public init() {}

    /// The key of a column of a table.
    static func key(_ table: ObjectName, _ name: String) -> String { "\(table.qualified).\(name)" }

    /// Whether a validated check proves `column` of `table` holds no NULL.
    public func proves(_ table: ObjectName, column: String) -> Bool {
        proven.values.contains { $0.contains(Self.key(table, column)) }
    }

    /// Takes one `ALTER TABLE` action into account.
    public mutating func record(_ item: TableAction) {
        switch item.action.action {
        case .addConstraint(let name, .check, let notValid, _):
            guard let columns = item.action.constraint?.notNullColumns, let column = columns.first else { return }
            // Unnamed, PostgreSQL names a check on one column `table_column_check`, on more `table_check`.
            let unnamed = columns.count == 1 ? "\(item.table.name)_\(column)_check" : "\(item.table.name)_check"
            let constraint = Self.key(item.table, name ?? unnamed)
            let keys = columns.map { Self.key(item.table, $0) }
            if !notValid {
                proven[constraint] = keys
            } else {
                pending[constraint] = keys
            }
        case .validateConstraint(let name):
            let constraint = Self.key(item.table, name)
            if let keys = pending.removeValue(forKey: constraint) {
                proven[constraint] = keys
            }
        case .dropConstraint(let name):
            pending[Self.key(item.table, name)] = nil
            proven[Self.key(item.table, name)] = nil
        case .renameConstraint(let from, let to):
            // The same check under its new name: VALIDATE and DROP name it so from here.
            let old = Self.key(item.table, from)
            let new = Self.key(item.table, to)
            if let keys = proven.removeValue(forKey: old) { proven[new] = keys }
            if let keys = pending.removeValue(forKey: old) { pending[new] = keys }
        case .renameColumn(let from, let to):
            // The check goes with its column: it proves the column under its new name.
            let old = Self.key(item.table, from)
            let new = Self.key(item.table, to)
            proven = proven.mapValues { $0.map { $0 == old ? new : $0 } }
            pending = pending.mapValues { $0.map { $0 == old ? new : $0 } }
        default:
            break
        }
    }
}
