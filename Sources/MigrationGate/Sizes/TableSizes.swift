/// The size of one table, as estimated by PostgreSQL or given in a file.
public struct TableSize: Sendable, Hashable, Codable {
    /// The estimated row count, when known.
    public var rows: Int?
    /// The total size in bytes (table, indexes and TOAST), when known.
    public var bytes: Int?

    /// Creates a size.
    public init(rows: Int?, bytes: Int?) {
        self.rows = rows
        self.bytes = bytes
    }
}

/// Table sizes keyed by schema-qualified name (`public` when none is written).
public struct TableSizes: Sendable, Hashable {
    /// The sizes by qualified name.
    public var tables: [String: TableSize]
    /// The table of each index, both qualified, so `DROP INDEX` and `REINDEX INDEX` know what they lock.
    public var indexes: [String: String]
    /// Whether sizes were given (`--table-sizes`, `--database-url`), even naming no table: a file of
    /// only its header was answered "pass --table-sizes".
    public var given = false

    /// Creates a set of sizes.
    public init(_ tables: [String: TableSize] = [:], indexes: [String: String] = [:]) {
        self.tables = tables
        self.indexes = indexes
    }

    /// The size of a table, when known: a name written without its schema is the largest table of
    /// that name in any schema (`sized(_:)`).
    public func size(of table: ObjectName) -> TableSize? { sized(table)?.size }

    /// The size of a table, with the qualified name it was found under. A migration may `SET
    /// search_path` to another schema and name its tables unqualified: the largest of that name in
    /// any schema is taken, `public` included, so a large table there is never judged as small or
    /// unknown (`SET search_path = billing` then `CREATE INDEX … ON invoices` took a 10-row
    /// `public.invoices` for the 5-million-row `billing.invoices` it locks).
    public func sized(_ table: ObjectName) -> (name: String, size: TableSize)? {
        guard table.schema == nil else { return tables[table.qualified].map { (table.qualified, $0) } }
        let suffix = "." + table.name
        return tables.filter { $0.key.hasSuffix(suffix) }
            .max {
                ($0.value.rows ?? 0, $0.value.bytes ?? 0, $1.key) < ($1.value.rows ?? 0, $1.value.bytes ?? 0, $0.key)
            }
            .map { ($0.key, $0.value) }
    }

    /// The table an index belongs to, when known.
    public func table(ofIndex index: ObjectName) -> ObjectName? {
        guard let qualified = indexes[index.qualified], let dot = qualified.firstIndex(of: ".") else { return nil }
        return ObjectName(schema: String(qualified[..<dot]), name: String(qualified[qualified.index(after: dot)...]))
    }

    /// Records a size under a name as written (`users`, `public.users`, `"Users"`).
    public mutating func set(_ name: String, _ size: TableSize) {
        tables[Self.key(for: name)] = size
    }

    /// The qualified key of a written name.
    /// Whether `written` names a table as SQL writes one: a name, or a schema and a name, each plain
    /// or double-quoted (`public."Big Table"`). `public.big table` is none: read as names, it was
    /// `big.table`, and its size went to no table without a word.
    public static func isTableName(_ written: String) -> Bool {
        let lexed = SQLLexer.tokens(of: written)
        guard lexed.problems.isEmpty else { return false }
        let bytes = Array(written.utf8)
        let kinds = lexed.tokens.map { token -> String in
            switch token.kind {
            case .word, .quotedIdentifier: "name"
            case .punctuation where bytes[token.start] == UInt8(ascii: "."): "."
            default: "other"
            }
        }
        return kinds == ["name"] || kinds == ["name", ".", "name"]
    }

    public static func key(for written: String) -> String {
        let lexed = SQLLexer.tokens(of: written)
        var parts: [String] = []
        let bytes = Array(written.utf8)
        for token in lexed.tokens {
            let text = String(decoding: bytes[token.start..<token.end], as: UTF8.self)
            switch token.kind {
            case .word: parts.append(text.lowercased())
            case .quotedIdentifier:
                parts.append(String(text.dropFirst().dropLast()).replacingOccurrences("\"\"", with: "\""))
            default: continue
            }
        }
        if parts.count >= 2 {
            return ObjectName(schema: parts[parts.count - 2], name: parts[parts.count - 1]).qualified
        }
        return ObjectName(name: parts.first ?? written).qualified
    }
}
