public import Foundation
public import OwnCore
import PostgresNIO

extension PostgresTeamStore: MonitorStore {
    private static let monitorColumns: PostgresQuery = """
        SELECT uuid, team, name, slug, owner, stakes, timeout, cron, tz, grace, max_runtime, min_runtime,
        failure_tolerance, parent, tags, descr, status, last_ping, last_start, last_start_rid,
        last_duration, failures, down_since, parent_down, held_failure, incident_open, incident_loop,
        next_deadline, created, last_n, version FROM monitors
        """

    private static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    private static func monitorRecord(_ postgresRow: PostgresRow) throws -> MonitorRecord {
        let row = postgresRow.makeRandomAccess()
        func value<T: PostgresDecodable>(_ index: Int, _: T.Type = T.self) throws -> T {
            try row[index].decode(T.self)
        }
        var monitor = MonitorRecord(
            uuid: try value(0),
            team: try value(1),
            name: try value(2),
            slug: try value(3),
            owner: try value(4),
            stakes: Stakes(rawValue: try value(5)) ?? .medium,
            timeout: try value(6),
            cron: try value(7),
            timeZone: try value(8),
            grace: try value(9),
            maxRuntime: try value(10),
            minRuntime: try value(11),
            failureTolerance: Int(try value(12, Int64.self)),
            parent: try value(13),
            tags: try value(14, String.self).split(separator: " ").map(String.init),
            desc: try value(15),
            createdAt: Date(timeIntervalSince1970: try value(28))
        )
        monitor.state.status = MonitorStatus(rawValue: try value(16)) ?? .new
        monitor.state.lastPing = date(try value(17))
        monitor.state.lastStart = date(try value(18))
        monitor.state.lastStartRid = try value(19)
        monitor.state.lastDuration = try value(20)
        monitor.state.consecutiveFailures = Int(try value(21, Int64.self))
        monitor.state.downSince = date(try value(22))
        monitor.state.parentDown = try value(23)
        monitor.state.heldFailure = MonitorFailureText.decode(try value(24))
        monitor.state.incidentOpen = try value(25)
        monitor.incidentLoop = try value(26)
        monitor.nextDeadline = date(try value(27))
        monitor.lastPingNumber = try value(29)
        monitor.version = try value(30)
        return monitor
    }

    private static func select(_ condition: PostgresQuery) -> PostgresQuery {
        PostgresQuery(unsafeSQL: monitorColumns.sql + " " + condition.sql, binds: condition.binds)
    }

    public func addMonitor(_ monitor: MonitorRecord) async throws -> MonitorRecord {
        var added = monitor
        added.version = 1
        added.lastPingNumber = 0
        let m = added
        let s = m.state
        return try await guarded {
            let inserted = try await rows(
                """
                INSERT INTO monitors (uuid, team, name, slug, owner, stakes, timeout, cron, tz, grace, max_runtime,
                    min_runtime, failure_tolerance, parent, tags, descr, status, last_ping, last_start, last_start_rid,
                    last_duration, failures, down_since, parent_down, held_failure, incident_open, incident_loop,
                    next_deadline, created, last_n, version)
                SELECT \(m.uuid), name, \(m.name), \(m.slug), \(m.owner), \(m.stakes.rawValue), \(m.timeout), \
                \(m.cron), \(m.timeZone), \(m.grace), \(m.maxRuntime), \(m.minRuntime), \(Int64(m.failureTolerance)), \
                \(m.parent), \(m.tags.joined(separator: " ")), \(m.desc), \(s.status.rawValue), \
                \(s.lastPing?.timeIntervalSince1970), \(s.lastStart?.timeIntervalSince1970), \(s.lastStartRid), \
                \(s.lastDuration), \(Int64(s.consecutiveFailures)), \(s.downSince?.timeIntervalSince1970), \
                \(s.parentDown), \(MonitorFailureText.encode(s.heldFailure)), \(s.incidentOpen), \(m.incidentLoop), \
                \(m.nextDeadline?.timeIntervalSince1970), \(m.createdAt.timeIntervalSince1970), \(m.lastPingNumber), \
                \(m.version)
                FROM teams WHERE name = \(m.team)
                ON CONFLICT DO NOTHING RETURNING uuid
                """
            ) { try $0.decode(String.self) }
            guard inserted.isEmpty else { return added }
            let team = try await rows("SELECT name FROM teams WHERE name = \(m.team)") { try $0.decode(String.self) }
            guard !team.isEmpty else { throw TeamStoreError.unknownTeam(m.team) }
            throw TeamStoreError.monitorExists(team: m.team, slug: m.slug)
        }
    }

    public func monitor(uuid: String) async throws -> MonitorRecord? {
        try await guarded {
            try await rows(Self.select("WHERE uuid = \(uuid)"), Self.monitorRecord).first
        }
    }

    public func monitor(team: String, slug: String) async throws -> MonitorRecord? {
        try await guarded {
            try await rows(Self.select("WHERE team = \(team) AND slug = \(slug)"), Self.monitorRecord).first
        }
    }

    public func monitors(team: String) async throws -> [MonitorRecord] {
        try await guarded {
            try await rows(Self.select("WHERE team = \(team) ORDER BY name, slug"), Self.monitorRecord)
        }
    }

    public func monitors(uuids: [String]) async throws -> [MonitorRecord] {
        try await guarded {
            try await rows(Self.select("WHERE uuid = ANY(\(uuids))"), Self.monitorRecord)
        }
    }

    public func save(_ changes: [MonitorChange]) async throws -> [MonitorRecord?] {
        guard !changes.isEmpty else { return [] }
        let uuids = changes.map(\.monitor.uuid)
        let teams = changes.map(\.monitor.team)
        let slugs = changes.map(\.monitor.slug)
        return try await guarded {
            try await client.withTransaction(logger: logger) { connection in
                let taken = try await rows(
                    """
                    SELECT c.team, c.slug FROM unnest(\(uuids)::text[], \(teams)::text[], \(slugs)::text[])
                        AS c(uuid, team, slug)
                    JOIN monitors m ON m.team = c.team AND m.slug = c.slug AND m.uuid <> c.uuid
                    UNION ALL
                    SELECT c.team, c.slug FROM unnest(\(uuids)::text[], \(teams)::text[], \(slugs)::text[])
                        AS c(uuid, team, slug)
                    JOIN monitors m ON m.uuid = c.uuid AND m.team <> c.team
                    LIMIT 1
                    """,
                    on: connection,
                    { try $0.decode((String, String).self) }
                )
                if let first = taken.first { throw TeamStoreError.monitorExists(team: first.0, slug: first.1) }
                // Monitors in uuid order, then the teams' ledgers in name order: two servers saving at
                // once take their locks in one order and never wait on each other in a circle.
                var saved = [MonitorRecord?](repeating: nil, count: changes.count)
                for index in changes.indices.sorted(by: { uuids[$0] < uuids[$1] }) {
                    saved[index] = try await save(changes[index], on: connection)
                }
                var events: [String: [Event]] = [:]
                for (change, result) in zip(changes, saved) where result != nil {
                    events[change.monitor.team, default: []] += change.events
                }
                for team in events.keys.sorted() where !events[team]!.isEmpty {
                    _ = try await append(events[team]!, team: team, check: { _, _ in }, on: connection)
                }
                return saved
            }
        }
    }

    /// One change's compare-and-set, in one statement: the row is updated only if nobody saved it
    /// since it was read, and the pings and flips are written only with it.
    private func save(_ change: MonitorChange, on connection: PostgresConnection) async throws -> MonitorRecord? {
        let m = change.monitor
        let s = m.state
        let added = Int64(change.pings.count)
        let update: PostgresQuery = """
            WITH saved AS (
                UPDATE monitors SET name = \(m.name), slug = \(m.slug), owner = \(m.owner),
                    stakes = \(m.stakes.rawValue), timeout = \(m.timeout), cron = \(m.cron), tz = \(m.timeZone),
                    grace = \(m.grace), max_runtime = \(m.maxRuntime), min_runtime = \(m.minRuntime),
                    failure_tolerance = \(Int64(m.failureTolerance)), parent = \(m.parent),
                    tags = \(m.tags.joined(separator: " ")), descr = \(m.desc), status = \(s.status.rawValue),
                    last_ping = \(s.lastPing?.timeIntervalSince1970),
                    last_start = \(s.lastStart?.timeIntervalSince1970), last_start_rid = \(s.lastStartRid),
                    last_duration = \(s.lastDuration), failures = \(Int64(s.consecutiveFailures)),
                    down_since = \(s.downSince?.timeIntervalSince1970), parent_down = \(s.parentDown),
                    held_failure = \(MonitorFailureText.encode(s.heldFailure)),
                    incident_open = \(s.incidentOpen), incident_loop = \(m.incidentLoop),
                    next_deadline = \(m.nextDeadline?.timeIntervalSince1970),
                    last_n = last_n + \(added), version = version + \(change.steps)
                WHERE uuid = \(m.uuid) AND team = \(m.team) AND version = \(m.version)
                RETURNING last_n
            )
            """
        var query = QueryText(update)
        for (index, ping) in change.pings.enumerated() {
            let number = "last_n - " + String(added - 1 - Int64(index))
            let part = try """
            , ping\(index) AS (
                INSERT INTO monitor_pings (monitor, n, at, kind, rid, method, remote, user_agent, body, duration)
                SELECT \(query.bind(m.uuid)), \(number), \(query.bind(ping.at.timeIntervalSince1970)), \
                \(query.bind(ping.kindText)), \(query.bind(ping.rid)), \(query.bind(ping.method)), \
                \(query.bind(ping.remoteAddress)), \(query.bind(ping.userAgent)), \(query.bind(ping.body)), \
                \(query.bind(ping.duration)) FROM saved
            )
            """
            query.sql += part
        }
        if added > 0 {
            // The statement's snapshot predates its own inserts, so only older pings are dropped.
            let part = try """
            , dropped AS (
                DELETE FROM monitor_pings WHERE monitor = \(query.bind(m.uuid))
                AND n <= (SELECT last_n FROM saved) - \(query.bind(MonitorPingRecord.kept))
            )
            """
            query.sql += part
        }
        if !change.flips.isEmpty {
            let part = try """
            , flipped AS (
                INSERT INTO monitor_flips (monitor, at, old, new)
                SELECT \(query.bind(m.uuid)), f.* FROM saved,
                unnest(\(query.bind(change.flips.map(\.at.timeIntervalSince1970)))::float8[],
                    \(query.bind(change.flips.map(\.from.rawValue)))::text[],
                    \(query.bind(change.flips.map(\.to.rawValue)))::text[]) AS f
            )
            """
            query.sql += part
        }
        query.sql += " SELECT last_n FROM saved"
        guard
            let lastNumber = try await rows(query.query, on: connection, { try $0.decode(Int64.self) }).first
        else { return nil }
        var saved = m
        saved.version += change.steps
        saved.lastPingNumber = lastNumber
        return saved
    }

    public func deleteMonitor(team: String, uuid: String) async throws -> Bool {
        try await guarded {
            try await client.withTransaction(logger: logger) { connection in
                let deleted = try await rows(
                    "DELETE FROM monitors WHERE team = \(team) AND uuid = \(uuid) RETURNING uuid",
                    on: connection,
                    { try $0.decode(String.self) }
                )
                guard !deleted.isEmpty else { return false }
                try await connection.query("DELETE FROM monitor_pings WHERE monitor = \(uuid)", logger: logger)
                try await connection.query("DELETE FROM monitor_flips WHERE monitor = \(uuid)", logger: logger)
                return true
            }
        }
    }

    public func pings(team: String, uuid: String, limit: Int) async throws -> [MonitorPingRecord] {
        try await guarded {
            try await rows(
                """
                SELECT p.n, p.at, p.kind, p.rid, p.method, p.remote, p.user_agent, p.body, p.duration
                FROM monitor_pings p JOIN monitors m ON m.uuid = p.monitor
                WHERE m.team = \(team) AND p.monitor = \(uuid) ORDER BY p.n DESC LIMIT \(Int64(limit))
                """
            ) { postgresRow in
                let row = postgresRow.makeRandomAccess()
                return MonitorPingRecord(
                    at: Date(timeIntervalSince1970: try row[1].decode(Double.self)),
                    kind: MonitorPingRecord.kind(try row[2].decode(String.self)),
                    rid: try row[3].decode(String?.self),
                    method: try row[4].decode(String.self),
                    remoteAddress: try row[5].decode(String?.self),
                    userAgent: try row[6].decode(String?.self),
                    body: try row[7].decode(Data.self),
                    duration: try row[8].decode(Double?.self),
                    number: try row[0].decode(Int64.self)
                )
            }
        }
    }

    public func flips(team: String, uuid: String, limit: Int) async throws -> [MonitorFlip] {
        try await guarded {
            try await rows(
                """
                SELECT f.at, f.old, f.new FROM monitor_flips f JOIN monitors m ON m.uuid = f.monitor
                WHERE m.team = \(team) AND f.monitor = \(uuid) ORDER BY f.id DESC LIMIT \(Int64(limit))
                """
            ) { row in
                let (at, old, new) = try row.decode((Double, String, String).self)
                return MonitorFlip(
                    at: Date(timeIntervalSince1970: at),
                    from: MonitorStatus(rawValue: old) ?? .new,
                    to: MonitorStatus(rawValue: new) ?? .new
                )
            }
        }
    }

    public func dueMonitors(at: Date, limit: Int) async throws -> [MonitorRecord] {
        try await guarded {
            try await rows(
                Self.select(
                    """
                    WHERE next_deadline IS NOT NULL AND next_deadline <= \(at.timeIntervalSince1970)
                    ORDER BY next_deadline LIMIT \(Int64(limit))
                    """
                ),
                Self.monitorRecord
            )
        }
    }
}

/// A query put together from parts: SQL text and its binds, each bind's placeholder numbered after
/// those already there.
private struct QueryText {
    var sql: String
    var binds: PostgresBindings

    init(_ start: PostgresQuery) {
        sql = start.sql
        binds = start.binds
    }

    /// The placeholder of a new bind.
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value?) throws -> String {
        try binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
