/// The types migrations gave columns (`CREATE TABLE`, `ADD COLUMN`, `ALTER COLUMN ... TYPE`), so a change
/// PostgreSQL makes in its catalog only (widening a `varchar`, a `varchar` to `text`) is told from one
/// that rewrites the table.
public struct ColumnTypes: Sendable, Hashable {
    /// Each table's (`schema.table`) columns, each to its type as the parser keeps it (`varchar ( 50 )`).
    public var types: [String: [String: String]] = [:]

    /// Creates an empty record.
    public init() {}

    /// The type migrations gave `column` of `table`, when they are known to have.
    public func type(of column: String, in table: ObjectName) -> String? {
        types[table.qualified]?[column]
    }

    /// Whether a file changes a column's type: the types earlier migrations gave are needed then.
    static func changesAType(_ file: MigrationFile) -> Bool {
        file.statements.contains { statement in
            guard case .alterTable(_, let actions) = statement.kind else { return false }
            return actions.contains { if case .alterColumnType = $0.action { true } else { false } }
        }
    }

    /// Takes one statement into account. A table created `IF NOT EXISTS` may be an older one, whose
    /// types are not known; one dropped or renamed takes its columns' types with it.
    public mutating func record(_ statement: StatementKind) {
        switch statement {
        case .createTable(let table, false, let columns):
            types[table.qualified] = Dictionary(columns.map { ($0.name, $0.typeName) }) { $1 }
        case .createTable(let table, true, _):
            types[table.qualified] = nil
        case .dropTable(let tables):
            for table in tables { types[table.qualified] = nil }
        case .alterTable(let table, let actions):
            for action in actions { record(action.action, on: table) }
        default:
            break
        }
    }

    private mutating func record(_ action: AlterAction, on table: ObjectName) {
        switch action {
        case .addColumn(let column):
            types[table.qualified, default: [:]][column.name] = column.typeName
        case .alterColumnType(let column, let type):
            types[table.qualified, default: [:]][column] = type.split(separator: " ").contains("using") ? nil : type
        case .dropColumn(let column):
            types[table.qualified]?[column] = nil
        case .renameColumn(let from, let to):
            let type = types[table.qualified]?.removeValue(forKey: from)
            types[table.qualified]?[to] = type
        case .renameTable, .setSchema:
            types[table.qualified] = nil
        default:
            break
        }
    }

    /// Whether PostgreSQL changes a column from type `old` to `new` in its catalog only, touching no
    /// row: a `varchar` made longer or unlimited, or `text`; `text` to an unlimited `varchar`; a
    /// `numeric` given more digits at the same scale, or no limit.
    /// The same type, under any of its names (`int` and `integer`), is no change at all.
    public static func isWidening(from old: String, to new: String) -> Bool {
        if canonical(old) == canonical(new) { return true }
        guard let old = Parsed(old), let new = Parsed(new) else { return false }
        switch (old.name, new.name) {
        case ("varchar", "varchar"), ("varchar", "text"), ("text", "varchar"), ("text", "text"):
            guard let newLength = new.numbers.first, new.name == "varchar" else { return true }
            guard let oldLength = old.numbers.first, old.name == "varchar" else { return false }
            return newLength >= oldLength
        case ("numeric", "numeric"):
            guard let newPrecision = new.numbers.first else { return true }
            guard let oldPrecision = old.numbers.first else { return false }
            let (oldScale, newScale) = (old.numbers.dropFirst().first ?? 0, new.numbers.dropFirst().first ?? 0)
            return newScale == oldScale && newPrecision >= oldPrecision
        default:
            return false
        }
    }

    /// A type as written, its built-in synonyms as one name (PostgreSQL's own).
    static func canonical(_ type: String) -> String {
        let text = type.split(separator: " ").joined(separator: " ").lowercased()
        return synonyms[text] ?? text
    }

    private static let synonyms = [
        "int": "integer", "int4": "integer", "int8": "bigint", "int2": "smallint", "bool": "boolean",
        "float8": "double precision", "float4": "real", "timestamptz": "timestamp with time zone",
        "timestamp without time zone": "timestamp", "timetz": "time with time zone", "time without time zone": "time",
        "decimal": "numeric", "character varying": "varchar",
    ]

    /// A type's name (its synonyms as one) and the numbers in its parentheses; `nil` for an array,
    /// a `USING` or anything after the parentheses.
    private struct Parsed {
        var name: String
        var numbers: [Int]

        init?(_ type: String) {
            let words = type.split(separator: " ").map(String.init)
            let head = words.prefix { $0 != "(" }
            let rest = words.dropFirst(head.count)
            guard rest.isEmpty || rest.last == ")", !rest.dropLast().contains(")") else { return nil }
            switch head.joined(separator: " ") {
            case "varchar", "character varying": name = "varchar"
            case "text": name = "text"
            case "numeric", "decimal": name = "numeric"
            default: return nil
            }
            numbers = rest.compactMap { Int($0) }
            guard rest.allSatisfy({ $0 == "(" || $0 == ")" || $0 == "," || Int($0) != nil }) else { return nil }
        }
    }
}

/// What the files before one set up, in the order they run: the `NOT NULL` checks they proved and the
/// types they gave columns.
public struct EarlierMigrations: Sendable, Hashable {
    /// The `CHECK (column IS NOT NULL)` constraints.
    public var notNullChecks = NotNullChecks()
    /// The columns' types.
    public var columnTypes = ColumnTypes()

    /// Nothing set up.
    public init() {}

    /// The record before each of `files`, in the order they run, after what migrations not checked
    /// set up (`known`: the types they gave columns, the checks they validated).
    public static func before(
        each files: [MigrationFile],
        known: EarlierMigrations = EarlierMigrations()
    ) -> [EarlierMigrations] {
        var current = known
        var result: [EarlierMigrations] = []
        result.reserveCapacity(files.count)
        for file in files {
            result.append(current)
            current.record(file)
        }
        return result
    }

    /// Takes in what one file sets up.
    public mutating func record(_ file: MigrationFile) {
        for item in RuleContext.tableActions(of: file) { notNullChecks.record(item) }
        for statement in file.statements { columnTypes.record(statement.kind) }
    }
}
