public import FoundationEssentials
import OwnCore

/// One row of the sizes JSON that `own gate stats` writes.
public struct TableSizeEntry: Sendable, Hashable, Codable {
    /// The schema-qualified table name.
    public var table: String
    /// The estimated row count; `null` when PostgreSQL has no estimate yet.
    public var rows: Int?
    /// The total size in bytes.
    public var bytes: Int?

    /// Creates an entry.
    public init(table: String, rows: Int?, bytes: Int?) {
        self.table = table
        self.rows = rows
        self.bytes = bytes
    }
}

/// One index and its table in the sizes JSON.
public struct IndexEntry: Sendable, Hashable, Codable {
    /// The schema-qualified index name.
    public var index: String
    /// The schema-qualified table name.
    public var table: String

    /// Creates an entry.
    public init(index: String, table: String) {
        self.index = index
        self.table = table
    }
}

/// The sizes JSON document: `{"tables": [{"table": "public.users", "rows": 1200, "bytes": 98304}],
/// "indexes": [{"index": "public.users_pkey", "table": "public.users"}]}`; `indexes` is optional.
public struct TableSizesDocument: Sendable, Hashable, Codable {
    /// Every table.
    public var tables: [TableSizeEntry]
    /// Every index with its table.
    public var indexes: [IndexEntry]?

    /// Creates a document.
    public init(tables: [TableSizeEntry], indexes: [IndexEntry]? = nil) {
        self.tables = tables
        self.indexes = indexes
    }
}

extension TableSizes {
    /// Reads sizes from CSV (`table,rows,bytes`) or the JSON `own gate stats` writes, chosen by content.
    public static func parse(_ text: String, path: String) throws(GateError) -> TableSizes {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" || trimmed.first == "[" { return try parseJSON(text, path: path) }
        return try parseCSV(text, path: path)
    }

    /// Reads the JSON document (or a bare array of entries).
    public static func parseJSON(_ text: String, path: String) throws(GateError) -> TableSizes {
        let data = Data(text.utf8)
        let document: TableSizesDocument
        do {
            if text.drop(while: { $0.isWhitespace }).first == "[" {
                document = TableSizesDocument(tables: try JSONDecoder().decode([TableSizeEntry].self, from: data))
            } else {
                document = try JSONDecoder().decode(TableSizesDocument.self, from: data)
            }
        } catch {
            throw .badSizes(path: path, reason: "it is not the expected JSON")
        }
        var sizes = TableSizes()
        var seen: [String: String] = [:]
        for entry in document.tables {
            guard isTableName(entry.table) else { throw .badSizes(path: path, reason: notATable(entry.table)) }
            if let first = seen.updateValue(entry.table, forKey: key(for: entry.table)) {
                throw .badSizes(path: path, reason: twice(entry.table, first))
            }
            sizes.set(entry.table, TableSize(rows: known(entry.rows), bytes: known(entry.bytes)))
        }
        for entry in document.indexes ?? [] { sizes.indexes[key(for: entry.index)] = key(for: entry.table) }
        return sizes
    }

    /// A count as known: a negative one is not (PostgreSQL 14 and later keep -1 rows for a table
    /// never analyzed), so the table's size is unknown rather than small.
    static func known(_ count: Int?) -> Int? {
        count.flatMap { $0 < 0 ? nil : $0 }
    }

    /// Reads CSV with the header `table,rows,bytes`; `bytes` (and `rows`) may be empty.
    public static func parseCSV(_ text: String, path: String) throws(GateError) -> TableSizes {
        // A byte-order mark (a spreadsheet's "CSV UTF-8" writes one) is no part of the header.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmedWhitespace() }.filter {
            !$0.isEmpty
        }
        guard let header = lines.first else { throw .badSizes(path: path, reason: "it is empty") }
        let columns = fields(header).map { $0.lowercased() }
        guard let tableColumn = columns.firstIndex(of: "table"), let rowsColumn = columns.firstIndex(of: "rows") else {
            throw .badSizes(path: path, reason: "the header must name the columns table and rows")
        }
        let bytesColumn = columns.firstIndex(of: "bytes")
        lines.removeFirst()
        var sizes = TableSizes()
        var seen: [String: (line: Int, name: String)] = [:]
        for (number, line) in lines.enumerated() {
            let values = fields(line)
            func value(_ column: Int?) throws(GateError) -> Int? {
                guard let column, column < values.count, !values[column].isEmpty else { return nil }
                guard let number = Int(values[column].filter { $0 != "_" }) else {
                    throw .badSizes(path: path, reason: "line \(number + 2): \(values[column]) is not a whole number")
                }
                return known(number)
            }
            guard tableColumn < values.count, !values[tableColumn].isEmpty else {
                throw .badSizes(path: path, reason: "line \(number + 2) has no table name")
            }
            let name = values[tableColumn]
            guard isTableName(name) else {
                throw .badSizes(path: path, reason: "line \(number + 2): " + notATable(name))
            }
            if let first = seen.updateValue((number + 2, name), forKey: key(for: name)) {
                throw .badSizes(
                    path: path,
                    reason: "line \(number + 2): " + twice(name, "\(first.name) on line \(first.line)")
                )
            }
            sizes.set(name, TableSize(rows: try value(rowsColumn), bytes: try value(bytesColumn)))
        }
        return sizes
    }

    /// The reason for a table given twice (`Users` and `users` unquoted, `users` and `public.users`):
    /// one of the sizes would be taken silently, the smaller perhaps, and a rule that needs a large
    /// table would pass.
    static func twice(_ name: String, _ first: String) -> String {
        "\(name) is listed twice (also as \(first)); give each table once"
    }

    /// Splits one CSV line, honouring double quotes.
    static func fields(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            current.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "," {
                result.append(current.trimmedWhitespace())
                current = ""
            } else if c == "\"" && current.isEmpty {
                quoted = true
            } else {
                current.append(c)
            }
        }
        result.append(current.trimmedWhitespace())
        return result
    }

    /// The JSON document for these sizes, sorted by table: names written as SQL writes them (so
    /// reading them back keeps their case), and `null` for a count or size that is not known.
    public func jsonDocument() -> String {
        let rows: [JSONValue] = tables.keys.sorted().map { table in
            let size = tables[table]
            return .object([
                "table": .string(Self.written(table)),
                "rows": size?.rows.map { .number(Double($0)) } ?? .null,
                "bytes": size?.bytes.map { .number(Double($0)) } ?? .null,
            ])
        }
        var document: [String: JSONValue] = ["tables": .array(rows)]
        if !indexes.isEmpty {
            document["indexes"] = .array(
                indexes.keys.sorted().map {
                    .object(["index": .string(Self.written($0)), "table": .string(Self.written(indexes[$0] ?? ""))])
                }
            )
        }
        return JSONWriter.pretty(.object(document))
    }

    /// Why a name given a size names no table, and how to write one with spaces or capitals.
    static func notATable(_ name: String) -> String {
        "\(name) is not a table name: quote one with spaces or capitals as SQL does (public.\"Big Table\")"
    }

    /// A qualified key (`public.Users`) as SQL writes it (`public."Users"`): `key(for:)` of the result
    /// is the key again. A part is quoted unless it is a plain lower-case identifier.
    static func written(_ key: String) -> String {
        guard let dot = key.firstIndex(of: ".") else { return quotedIfNeeded(key) }
        return quotedIfNeeded(String(key[..<dot])) + "." + quotedIfNeeded(String(key[key.index(after: dot)...]))
    }

    private static func quotedIfNeeded(_ part: String) -> String {
        let plain =
            part.first.map { $0 == "_" || ("a"..."z").contains($0) } == true
            && part.allSatisfy { $0 == "_" || $0 == "$" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        return plain ? part : "\"" + part.replacingOccurrences("\"", with: "\"\"") + "\""
    }
}
