import Foundation
import GRDB
import GRDBSQLite
import OwnCore

/// Reading and writing the `loops` projection and the `events` rows behind it.
enum Projection {
    static func load(_ db: Database, key: String) throws -> Loop? {
        // Cached: an import asks once for every loop it touches.
        let statement = try db.cachedStatement(sql: "SELECT body FROM loops WHERE key = ?")
        guard let body = try String.fetchOne(statement, arguments: [key]) else { return nil }
        return try decode(body, path: db.configuration.label ?? "ledger")
    }

    static func decode(_ body: String, path: String, reading: Loop.Reading = .whole) throws -> Loop {
        guard let loop = Loop(storageJSON: body, reading: reading) else { throw LedgerError.notALedger(path: path) }
        return loop
    }

    /// The same from a body's bytes where SQLite holds them (`forEachBody`).
    static func decode(_ body: UnsafeBufferPointer<UInt8>, path: String, reading: Loop.Reading) throws -> Loop {
        guard let loop = Loop(storageJSON: body, reading: reading) else { throw LedgerError.notALedger(path: path) }
        return loop
    }

    /// Runs a query whose first column is a loop's body and gives `read` each body's UTF-8 bytes
    /// where SQLite holds them, valid until `read` returns: no string is made of a body that is
    /// decoded once and dropped (a list reads hundreds).
    static func forEachBody(
        _ db: Database,
        sql: String,
        arguments: StatementArguments,
        _ read: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let statement = try db.makeStatement(sql: sql)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        let handle = statement.sqliteStatement
        while try rows.next() != nil {
            // Text, so SQLite gives it as UTF-8 whatever it stores (a NULL body is no loop).
            let start = sqlite3_column_text(handle, 0)
            let count = Int(sqlite3_column_bytes(handle, 0))
            try read(UnsafeBufferPointer(start: start, count: start == nil ? 0 : count))
        }
    }

    /// The loops with an event after `instant`, which a read as of it folds again (as of now, none).
    /// Read with SQLite's own calls: the request `Row.fetchAll` builds cost more than its query.
    static func changed(after instant: Date, _ db: Database) throws -> [(number: Int, key: String)] {
        let statement = try db.makeStatement(sql: "SELECT number, key FROM loops WHERE changed > ?")
        let rows = try Row.fetchCursor(statement, arguments: [instant.timeIntervalSince1970])
        let handle = statement.sqliteStatement
        var loops: [(number: Int, key: String)] = []
        while try rows.next() != nil {
            let key = sqlite3_column_text(handle, 1).map { String(cString: $0) } ?? ""
            loops.append((Int(sqlite3_column_int64(handle, 0)), key))
        }
        return loops
    }

    static func decodeEvent(_ line: String, path: String) throws -> Event {
        do {
            // The ledger checked every field when it stored the line.
            return try Event(jsonLine: line, checkingFields: false, makeID: { "" })
        } catch {
            throw LedgerError.notALedger(path: path)
        }
    }

    /// Whether an event appended to a loop folds after every event it has (`Event.foldsBefore`), so
    /// applying it to the projection is the fold. At the loop's last instant that is decided by id
    /// (ids `own` makes sort in the order they were recorded, so it usually does), not by arrival.
    static func foldsLast(_ db: Database, _ event: Event, after loop: Loop, batch: [Event]) throws -> Bool {
        if event.at != loop.lastEventAt { return event.at > loop.lastEventAt }
        if event.type == .created { return false }
        let stored = try String.fetchOne(
            db,
            sql: "SELECT max(id) FROM events WHERE loop = ? AND at = ?",
            arguments: [event.loop, event.at.timeIntervalSince1970]
        )
        let earlier = batch.prefix { $0.id != event.id }.filter { $0.at == event.at }.map(\.id)
        return ([stored].compactMap { $0 } + earlier).allSatisfy { $0 < event.id }
    }

    /// Refolds a loop from every event the ledger holds for it, in time order; `through`: only from
    /// the events stored up to that seq (an import's rows stored ahead of their turn are left out).
    static func refold(_ db: Database, key: String, through: Int = .max) throws -> Loop? {
        let lines = try String.fetchAll(
            db,
            sql: "SELECT line FROM events WHERE loop = ? AND seq <= ? ORDER BY at, seq",
            arguments: [key, through]
        )
        let number = try Int.fetchOne(db, sql: "SELECT number FROM loops WHERE key = ?", arguments: [key])
        // The one fold order (`Event.foldsBefore`): the same as the team server's and every ledger's.
        var loop = Loop.fold(Event.inFoldOrder(try lines.map { try decodeEvent($0, path: "ledger") }))
        loop?.number = number ?? 0
        return loop
    }

    static func insertEvents(_ db: Database, _ events: [Event]) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO events (id, loop, at, line) VALUES (?, ?, ?, ?)")
        for event in events {
            try statement.execute(arguments: [event.id, event.loop, event.at.timeIntervalSince1970, event.jsonLine])
        }
    }

    /// Writes a loop's projection row; a new loop gets the next number.
    static func save(_ db: Database, _ loop: inout Loop, isNew: Bool) throws {
        if isNew {
            loop.number = (try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(number), 0) + 1 FROM loops")) ?? 1
        }
        try write(db, loop)
    }

    /// Inserts or replaces the row of a loop whose number is set. Events under the reserved keys of
    /// facts about people (`Event.personalKeys`: time off, declines) are no loop and get no row.
    /// Bound with SQLite's own calls: GRDB's arguments box each value, and an import writes a
    /// hundred thousand rows.
    static func write(_ db: Database, _ loop: Loop) throws {
        try write(loop, with: loopWriter(db))
    }

    /// The statement `write` runs. An import prepares it once for its hundred thousand rows: found in
    /// GRDB's cache of statements, its text was hashed for each. Not `replacing`, for a loop known to
    /// have no row yet, it is a plain INSERT.
    static func loopWriter(_ db: Database, replacing: Bool = true) throws -> Statement {
        try db.cachedStatement(
            sql: """
                INSERT\(replacing ? " OR REPLACE" : "") INTO loops
                (number, key, owner, state, kind, stakes, due, changed, done, settled, body, delegatedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
    }

    /// `write` with its statement (`loopWriter`).
    static func write(_ loop: Loop, with statement: Statement) throws {
        guard !Event.personalKeys.contains(loop.key) else { return }
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        func optional(_ index: Int32, _ value: Double?) {
            if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        }
        sqlite3_bind_int64(handle, 1, Int64(loop.number))
        optional(7, loop.due.map(sortableDeadline))
        sqlite3_bind_double(handle, 8, loop.lastEventAt.timeIntervalSince1970)
        optional(9, loop.doneAt?.timeIntervalSince1970)
        sqlite3_bind_int(handle, 10, loop.isSettled ? 1 : 0)
        // Each text bound where its string keeps it; the body, written for the row, as made.
        let body = loop.storageJSON
        func text(_ index: Int32, _ text: String?, _ then: () -> Int32) -> Int32 {
            TextBinding.with(handle, index, text, then)
        }
        let code = text(2, loop.key) {
            text(3, loop.owner) {
                text(4, loop.state.rawValue) {
                    text(5, loop.kind.rawValue) {
                        text(6, loop.stakes.rawValue) {
                            text(11, body) { text(12, loop.delegatedBy) { sqlite3_step(handle) } }
                        }
                    }
                }
            }
        }
        // The texts' bytes go when the closures return: nothing bound may outlive them.
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    /// A due date as one number for filtering and sorting: a due day ends at midnight UTC after it.
    /// The doctor judges the exact deadline on the owner's calendar; this only orders.
    static func sortableDeadline(_ due: Due) -> Double {
        due.deadline(in: utc).timeIntervalSince1970
    }

    private static let utc = TimeZone.gmt
}
