import Foundation
import GRDB
import GRDBSQLite
import OwnCore

/// The import's inserts of event rows, `Importer.rowsPerInsert` at a time, with SQLite's own binding
/// calls: GRDB's arguments box each value, and an import of a million events paid about a second for
/// them. A row whose id is stored already is skipped (the unique id makes a re-import a no-op).
struct EventInserts {
    private let full: Statement
    private let one: Statement
    private let seq: Statement

    init(_ db: Database) throws {
        let row = "(?, ?, ?, ?)"
        let rows = Array(repeating: row, count: Importer.rowsPerInsert).joined(separator: ", ")
        full = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO events (id, loop, at, line) VALUES \(rows)"
        )
        one = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO events (id, loop, at, line) VALUES \(row)"
        )
        seq = try db.makeStatement(sql: "SELECT seq FROM events WHERE id = ?")
    }

    /// Which rows have been added, bit by bit (`rows` holds at most 64): the events are inserted in
    /// order, those added taking the seqs after `last` in turn.
    func insert(_ rows: UnsafeBufferPointer<ImportedEvent>, after last: Int) throws -> Added {
        precondition(rows.count <= 64)
        guard rows.count == Importer.rowsPerInsert else {
            // The file's last few rows, one at a time.
            var added = Added(bits: 0)
            for index in rows.indices where try Self.step(one, rows, from: index, to: index + 1) == 1 {
                added.bits |= 1 << UInt64(index)
            }
            return added
        }
        if try Self.step(full, rows, from: 0, to: rows.count) == rows.count { return Added(all: rows.count) }
        // Some were stored already (in the ledger, or earlier in the file): each row added holds
        // its id under a seq after `last`, and a second row with the same id was skipped.
        var added = Added(bits: 0)
        var claimed: Set<Int> = []
        for index in rows.indices {
            guard let stored = try Int.fetchOne(seq, arguments: [rows[index].event.id]) else { continue }
            if stored > last, claimed.insert(stored).inserted { added.bits |= 1 << UInt64(index) }
        }
        return added
    }

    /// Rows added by one insert, a bit each.
    struct Added {
        var bits: UInt64
        init(bits: UInt64) { self.bits = bits }
        init(all count: Int) { bits = count == 64 ? .max : (1 << UInt64(count)) - 1 }
        subscript(index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
    }

    /// Binds `rows[start..<end]` to the statement's parameters in order and runs it; the rows it added.
    private static func step(
        _ statement: Statement,
        _ rows: UnsafeBufferPointer<ImportedEvent>,
        from start: Int,
        to end: Int
    ) throws -> Int {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let code = bind(handle, rows, start, end, parameter: 1)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    /// Binds the row at `index` where its strings hold their bytes, then the rest, then steps: each
    /// string's bytes are valid only inside its closure, so the step runs inside them all.
    private static func bind(
        _ handle: SQLiteStatement,
        _ rows: UnsafeBufferPointer<ImportedEvent>,
        _ index: Int,
        _ end: Int,
        parameter: Int32
    ) -> Int32 {
        guard index < end else {
            let code = sqlite3_step(handle)
            // The bytes go when the closures return: nothing bound may outlive them.
            sqlite3_clear_bindings(handle)
            return code
        }
        // Read in place: a copy of the row retained each of its strings and its fields, on the
        // thread that did not make them (measured: 4% of this thread's time).
        var (id, loop) = (rows[index].event.id, rows[index].event.loop)
        var line = rows[index].text ?? rows[index].event.jsonLine
        return id.withUTF8 { id in
            loop.withUTF8 { loop in
                line.withUTF8 { line in
                    TextBinding.bind(handle, parameter, id)
                    TextBinding.bind(handle, parameter + 1, loop)
                    sqlite3_bind_double(handle, parameter + 2, rows[index].event.at.timeIntervalSince1970)
                    TextBinding.bind(handle, parameter + 3, line)
                    return bind(handle, rows, index + 1, end, parameter: parameter + 4)
                }
            }
        }
    }
}
