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
                    next_deadline, check_at, created, last_n, version)
                SELECT \(m.uuid), name, \(m.name), \(m.slug), \(m.owner), \(m.stakes.rawValue), \(m.timeout), \
                \(m.cron), \(m.timeZone), \(m.grace), \(m.maxRuntime), \(m.minRuntime), \(Int64(m.failureTolerance)), \
                \(m.parent), \(m.tags.joined(separator: " ")), \(m.desc), \(s.status.rawValue), \
                \(s.lastPing?.timeIntervalSince1970), \(s.lastStart?.timeIntervalSince1970), \(s.lastStartRid), \
                \(s.lastDuration), \(Int64(s.consecutiveFailures)), \(s.downSince?.timeIntervalSince1970), \
                \(s.parentDown), \(MonitorFailureText.encode(s.heldFailure)), \(s.incidentOpen), \(m.incidentLoop), \
                \(m.nextDeadline?.timeIntervalSince1970), \(m.nextDeadline?.timeIntervalSince1970), \
                \(m.createdAt.timeIntervalSince1970), \(m.lastPingNumber), \
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

    public func monitors(team: String, name: String) async throws -> [MonitorRecord] {
        try await guarded {
            try await rows(Self.select("WHERE team = \(team) AND name = \(name) ORDER BY slug"), Self.monitorRecord)
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
            } catch {
                let failure = (error as? TransactionFailure)?.cause ?? error
                guard (failure as? PSQLError)?.serverInfo?[.sqlState] == "23505" else { throw error }
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
        // Changes of distinct monitors that write no events (a batch of pings, as a rule) are one
        // statement, which is a transaction of its own: one round trip instead of BEGIN, it, COMMIT.
        // Checked once a connection is had (`MonitorChange.notAfter`): with PostgreSQL out of reach a
        // save waits here, and its ping was answered 503 meanwhile.
        func writable(_ index: Int) -> Bool { changes[index].notAfter.map { Date() <= $0 } ?? true }
        if Set(uuids).count == uuids.count, changes.allSatisfy({ $0.events.isEmpty }) {
            let numbers = try await client.withConnection { connection in
                let written = changes.indices.filter(writable).map { changes[$0] }
                return written.isEmpty ? [:] : try await save(written, on: connection)
            }
            return Self.saved(changes, numbers)
        }
        return try await transaction { connection in
            // Each statement saves a monitor once, so a second change of one monitor waits for
            // the next. Its rows are locked in uuid order, then the teams' ledgers in name order:
            // two servers saving at once take their locks in one order and never wait in a circle.
            var saved = [MonitorRecord?](repeating: nil, count: changes.count)
            var rest = changes.indices.filter(writable)
            while !rest.isEmpty {
                var seen: Set<String> = []
                var round: [Int] = []
                var later: [Int] = []
                for index in rest {
                    if seen.insert(uuids[index]).inserted { round.append(index) } else { later.append(index) }
                }
                rest = later
                let roundChanges = round.map { changes[$0] }
                let numbers = try await save(roundChanges, on: connection)
                for (index, monitor) in zip(round, Self.saved(roundChanges, numbers)) { saved[index] = monitor }
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

    /// The monitors as stored by changes one statement saved, given the last ping numbers it returned
    /// by uuid; nil for a change it did not write.
    private static func saved(_ changes: [MonitorChange], _ numbers: [String: Int64]) -> [MonitorRecord?] {
        changes.map { change in
            guard let lastNumber = numbers[change.monitor.uuid] else { return nil }
            var monitor = change.monitor
            monitor.version += change.steps
            monitor.lastPingNumber = lastNumber
            return monitor
        }
    }

    /// Changes of distinct monitors, each a compare-and-set, in one `MonitorSaveStatement`: the
    /// stored last ping numbers of the monitors saved, by uuid.
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
        let statement = MonitorSaveStatement(
            monitors: document(monitors),
            pings: document(pings),
            flips: document(flips)
        )
        var numbers: [String: Int64] = [:]
        for try await (uuid, lastNumber) in try await connection.execute(statement, logger: logger) {
            numbers[uuid] = lastNumber
        }
        return numbers
    }

    public func deleteMonitor(team: String, uuid: String) async throws -> Bool {
        try await guarded {
            try await transaction { connection in
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

    /// The monitors at or past their deadline, found through `check_at`, the indexed lower bound of
    /// the deadline: those it finds not yet due get `check_at` raised to their deadline in the same
    /// statement (whose read sees the rows as before it), so the next scan skips them.
    public func dueMonitors(at: Date, limit: Int) async throws -> [MonitorRecord] {
        let instant = at.timeIntervalSince1970
        let query: PostgresQuery = """
            WITH raised AS (
                UPDATE monitors SET check_at = next_deadline
                WHERE check_at <= \(instant) AND (next_deadline IS NULL OR next_deadline > \(instant))
            )
            \(unescaped: Self.monitorColumns.sql)
            WHERE check_at <= \(instant) AND next_deadline <= \(instant)
            ORDER BY next_deadline LIMIT \(Int64(limit))
            """
        return try await guarded { try await rows(query, Self.monitorRecord) }
    }
}
