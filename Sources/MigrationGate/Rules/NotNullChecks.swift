/// The `CHECK (column IS NOT NULL)` constraints migrations have added, so `SET NOT NULL` after the safe
/// recipe (add the check NOT VALID, validate it, then set NOT NULL: PostgreSQL 12 and later skip the scan)
/// is not reported, whether the steps share a file or span several files of one run.
public struct NotNullChecks: Sendable, Hashable {
    /// Columns (`schema.table.column`) a validated check proves hold no NULL.
    public var proven: Set<String> = []
    /// Checks added NOT VALID and not yet validated: `schema.table.constraint` to the column.
    public var pending: [String: String] = [:]

    /// Creates an empty record.
    public init() {}

    /// The key of a column of a table.
    static func key(_ table: ObjectName, _ name: String) -> String { "\(table.qualified).\(name)" }

    /// Whether a validated check proves `column` of `table` holds no NULL.
    public func proves(_ table: ObjectName, column: String) -> Bool { proven.contains(Self.key(table, column)) }

    /// Takes one `ALTER TABLE` action into account.
    public mutating func record(_ item: TableAction) {
        switch item.action.action {
        case .addConstraint(let name, .check, let notValid, _):
            guard let column = item.action.constraint?.notNullColumn else { return }
            if !notValid {
                proven.insert(Self.key(item.table, column))
            } else if let name {
                pending[Self.key(item.table, name)] = column
            }
        case .validateConstraint(let name):
            if let column = pending.removeValue(forKey: Self.key(item.table, name)) {
                proven.insert(Self.key(item.table, column))
            }
        case .dropConstraint(let name):
            pending[Self.key(item.table, name)] = nil
        default:
            break
        }
    }

    /// The record before each of `files`, in the order they run.
    public static func before(each files: [MigrationFile]) -> [NotNullChecks] {
        var current = NotNullChecks()
        var result: [NotNullChecks] = []
        result.reserveCapacity(files.count)
        for file in files {
            result.append(current)
            for item in RuleContext.tableActions(of: file) { current.record(item) }
        }
        return result
    }
}
