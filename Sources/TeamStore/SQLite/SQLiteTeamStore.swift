public import Foundation
import GRDB
public import OwnCore
public import OwnStore

/// The embedded team store: one SQLite file in WAL mode, read by a pool of connections while one
/// writes. Each team's events are rows keyed by (team, seq); its loops a projection keyed by
/// (team, key), written in the same transaction as the events.
public struct SQLiteTeamStore: TeamStore {
    /// Where the file is.
    public let path: String
    /// A file on this machine: no read waits on a connection.
    public var readsOverNetwork: Bool { false }
    let pool: DatabasePool
    /// Checkpoints the write-ahead log in the background, not in the commit that fills it.
    let checkpointer: Checkpointer

    /// Opens (creating when absent) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        try self.init(path: path, checkpointer: Checkpointer(path: path))
    }

    /// The same with the checkpointer given (tests give one with a smaller log).
    init(path: String, checkpointer: Checkpointer) throws {
        self.path = path
        self.checkpointer = checkpointer
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = 8
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -64000")
            checkpointer.install(on: db)
        }
        configuration.label = "own-server"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = TeamSchema.migrator
            try pool.read { db in
                let applicationID = try Int.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                // A personal ledger ("own1"), in the same folder, read as a newer store.
                if applicationID == SQLiteLedger.applicationID {
                    throw TeamStoreError.cannotOpen(
                        location: path,
                        reason:
                            "it is a personal ledger (`own --db` takes it), not the server's store; nothing was changed"
                    )
                }
                // Another program's database: its tables are left alone, not joined by the server's.
                // (Another GRDB program's has migrations of its own, not the store's first; one made
                // this moment by another command has none yet.)
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                let applied =
                    try db.tableExists("grdb_migrations")
                    ? String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : nil
                let ours = applied.map { $0.isEmpty || migrator.migrations.first.map($0.contains) == true } ?? false
                let foreign = applicationID == 0 && !ours && tables > 0
                if foreign || (applicationID != 0 && applicationID != TeamSchema.applicationID) {
                    throw TeamStoreError.cannotOpen(
                        location: path,
                        reason: "it is not an own-server store (another program's database?); nothing was changed"
                    )
                }
                if try migrator.hasBeenSuperseded(db) { throw TeamStoreError.newerSchema(location: path) }
            }
            try migrator.migrate(pool)
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(TeamSchema.applicationID)")
            }
        } catch let error as TeamStoreError {
            throw error
        } catch let error as DatabaseError {
            throw TeamStoreError.cannotOpen(location: path, reason: Self.reason(error, path: path))
        }
    }

    private func reason(_ error: DatabaseError) -> String { Self.reason(error, path: path) }

    private static func reason(_ error: DatabaseError, path: String) -> String {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: "the database stayed busy past the wait; nothing was written, try again"
        case .SQLITE_READONLY:
            SQLiteLedger.unwritableSideFile(of: path).map {
                "\($0), SQLite's file beside it, is read-only for this user; make it writable too (chmod u+w \($0))"
            } ?? "the file is read-only for this user"
        case .SQLITE_FULL: "the disk is full; nothing was written"
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: "it is not an own-server store (or it is damaged)"
        case .SQLITE_CANTOPEN: SQLiteLedger.cannotOpenReason(of: path)
        default: error.message ?? "SQLite error \(error.resultCode)"
        }
    }

    /// Runs a store operation, turning SQLite's errors into `TeamStoreError`s and letting a
    /// caller's own refusal through unchanged.
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError {
            throw TeamStoreError.storage(reason: reason(error))
        }
    }

    // MARK: Teams

    public func addTeam(_ name: String, at: Date) async throws -> Team {
        guard Team.isValidName(name) else { throw TeamStoreError.invalidTeamName(name) }
        return try await guarded {
            try await pool.write { db in
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM teams WHERE name = ?", arguments: [name]) != nil {
                    throw TeamStoreError.teamExists(name)
                }
                try db.execute(
                    sql: "INSERT INTO teams (name, created) VALUES (?, ?)",
                    arguments: [name, at.timeIntervalSince1970]
                )
                return Team(name: name, createdAt: at)
            }
        }
    }

    public func teams() async throws -> [Team] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(db, sql: "SELECT name, created FROM teams ORDER BY name").map { row in
                    Team(name: row[0], createdAt: Date(timeIntervalSince1970: row[1]))
                }
            }
        }
    }

    // MARK: Tokens

    public func addToken(_ token: NewToken) async throws -> TokenRecord {
        try await guarded {
            try await pool.write { db in
                let record = token.record
                try Self.requireTeam(db, record.team)
                try db.execute(
                    sql: "INSERT INTO tokens (id, hash, team, person, role, created) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [
                        record.id, token.hash, record.team, record.person, record.role.rawValue,
                        record.createdAt.timeIntervalSince1970,
                    ]
                )
                return record
            }
        }
    }

    private static let tokenColumns = "id, team, person, role, created, revoked"

    private static func tokenRecord(_ row: Row) -> TokenRecord {
        TokenRecord(
            id: row[0],
            team: row[1],
            person: row[2],
            role: Role(rawValue: row[3]) ?? .reader,
            createdAt: Date(timeIntervalSince1970: row[4]),
            revokedAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }

    public func tokens(team: String?) async throws -> [TokenRecord] {
        try await rows(Self.tokenColumns, of: "tokens", team: team, order: "created, id").map(Self.tokenRecord)
    }

    /// The rows of a table that has a `team` column: one team's, or every team's when `team` is nil.
    /// `table`, `columns` and `order` are the store's own SQL, never a caller's text.
    func rows(_ columns: String, of table: String, team: String?, order: String) async throws -> [Row] {
        try await guarded {
            try await pool.read { db in
                if let team {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT \(columns) FROM \(table) WHERE team = ? ORDER BY \(order)",
                        arguments: [team]
                    )
                } else {
                    try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY \(order)")
                }
            }
        }
    }

    @discardableResult
    public func revokeToken(id: String, at: Date) async throws -> TokenRecord {
        try await guarded {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE tokens SET revoked = ? WHERE id = ? AND revoked IS NULL",
                    arguments: [at.timeIntervalSince1970, id]
                )
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE id = ?",
                        arguments: [id]
                    )
                else { throw TeamStoreError.unknownToken(id) }
                return Self.tokenRecord(row)
            }
        }
    }

    public func token(hash: String) async throws -> TokenRecord? {
        try await guarded {
            try await pool.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE hash = ?"
                )
                return try Row.fetchOne(statement, arguments: [hash]).map(Self.tokenRecord)
            }
        }
    }

    /// One read transaction, so one trip to a reader: the token, then its team's stamp.
    public func tokenAndStamp(hash: String) async throws -> (token: TokenRecord, stamp: TeamStamp)? {
        try await guarded {
            try await pool.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT \(Self.tokenColumns) FROM tokens WHERE hash = ?"
                )
                guard let token = try Row.fetchOne(statement, arguments: [hash]).map(Self.tokenRecord) else {
                    return nil
                }
                return (token, try Self.stamp(team: token.team, db))
            }
        }
    }

    static func requireTeam(_ db: Database, _ team: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM teams WHERE name = ?", arguments: [team]) != nil else {
            throw TeamStoreError.unknownTeam(team)
        }
    }

    // MARK: Events

    public func append(
        _ events: [Event],
        team: String,
        check: @escaping @Sendable (Loop?, Event) throws -> Void
    ) async throws -> AppendResult {
        try await guarded {
            try await pool.write { db in
                try Self.append(events, team: team, check: check, in: db)
            }
        }
    }

    /// The append inside a write transaction, so the monitors' save writes its incident events in
    /// its own transaction.
    static func append(
        _ events: [Event],
        team: String,
        check: (Loop?, Event) throws -> Void,
        in db: Database
    ) throws -> AppendResult {
        guard
            let counters = try Row.fetchOne(
                db,
                sql: "SELECT last_seq, last_number FROM teams WHERE name = ?",
                arguments: [team]
            )
        else { throw TeamStoreError.unknownTeam(team) }
        // What the plan needs: the lines stored under the batch's ids, and the stored loops of its keys.
        let stored = try db.cachedStatement(sql: "SELECT line FROM events WHERE team = ? AND id = ?")
        var storedLines: [String: String] = [:]
        for event in events where storedLines[event.id] == nil {
            if let line = try String.fetchOne(stored, arguments: [team, event.id]) { storedLines[event.id] = line }
        }
        var storedLoops: [String: Loop] = [:]
        for key in Set(events.map(\.loop)) where !Event.personalKeys.contains(key) {
            storedLoops[key] = try Self.loadLoop(db, team: team, key: key)
        }
        let plan = try AppendPlan(
            events,
            lastSeq: counters[0],
            lastNumber: counters[1],
            storedLines: storedLines,
            storedLoops: storedLoops,
            check: check
        )
        let insert = try db.cachedStatement(
            sql: "INSERT INTO events (team, seq, id, loop, at, line) VALUES (?, ?, ?, ?, ?, ?)"
        )
        for new in plan.inserts {
            try insert.execute(arguments: [
                team, new.seq, new.event.id, new.event.loop, new.event.at.timeIntervalSince1970, new.line,
            ])
        }
        // Folded again from every stored event, the batch's included.
        var refolded: [String: [Event]] = [:]
        for key in plan.refold { refolded[key] = try Self.loopEvents(db, team: team, key: key, asOf: nil) }
        for loop in plan.loopsToWrite(refolded: refolded) { try Self.writeLoop(db, team: team, loop) }
        try db.execute(
            sql: "UPDATE teams SET last_seq = ?, last_number = ? WHERE name = ?",
            arguments: [plan.lastSeq, plan.lastNumber, team]
        )
        return AppendResult(added: plan.inserts.count, skipped: plan.skipped, lastSeq: plan.lastSeq)
    }

    public func events(team: String, after seq: Int64, limit: Int) async throws -> [StoredEvent] {
        try await guarded {
            try await pool.read { db in
                let statement = try db.cachedStatement(
                    sql: "SELECT seq, line FROM events WHERE team = ? AND seq > ? ORDER BY seq LIMIT ?"
                )
                let rows = try Row.fetchCursor(statement, arguments: [team, seq, limit])
                var events: [StoredEvent] = []
                events.reserveCapacity(min(limit, 100_000))
                while let row = try rows.next() { events.append(StoredEvent(seq: row[0], line: row[1])) }
                return events
            }
        }
    }

    public func lastSeq(team: String) async throws -> Int64 {
        try await guarded {
            try await pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT last_seq FROM teams WHERE name = ?", arguments: [team]) ?? 0
            }
        }
    }

    public func events(team: String, ofLoops keys: [String], since: Date?, asOf: Date?) async throws -> [Event] {
        try await guarded {
            try await pool.read { db in
                let lines = try String.fetchCursor(
                    db,
                    sql: """
                        SELECT e.line FROM json_each(?) AS k CROSS JOIN events AS e
                        ON e.team = ? AND e.loop = k.value
                        WHERE e.at >= ? AND e.at <= ?
                        ORDER BY e.at, e.id
                        """,
                    // The keys drive the join (CROSS JOIN keeps that order), so each one is a range of
                    // events_by_loop; `loop IN (SELECT … json_each)` made SQLite scan the team's events.
                    arguments: [
                        JSONWriter.string(.array(Set(keys).sorted().map(JSONValue.string))), team,
                        since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude,
                        asOf?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude,
                    ]
                )
                var events: [Event] = []
                while let line = try lines.next() { events.append(try StoredRows.event(line)) }
                return Event.inFoldOrder(events)
            }
        }
    }

    // MARK: Loops

    public func loop(team: String, key: String, asOf: Date?) async throws -> Loop? {
        try await guarded {
            try await pool.read { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT number, changed, body FROM loops WHERE team = ? AND key = ?",
                        arguments: [team, key]
                    )
                else { return nil }
                if let asOf, (row[1] as Double) > asOf.timeIntervalSince1970 {
                    return FoldOrder.fold(try Self.loopEvents(db, team: team, key: key, asOf: asOf), number: row[0])
                }
                return try StoredRows.loop(row[2])
            }
        }
    }

    public func loopKeys(team: String, prefix: String, limit: Int) async throws -> [String] {
        try await guarded {
            try await pool.read { db in
                // A range on the primary key: every key that starts with the prefix sorts between
                // the prefix and the prefix followed by the largest code point.
                try String.fetchAll(
                    db,
                    sql: "SELECT key FROM loops WHERE team = ? AND key >= ? AND key < ? ORDER BY key LIMIT ?",
                    arguments: [team, prefix, prefix + "\u{10FFFF}", limit]
                )
            }
        }
    }

    public func loops(team: String, query: LoopQuery, asOf: Date?) async throws -> [Loop] {
        try await guarded {
            try await pool.read { db in
                let (sql, arguments) = LoopQuerySQL.select(query, team: team, changedUntil: asOf)
                var loops: [Loop] = []
                let bodies = try String.fetchCursor(db, sql: sql, arguments: arguments)
                while let body = try bodies.next() { loops.append(try StoredRows.loop(body)) }
                if query.looksInsideLoops { loops = loops.filter(query.matches) }
                if let asOf {
                    // Loops that changed after the instant: folded again from what they were then.
                    let later = try Row.fetchAll(
                        db,
                        sql: "SELECT key, number FROM loops WHERE team = ? AND created <= ? AND changed > ?",
                        arguments: [team, asOf.timeIntervalSince1970, asOf.timeIntervalSince1970]
                    )
                    for row in later {
                        let events = try Self.loopEvents(db, team: team, key: row[0], asOf: asOf)
                        if let loop = FoldOrder.fold(events, number: row[1]), query.matches(loop) {
                            loops.append(loop)
                        }
                    }
                }
                loops.sort { $0.number < $1.number }
                return loops
            }
        }
    }

    // MARK: Rows

    private static func loadLoop(_ db: Database, team: String, key: String) throws -> Loop? {
        let statement = try db.cachedStatement(sql: "SELECT body FROM loops WHERE team = ? AND key = ?")
        return try String.fetchOne(statement, arguments: [team, key]).map(StoredRows.loop)
    }

    static func loopEvents(_ db: Database, team: String, key: String, asOf: Date?) throws -> [Event] {
        let statement = try db.cachedStatement(
            sql: "SELECT line FROM events WHERE team = ? AND loop = ? AND at <= ? ORDER BY at, id"
        )
        return try String.fetchAll(
            statement,
            arguments: [team, key, asOf?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude]
        ).map(StoredRows.event)
    }

    static func writeLoop(_ db: Database, team: String, _ loop: Loop) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO loops
                (team, key, number, owner, state, kind, stakes, due, created, changed, done, settled, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        )
        try statement.execute(arguments: [
            team, loop.key, loop.number, loop.owner, loop.state.rawValue, loop.kind.rawValue, loop.stakes.rawValue,
            loop.due.map { $0.deadline(in: .gmt).timeIntervalSince1970 }, loop.createdAt.timeIntervalSince1970,
            loop.lastEventAt.timeIntervalSince1970, loop.doneAt?.timeIntervalSince1970, loop.isSettled,
            loop.storageJSON,
        ])
    }
}
