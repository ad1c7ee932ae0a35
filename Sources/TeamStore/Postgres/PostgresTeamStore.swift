public import Foundation
public import Logging
public import OwnCore
public import OwnStore
import PostgresNIO
public import ServiceLifecycle
import _ConnectionPoolModule

/// The team store on PostgreSQL, for a team that outgrows one machine: several `own-server`
/// processes share one database, and hold nothing of their own.
///
/// The tables are the SQLite engine's: each team's events keyed by (team, seq), its loops a
/// projection keyed by (team, key), written in the same transaction as the events. An append locks
/// its team's row (`SELECT … FOR UPDATE`) for the transaction, so each team's `seq` has no gaps and
/// follows arrival order across every server, while teams never wait for each other. A batch is
/// read and written in a fixed handful of statements whatever its size (arrays through `UNNEST`).
///
/// Open it with `open` (which checks the database and migrates it), then run it: it is a `Service`
/// whose `run` keeps its connection pool (PostgresNIO's `PostgresClient`); a `ServiceGroup` runs it
/// beside the HTTP server. `withStore` does both around a piece of work, for short-lived commands.
public struct PostgresTeamStore: TeamStore, Service {
    /// Where the database is.
    public let configuration: Configuration
    /// Every read waits for a connection of the pool, which PostgreSQL down keeps waiting.
    public var readsOverNetwork: Bool { true }
    let client: PostgresClient
    let logger: Logger
    /// The sign-in reads on their way, which requests arriving meanwhile wait for and then share.
    let signIns = SignInReads<(token: TokenRecord, stamp: TeamStamp)>()

    private init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        client = PostgresClient(configuration: configuration.client, backgroundLogger: logger)
    }

    /// Connects once to check that the database can be reached and to bring its schema up to date
    /// (safe when several servers start at once), then returns the store, whose pool starts when it
    /// is run. Throws `cannotOpen` with the reason, or `newerSchema`.
    /// `existing`: a store must be there already (a command that only lists): a mistyped database
    /// was given the whole schema, and listed nothing from it.
    public static func open(
        _ configuration: Configuration,
        existing: Bool = false,
        logger: Logger = PostgresTeamStore.silent
    ) async throws -> PostgresTeamStore {
        let location = configuration.location
        if let schema = configuration.schema, !Configuration.isValidSchema(schema) {
            throw TeamStoreError.cannotOpen(
                location: location,
                reason: "the schema \"\(schema)\" must be a-z or _, then a-z, 0-9 or _ (at most 63)"
            )
        }
        do {
            let connection = try await PostgresConnection.connect(
                configuration: try configuration.connection(),
                id: 0,
                logger: logger
            )
            do {
                if existing {
                    let table = (configuration.schema.map { $0 + "." } ?? "") + "own_server_schema"
                    let rows = try await connection.query(
                        "SELECT to_regclass(\(table)) IS NOT NULL",
                        logger: logger
                    )
                    var found = false
                    for try await there in rows.decode(Bool.self) { found = there }
                    guard found else { throw TeamStoreError.noStore(location: location) }
                }
                try await PostgresSchema.migrate(
                    connection,
                    schema: configuration.schema,
                    location: location,
                    logger: logger
                )
                try await connection.close()
            } catch {
                try? await connection.close()
                throw error
            }
        } catch let error as TeamStoreError {
            throw error
        } catch {
            throw TeamStoreError.cannotOpen(location: location, reason: PostgresFailure.reason(error, opening: true))
        }
        return PostgresTeamStore(configuration: configuration, logger: logger)
    }

    /// Opens the store, runs its pool for as long as `body` works with it, then closes it.
    public static func withStore<Result: Sendable>(
        _ configuration: Configuration,
        existing: Bool = false,
        logger: Logger = PostgresTeamStore.silent,
        _ body: (PostgresTeamStore) async throws -> Result
    ) async throws -> Result {
        let store = try await open(configuration, existing: existing, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask { try await store.run() }
            defer { group.cancelAll() }
            return try await body(store)
        }
    }

    /// A logger that logs nothing: the default, so that a command's output carries no log lines.
    public static let silent = Logger(label: "own.server.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Keeps the connection pool until the task is cancelled or the service group shuts down.
    public func run() async throws {
        await client.run()
    }

    /// Runs a store operation, turning PostgreSQL's errors into `TeamStoreError`s and letting a
    /// caller's own refusal through unchanged.
    func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TransactionFailure {
            // The body's own refusal (an event the checks refuse) goes through as it is.
            if let refusal = error.body, !(refusal is PSQLError || refusal is ConnectionPoolError) { throw refusal }
            throw TeamStoreError.storage(reason: PostgresFailure.reason(error.cause, opening: false))
        } catch let error as PSQLError {
            throw TeamStoreError.storage(reason: PostgresFailure.reason(error, opening: false))
        } catch let error as ConnectionPoolError {
            // The pool's circuit breaker, tripped by a database down a minute: unavailable (503), not
            // a failure of the server's (500).
            throw TeamStoreError.storage(reason: PostgresFailure.reason(error, opening: false))
        }
    }

    /// The rows of a query, read to the end.
    func rows<Row>(
        _ query: PostgresQuery,
        on connection: PostgresConnection? = nil,
        _ decode: (PostgresRow) throws -> Row
    ) async throws -> [Row] {
        // A query written to a connection PostgreSQL has closed is never answered (PostgresNIO writes
        // it to the closed channel and waits): refused here instead, when the close is known.
        if let connection, connection.isClosed {
            throw TeamStoreError.storage(reason: "the connection to PostgreSQL closed; try again")
        }
        let sequence =
            if let connection {
                try await connection.query(query, logger: logger)
            } else {
                try await client.query(query, logger: logger)
            }
        var rows: [Row] = []
        for try await row in sequence { rows.append(try decode(row)) }
        return rows
    }

    // MARK: Teams

    public func addTeam(_ name: String, at: Date) async throws -> Team {
        guard Team.isValidName(name) else { throw TeamStoreError.invalidTeamName(name) }
        return try await guarded {
            let added = try await rows(
                """
                INSERT INTO teams (name, created) VALUES (\(name), \(at.timeIntervalSince1970))
                ON CONFLICT (name) DO NOTHING RETURNING name
                """
            ) { try $0.decode(String.self) }
            guard !added.isEmpty else { throw TeamStoreError.teamExists(name) }
            return Team(name: name, createdAt: at)
        }
    }

    public func teams() async throws -> [Team] {
        try await guarded {
            try await rows("SELECT name, created FROM teams ORDER BY name") { row in
                let (name, created) = try row.decode((String, Double).self)
                return Team(name: name, createdAt: Date(timeIntervalSince1970: created))
            }
        }
    }

    // MARK: Tokens

    public func addToken(_ token: NewToken) async throws -> TokenRecord {
        let record = token.record
        return try await guarded {
            let added = try await rows(
                """
                INSERT INTO tokens (id, hash, team, person, role, created)
                SELECT \(record.id), \(token.hash), name, \(record.person), \(record.role.rawValue), \
                \(record.createdAt.timeIntervalSince1970)
                FROM teams WHERE name = \(record.team)
                RETURNING id
                """
            ) { try $0.decode(String.self) }
            guard !added.isEmpty else { throw TeamStoreError.unknownTeam(record.team) }
            return record
        }
    }

    private static func tokenRecord(_ row: PostgresRow) throws -> TokenRecord {
        let (id, team, person, role, created, revoked) = try row.decode(
            (String, String, String, String, Double, Double?).self
        )
        return tokenRecord(id, team, person, role, created, revoked)
    }

    /// A token row's columns as a record: one reading for every query that returns them.
    static func tokenRecord(
        _ id: String,
        _ team: String,
        _ person: String,
        _ role: String,
        _ created: Double,
        _ revoked: Double?
    ) -> TokenRecord {
        TokenRecord(
            id: id,
            team: team,
            person: person,
            role: Role(rawValue: role) ?? .reader,
            createdAt: Date(timeIntervalSince1970: created),
            revokedAt: revoked.map(Date.init(timeIntervalSince1970:))
        )
    }

    public func tokens(team: String?) async throws -> [TokenRecord] {
        try await guarded {
            if let team {
                try await rows(
                    """
                    SELECT id, team, person, role, created, revoked FROM tokens
                    WHERE team = \(team) ORDER BY created, id
                    """,
                    Self.tokenRecord
                )
            } else {
                try await rows(
                    "SELECT id, team, person, role, created, revoked FROM tokens ORDER BY created, id",
                    Self.tokenRecord
                )
            }
        }
    }

    @discardableResult
    public func revokeToken(id: String, at: Date) async throws -> TokenRecord {
        try await guarded {
            let revoked = try await rows(
                """
                UPDATE tokens SET revoked = coalesce(revoked, \(at.timeIntervalSince1970)) WHERE id = \(id)
                RETURNING id, team, person, role, created, revoked
                """,
                Self.tokenRecord
            )
            guard let record = revoked.first else { throw TeamStoreError.unknownToken(id) }
            return record
        }
    }

    public func token(hash: String) async throws -> TokenRecord? {
        try await guarded {
            try await rows(
                "SELECT id, team, person, role, created, revoked FROM tokens WHERE hash = \(hash)",
                Self.tokenRecord
            ).first
        }
    }

    // MARK: Events

    public func append(
        _ events: [Event],
        team: String,
        check: @escaping @Sendable (Loop?, Event) throws -> Void
    ) async throws -> AppendResult {
        try await guarded {
            try await transaction { connection in
                try await append(events, team: team, check: check, on: connection)
            }
        }
    }

    /// The append inside a transaction, so the monitors' save writes its incident events in its own
    /// transaction.
    func append(
        _ events: [Event],
        team: String,
        check: (Loop?, Event) throws -> Void,
        on connection: PostgresConnection
    ) async throws -> AppendResult {
        // The team's row stays locked until the commit: appends to one team take turns,
        // on every server, so seq is given out in arrival order with no gaps.
        guard
            let counters = try await rows(
                "SELECT last_seq, last_number FROM teams WHERE name = \(team) FOR UPDATE",
                on: connection,
                { try $0.decode((Int64, Int64).self) }
            ).first
        else { throw TeamStoreError.unknownTeam(team) }
        let ids = Array(Set(events.map(\.id)))
        let keys = Array(Set(events.map(\.loop)))
        var storedLines: [String: String] = [:]
        for (id, line) in try await rows(
            "SELECT id, line FROM events WHERE team = \(team) AND id = ANY(\(ids))",
            on: connection,
            { try $0.decode((String, String).self) }
        ) {
            storedLines[id] = line
        }
        var storedLoops: [String: Loop] = [:]
        for (key, body) in try await rows(
            "SELECT key, body FROM loops WHERE team = \(team) AND key = ANY(\(keys))",
            on: connection,
            { try $0.decode((String, String).self) }
        ) {
            storedLoops[key] = try StoredRows.loop(body)
        }
        let plan = try AppendPlan(
            events,
            lastSeq: counters.0,
            lastNumber: Int(counters.1),
            storedLines: storedLines,
            storedLoops: storedLoops,
            check: check
        )
        guard !plan.inserts.isEmpty else {
            return AppendResult(added: 0, skipped: plan.skipped, lastSeq: plan.lastSeq)
        }
        try await insert(plan.inserts, team: team, on: connection)
        var refolded: [String: [Event]] = [:]
        if !plan.refold.isEmpty {
            for (key, line) in try await rows(
                """
                SELECT loop, line FROM events WHERE team = \(team) AND loop = ANY(\(Array(plan.refold)))
                ORDER BY loop, at, id
                """,
                on: connection,
                { try $0.decode((String, String).self) }
            ) {
                refolded[key, default: []].append(try StoredRows.event(line))
            }
        }
        try await write(plan.loopsToWrite(refolded: refolded), team: team, on: connection)
        try await connection.query(
            """
            UPDATE teams SET last_seq = \(plan.lastSeq), last_number = \(Int64(plan.lastNumber))
            WHERE name = \(team)
            """,
            logger: logger
        )
        return AppendResult(added: plan.inserts.count, skipped: plan.skipped, lastSeq: plan.lastSeq)
    }

    /// Stores new events in one statement, whatever their number.
    private func insert(_ events: [AppendPlan.NewEvent], team: String, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            INSERT INTO events (team, seq, id, loop, at, line)
            SELECT \(team), * FROM unnest(\(events.map(\.seq))::int8[], \(events.map(\.event.id))::text[],
                \(events.map(\.event.loop))::text[], \(events.map(\.event.at.timeIntervalSince1970))::float8[],
                \(events.map(\.line))::text[])
            """,
            logger: logger
        )
    }

    /// Writes loops to the projection in one statement. Arrays cannot hold nulls here, so an absent
    /// due or done instant travels as NaN, which no instant is.
    private func write(_ loops: [Loop], team: String, on connection: PostgresConnection) async throws {
        try await Self.write(loops, team: team, on: connection, logger: logger)
    }

    /// Writes loops to the projection in one statement (see the instance method).
    static func write(
        _ loops: [Loop],
        team: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        guard !loops.isEmpty else { return }
        try await connection.query(
            """
            INSERT INTO loops (team, key, number, owner, state, kind, stakes, due, created, changed, done, settled, body)
            SELECT \(team), key, number, owner, state, kind, stakes, nullif(due, 'NaN'), created, changed,
                nullif(done, 'NaN'), settled, body
            FROM unnest(\(loops.map(\.key))::text[], \(loops.map { Int64($0.number) })::int8[],
                \(loops.map(\.owner))::text[], \(loops.map(\.state.rawValue))::text[],
                \(loops.map(\.kind.rawValue))::text[], \(loops.map(\.stakes.rawValue))::text[],
                \(loops.map { $0.due?.deadline(in: .gmt).timeIntervalSince1970 ?? .nan })::float8[],
                \(loops.map(\.createdAt.timeIntervalSince1970))::float8[],
                \(loops.map(\.lastEventAt.timeIntervalSince1970))::float8[],
                \(loops.map { $0.doneAt?.timeIntervalSince1970 ?? .nan })::float8[],
                \(loops.map(\.isSettled))::bool[], \(loops.map(\.storageJSON))::text[])
                AS given(key, number, owner, state, kind, stakes, due, created, changed, done, settled, body)
            ON CONFLICT (team, key) DO UPDATE SET
                number = excluded.number, owner = excluded.owner, state = excluded.state, kind = excluded.kind,
                stakes = excluded.stakes, due = excluded.due, created = excluded.created,
                changed = excluded.changed, done = excluded.done, settled = excluded.settled, body = excluded.body
            """,
            logger: logger
        )
    }

    public func events(team: String, after seq: Int64, limit: Int) async throws -> [StoredEvent] {
        try await guarded {
            try await rows(
                "SELECT seq, line FROM events WHERE team = \(team) AND seq > \(seq) ORDER BY seq LIMIT \(Int64(limit))"
            ) { row in
                let (seq, line) = try row.decode((Int64, String).self)
                return StoredEvent(seq: seq, line: line)
            }
        }
    }

    /// One row, whatever the page's size: PostgreSQL joins the lines, so no row per event crosses
    /// the wire or is decoded here (a pull of a million events spent most of its time on that).
    public func eventPage(team: String, after seq: Int64, limit: Int) async throws -> EventPage {
        try await guarded {
            guard
                let (count, lastSeq, joined) = try await rows(
                    """
                    SELECT count(*), max(seq), coalesce(string_agg(line, chr(10) ORDER BY seq), '') FROM (
                        SELECT seq, line FROM events WHERE team = \(team) AND seq > \(seq)
                        ORDER BY seq LIMIT \(Int64(limit))
                    ) page
                    """,
                    { try $0.decode((Int64, Int64?, String).self) }
                ).first
            else { return EventPage(count: 0, lastSeq: nil, lines: "") }
            return EventPage(count: Int(count), lastSeq: lastSeq, lines: count > 0 ? joined + "\n" : "")
        }
    }

    public func lastSeq(team: String) async throws -> Int64 {
        try await guarded {
            try await rows("SELECT last_seq FROM teams WHERE name = \(team)") { try $0.decode(Int64.self) }.first ?? 0
        }
    }

    public func events(team: String, ofLoops keys: [String], since: Date?, asOf: Date?) async throws -> [Event] {
        try await guarded {
            try await rows(
                """
                SELECT line FROM events
                WHERE team = \(team) AND loop = ANY(\(keys)) AND at >= \(since?.timeIntervalSince1970 ?? -.infinity)
                    AND at <= \(asOf?.timeIntervalSince1970 ?? .infinity)
                ORDER BY at, id
                """
            ) { try StoredRows.event(try $0.decode(String.self)) }.sorted(by: Event.foldsBefore)
        }
    }

    // MARK: Loops

    public func loop(team: String, key: String, asOf: Date?) async throws -> Loop? {
        try await guarded {
            guard
                let (number, changed, body) = try await rows(
                    "SELECT number, changed, body FROM loops WHERE team = \(team) AND key = \(key)",
                    { try $0.decode((Int64, Double, String).self) }
                ).first
            else { return nil }
            if let asOf, changed > asOf.timeIntervalSince1970 {
                let events = try await rows(
                    """
                    SELECT line FROM events
                    WHERE team = \(team) AND loop = \(key) AND at <= \(asOf.timeIntervalSince1970)
                    ORDER BY at, id
                    """
                ) { try StoredRows.event(try $0.decode(String.self)) }
                return FoldOrder.fold(events, number: Int(number))
            }
            return try StoredRows.loop(body)
        }
    }

    public func loopKeys(team: String, prefix: String, limit: Int) async throws -> [String] {
        try await guarded {
            // A range on the primary key: every key that starts with the prefix sorts (byte by
            // byte) between the prefix and the prefix followed by the largest code point.
            try await rows(
                """
                SELECT key FROM loops WHERE team = \(team) AND key >= \(prefix) AND key < \(prefix + "\u{10FFFF}")
                ORDER BY key LIMIT \(Int64(limit))
                """
            ) { try $0.decode(String.self) }
        }
    }

    public func loops(team: String, query: LoopQuery, asOf: Date?) async throws -> [Loop] {
        try await guarded {
            var select = PostgresLoopQuerySQL.select(query, team: team)
            if let asOf {
                select.sql += " AND changed <= $\(select.binds.count + 1)"
                select.binds.append(asOf.timeIntervalSince1970)
            }
            var loops = try await rows(select) { try StoredRows.loop(try $0.decode(String.self)) }
            if query.looksInsideLoops { loops = loops.filter(query.matches) }
            if let asOf {
                // Loops that changed after the instant: folded again from what they were then, all
                // their events read in one statement.
                let instant = asOf.timeIntervalSince1970
                var history: [(key: String, number: Int64, events: [Event])] = []
                for (key, number, line) in try await rows(
                    """
                    SELECT l.key, l.number, e.line FROM loops l
                    JOIN events e ON e.team = l.team AND e.loop = l.key AND e.at <= \(instant)
                    WHERE l.team = \(team) AND l.created <= \(instant) AND l.changed > \(instant)
                    ORDER BY l.key, e.at, e.id
                    """,
                    { try $0.decode((String, Int64, String).self) }
                ) {
                    if history.last?.key != key { history.append((key, number, [])) }
                    history[history.count - 1].events.append(try StoredRows.event(line))
                }
                for entry in history {
                    if let loop = FoldOrder.fold(entry.events, number: Int(entry.number)), query.matches(loop) {
                        loops.append(loop)
                    }
                }
            }
            loops.sort { $0.number < $1.number }
            return loops
        }
    }
}
