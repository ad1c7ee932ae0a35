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

    public func monitors(team: String, parent: String) async throws -> [MonitorRecord] {
        try await guarded {
            try await rows(
                Self.select("WHERE team = \(team) AND parent = \(parent) ORDER BY name, slug"),
                Self.monitorRecord
            )
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
            do {
                return try await save(changes, uuids: uuids)
            } catch let error as PostgresTransactionError
                where (error.closureError as? PSQLError)?.serverInfo?[.sqlState] == "23505"
            {
                // A unique index refused the transaction: name the slug another monitor of the team
                // uses, if that was it. Checked only then, so a batch of pings costs no read of its own.
                let taken = try await rows(
                    """
                    SELECT c.team, c.slug FROM unnest(\(uuids)::text[], \(teams)::text[], \(slugs)::text[])
                        AS c(uuid, team, slug)
                    JOIN monitors m ON m.team = c.team AND m.slug = c.slug AND m.uuid <> c.uuid
                    LIMIT 1
                    """,
                    { try $0.decode((String, String).self) }
                )
                if let first = taken.first { throw TeamStoreError.monitorExists(team: first.0, slug: first.1) }
                throw error
            }
        }
    }

    /// `save(_:)` in one transaction, a uuid that is another team's being no monitor of this team:
    /// its change is not written and its result is nil, as for a monitor that is gone.
    private func save(_ changes: [MonitorChange], uuids: [String]) async throws -> [MonitorRecord?] {
        try await client.withTransaction(logger: logger) { connection in
            // Each statement saves a monitor once, so a second change of one monitor waits for
            // the next. Its rows are locked in uuid order, then the teams' ledgers in name order:
            // two servers saving at once take their locks in one order and never wait in a circle.
            var saved = [MonitorRecord?](repeating: nil, count: changes.count)
            var rest = Array(changes.indices)
            while !rest.isEmpty {
                var seen: Set<String> = []
                var round: [Int] = []
                var later: [Int] = []
                for index in rest {
                    if seen.insert(uuids[index]).inserted { round.append(index) } else { later.append(index) }
                }
                rest = later
                let numbers = try await save(round.map { changes[$0] }, on: connection)
                for index in round {
                    guard let lastNumber = numbers[uuids[index]] else { continue }
                    var monitor = changes[index].monitor
                    monitor.version += changes[index].steps
                    monitor.lastPingNumber = lastNumber
                    saved[index] = monitor
                }
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

    /// Changes of distinct monitors, each a compare-and-set, in one statement whatever their number:
    /// the rows still at the version read are updated, and the pings and flips written only for
    /// them. The changes, pings and flips go as JSON documents (`jsonb_to_recordset`), where an
    /// absent value is NULL. The stored last ping numbers of the monitors saved, by uuid.
    private func save(_ changes: [MonitorChange], on connection: PostgresConnection) async throws -> [String: Int64] {
        var monitors: [String] = []
        var pings: [String] = []
        var flips: [String] = []
        for change in changes {
            let m = change.monitor
            let s = m.state
            var row = JSONObjectWriter(capacity: 512)
            row.string("uuid", m.uuid)
            row.string("team", m.team)
            row.number("version", Double(m.version))
            row.number("steps", Double(change.steps))
            row.number("added", Double(change.pings.count))
            row.string("name", m.name)
            row.string("slug", m.slug)
            row.string("owner", m.owner)
            row.string("stakes", m.stakes.rawValue)
            row.number("timeout", m.timeout)
            row.string("cron", m.cron)
            row.string("tz", m.timeZone)
            row.number("grace", m.grace)
            row.number("max_runtime", m.maxRuntime)
            row.number("min_runtime", m.minRuntime)
            row.number("failure_tolerance", Double(m.failureTolerance))
            row.string("parent", m.parent)
            row.string("tags", m.tags.joined(separator: " "))
            row.string("descr", m.desc)
            row.string("status", s.status.rawValue)
            row.number("last_ping", s.lastPing?.timeIntervalSince1970)
            row.number("last_start", s.lastStart?.timeIntervalSince1970)
            row.string("last_start_rid", s.lastStartRid)
            row.number("last_duration", s.lastDuration)
            row.number("failures", Double(s.consecutiveFailures))
            row.number("down_since", s.downSince?.timeIntervalSince1970)
            row.bool("parent_down", s.parentDown)
            row.string("held_failure", MonitorFailureText.encode(s.heldFailure))
            row.bool("incident_open", s.incidentOpen)
            row.string("incident_loop", m.incidentLoop)
            row.number("next_deadline", m.nextDeadline?.timeIntervalSince1970)
            monitors.append(row.finish())
            for (index, ping) in change.pings.enumerated() {
                var row = JSONObjectWriter(capacity: 256)
                row.string("monitor", m.uuid)
                row.number("ord", Double(index + 1))
                row.number("at", ping.at.timeIntervalSince1970)
                row.string("kind", ping.kindText)
                row.string("rid", ping.rid)
                row.string("method", ping.method)
                row.string("remote", ping.remoteAddress)
                row.string("user_agent", ping.userAgent)
                row.string("body", ping.body.base64EncodedString())
                row.number("duration", ping.duration)
                pings.append(row.finish())
            }
            for (index, flip) in change.flips.enumerated() {
                var row = JSONObjectWriter(capacity: 128)
                row.string("monitor", m.uuid)
                row.number("ord", Double(index + 1))
                row.number("at", flip.at.timeIntervalSince1970)
                row.string("old", flip.from.rawValue)
                row.string("new", flip.to.rawValue)
                flips.append(row.finish())
            }
        }
        func document(_ rows: [String]) -> String { "[" + rows.joined(separator: ",") + "]" }
        // The pings a save would drop at once (more than `kept` in one change) are not written; the
        // statement's snapshot predates its own inserts, so only older pings are dropped.
        let query: PostgresQuery = """
            WITH c AS (
                SELECT * FROM jsonb_to_recordset(\(document(monitors))::jsonb) AS c(
                    uuid text, team text, version bigint, steps bigint, added bigint, name text, slug text,
                    owner text, stakes text, timeout float8, cron text, tz text, grace float8, max_runtime float8,
                    min_runtime float8, failure_tolerance bigint, parent text, tags text, descr text, status text,
                    last_ping float8, last_start float8, last_start_rid text, last_duration float8,
                    failures bigint, down_since float8, parent_down boolean, held_failure text,
                    incident_open boolean, incident_loop text, next_deadline float8)
            ), locked AS (
                SELECT m.uuid FROM monitors m JOIN c ON m.uuid = c.uuid AND m.team = c.team
                ORDER BY m.uuid FOR UPDATE OF m
            ), saved AS (
                UPDATE monitors m SET name = c.name, slug = c.slug, owner = c.owner, stakes = c.stakes,
                    timeout = c.timeout, cron = c.cron, tz = c.tz, grace = c.grace, max_runtime = c.max_runtime,
                    min_runtime = c.min_runtime, failure_tolerance = c.failure_tolerance, parent = c.parent,
                    tags = c.tags, descr = c.descr, status = c.status, last_ping = c.last_ping,
                    last_start = c.last_start, last_start_rid = c.last_start_rid, last_duration = c.last_duration,
                    failures = c.failures, down_since = c.down_since, parent_down = c.parent_down,
                    held_failure = c.held_failure, incident_open = c.incident_open,
                    incident_loop = c.incident_loop, next_deadline = c.next_deadline,
                    last_n = m.last_n + c.added, version = m.version + c.steps
                FROM c JOIN locked l ON l.uuid = c.uuid
                WHERE m.uuid = c.uuid AND m.team = c.team AND m.version = c.version
                RETURNING m.uuid, m.last_n, c.added
            ), pinged AS (
                INSERT INTO monitor_pings (monitor, n, at, kind, rid, method, remote, user_agent, body, duration)
                SELECT p.monitor, s.last_n - s.added + p.ord, p.at, p.kind, p.rid, p.method, p.remote,
                    p.user_agent, decode(p.body, 'base64'), p.duration
                FROM jsonb_to_recordset(\(document(pings))::jsonb) AS p(
                    monitor text, ord bigint, at float8, kind text, rid text, method text, remote text,
                    user_agent text, body text, duration float8)
                JOIN saved s ON s.uuid = p.monitor
                WHERE p.ord > s.added - \(MonitorPingRecord.kept)
            ), dropped AS (
                DELETE FROM monitor_pings d USING saved s
                WHERE s.added > 0 AND d.monitor = s.uuid AND d.n <= s.last_n - \(MonitorPingRecord.kept)
            ), flipped AS (
                INSERT INTO monitor_flips (monitor, at, old, new)
                SELECT f.monitor, f.at, f.old, f.new
                FROM jsonb_to_recordset(\(document(flips))::jsonb) AS f(
                    monitor text, ord bigint, at float8, old text, new text)
                JOIN saved s ON s.uuid = f.monitor ORDER BY f.monitor, f.ord
            )
            SELECT uuid, last_n FROM saved
            """
        var numbers: [String: Int64] = [:]
        for (uuid, lastNumber) in try await rows(query, on: connection, { try $0.decode((String, Int64).self) }) {
            numbers[uuid] = lastNumber
        }
        return numbers
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
