public import Foundation
import GRDB
public import OwnCore

extension SQLiteTeamStore: MonitorStore {
    static let monitorColumns = """
        uuid, team, name, slug, owner, stakes, timeout, cron, tz, grace, max_runtime, min_runtime,
        failure_tolerance, parent, tags, descr, status, last_ping, last_start, last_start_rid,
        last_duration, failures, down_since, parent_down, held_failure, incident_open, incident_loop,
        next_deadline, created, last_n, version
        """

    private static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    private static func monitorRecord(_ row: Row) -> MonitorRecord {
        var monitor = MonitorRecord(
            uuid: row[0],
            team: row[1],
            name: row[2],
            slug: row[3],
            owner: row[4],
            stakes: Stakes(rawValue: row[5]) ?? .medium,
            timeout: row[6],
            cron: row[7],
            timeZone: row[8],
            grace: row[9],
            maxRuntime: row[10],
            minRuntime: row[11],
            failureTolerance: row[12],
            parent: row[13],
            tags: (row[14] as String).split(separator: " ").map(String.init),
            desc: row[15],
            createdAt: Date(timeIntervalSince1970: row[28])
        )
        monitor.state.status = MonitorStatus(rawValue: row[16]) ?? .new
        monitor.state.lastPing = date(row[17])
        monitor.state.lastStart = date(row[18])
        monitor.state.lastStartRid = row[19]
        monitor.state.lastDuration = row[20]
        monitor.state.consecutiveFailures = row[21]
        monitor.state.downSince = date(row[22])
        monitor.state.parentDown = row[23]
        monitor.state.heldFailure = MonitorFailureText.decode(row[24])
        monitor.state.incidentOpen = row[25]
        monitor.incidentLoop = row[26]
        monitor.nextDeadline = date(row[27])
        monitor.lastPingNumber = row[29]
        monitor.version = row[30]
        return monitor
    }

    /// The values of a monitor's row, in `monitorColumns` order.
    private static func arguments(_ monitor: MonitorRecord) -> StatementArguments {
        let state = monitor.state
        let values: [(any DatabaseValueConvertible)?] = [
            monitor.uuid, monitor.team, monitor.name, monitor.slug, monitor.owner, monitor.stakes.rawValue,
            monitor.timeout, monitor.cron, monitor.timeZone, monitor.grace, monitor.maxRuntime,
            monitor.minRuntime, monitor.failureTolerance, monitor.parent, monitor.tags.joined(separator: " "),
            monitor.desc, state.status.rawValue, state.lastPing?.timeIntervalSince1970,
            state.lastStart?.timeIntervalSince1970, state.lastStartRid, state.lastDuration,
            state.consecutiveFailures, state.downSince?.timeIntervalSince1970, state.parentDown,
            MonitorFailureText.encode(state.heldFailure), state.incidentOpen, monitor.incidentLoop,
            monitor.nextDeadline?.timeIntervalSince1970, monitor.createdAt.timeIntervalSince1970,
            monitor.lastPingNumber, monitor.version,
        ]
        return StatementArguments(values)
    }

    public func addMonitor(_ monitor: MonitorRecord) async throws -> MonitorRecord {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, monitor.team)
                let exists = try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM monitors WHERE (team = ? AND slug = ?) OR uuid = ?",
                    arguments: [monitor.team, monitor.slug, monitor.uuid]
                )
                if exists != nil { throw TeamStoreError.monitorExists(team: monitor.team, slug: monitor.slug) }
                var added = monitor
                added.version = 1
                added.lastPingNumber = 0
                try db.execute(
                    sql: """
                        INSERT INTO monitors (\(Self.monitorColumns), check_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: Self.arguments(added) + [added.nextDeadline?.timeIntervalSince1970]
                )
                return added
            }
        }
    }

    public func monitor(uuid: String) async throws -> MonitorRecord? {
        try await monitors(where: "uuid = ?", [uuid]).first
    }

    public func monitor(team: String, slug: String) async throws -> MonitorRecord? {
        try await monitors(where: "team = ? AND slug = ?", [team, slug]).first
    }

    public func monitors(team: String) async throws -> [MonitorRecord] {
        try await monitors(where: "team = ? ORDER BY name, slug", [team])
    }

    public func monitors(team: String, name: String) async throws -> [MonitorRecord] {
        try await monitors(where: "team = ? AND name = ? ORDER BY slug", [team, name])
    }

    public func monitors(team: String, parent: String) async throws -> [MonitorRecord] {
        try await monitors(where: "team = ? AND parent = ? ORDER BY name, slug", [team, parent])
    }

    public func monitors(uuids: [String]) async throws -> [MonitorRecord] {
        try await monitors(
            where: "uuid IN (SELECT value FROM json_each(?))",
            [JSONWriter.string(.array(uuids.map(JSONValue.string)))]
        )
    }

    /// The monitors a condition (and its order) selects: every read of monitors by their columns.
    private func monitors(where condition: String, _ arguments: StatementArguments) async throws -> [MonitorRecord] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: "SELECT \(Self.monitorColumns) FROM monitors WHERE \(condition)",
                    arguments: arguments
                ).map(Self.monitorRecord)
            }
        }
    }

    public func save(_ changes: [MonitorChange]) async throws -> [MonitorRecord?] {
        try await guarded {
            try await pool.write { db in
                // Checked once the store is reached (`MonitorChange.notAfter`).
                let now = Date()
                return try changes.map { change -> MonitorRecord? in
                    if let notAfter = change.notAfter, now > notAfter { return nil }
                    guard let saved = try Self.save(change, in: db) else { return nil }
                    if !change.events.isEmpty {
                        _ = try Self.append(change.events, team: saved.team, check: { _, _ in }, in: db)
                    }
                    return saved
                }
            }
        }
    }

    /// The state columns a save sets, in `stateArguments` order: what the status machine changes.
    /// No index covers them, so a ping's update moves no index entry.
    private static let stateColumns = """
        status = ?, last_ping = ?, last_start = ?, last_start_rid = ?, last_duration = ?, failures = ?,
        down_since = ?, parent_down = ?, held_failure = ?, incident_open = ?, incident_loop = ?, next_deadline = ?
        """

    /// The settings columns a save sets when its change may alter them, in `settingsArguments` order:
    /// every other column but the uuid, the team and the creation instant, which never change, and
    /// `check_at`, `last_n` and `version`, which the save computes.
    private static let settingsColumns = """
        name = ?, slug = ?, owner = ?, stakes = ?, timeout = ?, cron = ?, tz = ?, grace = ?, max_runtime = ?,
        min_runtime = ?, failure_tolerance = ?, parent = ?, tags = ?, descr = ?
        """

    /// A change's state `UPDATE` arguments: `stateColumns`, then the pings it adds, its steps, and the
    /// row it is for at the version read.
    private static func stateArguments(_ change: MonitorChange) -> StatementArguments {
        let monitor = change.monitor
        let state = monitor.state
        let values: [(any DatabaseValueConvertible)?] = [
            state.status.rawValue, state.lastPing?.timeIntervalSince1970, state.lastStart?.timeIntervalSince1970,
            state.lastStartRid, state.lastDuration, state.consecutiveFailures,
            state.downSince?.timeIntervalSince1970, state.parentDown, MonitorFailureText.encode(state.heldFailure),
            state.incidentOpen, monitor.incidentLoop, monitor.nextDeadline?.timeIntervalSince1970,
            change.pings.count, change.steps, monitor.uuid, monitor.team, monitor.version,
        ]
        return StatementArguments(values)
    }

    /// A monitor's settings `UPDATE` arguments: `settingsColumns`, then its uuid.
    private static func settingsArguments(_ monitor: MonitorRecord) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            monitor.name, monitor.slug, monitor.owner, monitor.stakes.rawValue, monitor.timeout, monitor.cron,
            monitor.timeZone, monitor.grace, monitor.maxRuntime, monitor.minRuntime, monitor.failureTolerance,
            monitor.parent, monitor.tags.joined(separator: " "), monitor.desc, monitor.uuid,
        ]
        return StatementArguments(values)
    }

    /// One change's compare-and-set inside the batch's transaction: one `UPDATE` of the row's state at
    /// the version read, which also counts the pings; its settings only when the change may alter them
    /// (a slug taken by another of the team's monitors fails the unique index); `check_at`, the indexed
    /// lower bound of the deadline, only when the deadline drops below it or is cleared, so a ping that
    /// moves the deadline later moves no index entry; then the pings and flips.
    private static func save(_ change: MonitorChange, in db: Database) throws -> MonitorRecord? {
        let monitor = change.monitor
        let update = try db.cachedStatement(
            sql: """
                UPDATE monitors SET \(stateColumns), last_n = last_n + ?, version = version + ?
                WHERE uuid = ? AND team = ? AND version = ? RETURNING last_n, check_at
                """
        )
        guard let row = try Row.fetchOne(update, arguments: stateArguments(change)) else { return nil }
        let lastNumber: Int64 = row[0]
        let checkAt: Double? = row[1]
        if change.changesSettings {
            do {
                try db.cachedStatement(sql: "UPDATE monitors SET \(settingsColumns) WHERE uuid = ?")
                    .execute(arguments: settingsArguments(monitor))
            } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
                throw TeamStoreError.monitorExists(team: monitor.team, slug: monitor.slug)
            }
        }
        let deadline = monitor.nextDeadline?.timeIntervalSince1970
        let lowered: Bool
        if let deadline, let checkAt { lowered = deadline < checkAt } else { lowered = deadline != checkAt }
        if lowered {
            try db.cachedStatement(sql: "UPDATE monitors SET check_at = ? WHERE uuid = ?")
                .execute(arguments: [deadline, monitor.uuid])
        }
        var saved = monitor
        saved.version += change.steps
        saved.lastPingNumber = lastNumber
        if !change.pings.isEmpty {
            let insertPing = try db.cachedStatement(
                sql: """
                    INSERT INTO monitor_pings (monitor, n, at, kind, rid, method, remote, user_agent, body, duration)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            )
            var number = lastNumber - Int64(change.pings.count)
            for ping in change.pings {
                number += 1
                try insertPing.execute(arguments: [
                    monitor.uuid, number, ping.at.timeIntervalSince1970, ping.kindText, ping.rid, ping.method,
                    ping.remoteAddress, ping.userAgent, ping.body, ping.duration,
                ])
            }
            if lastNumber > MonitorPingRecord.kept {
                try db.cachedStatement(sql: "DELETE FROM monitor_pings WHERE monitor = ? AND n <= ?").execute(
                    arguments: [monitor.uuid, lastNumber - MonitorPingRecord.kept]
                )
            }
        }
        if !change.flips.isEmpty {
            let insertFlip = try db.cachedStatement(
                sql: "INSERT INTO monitor_flips (monitor, at, old, new) VALUES (?, ?, ?, ?)"
            )
            for flip in change.flips {
                try insertFlip.execute(arguments: [
                    monitor.uuid, flip.at.timeIntervalSince1970, flip.from.rawValue, flip.to.rawValue,
                ])
            }
        }
        return saved
    }

    public func deleteMonitor(team: String, uuid: String) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM monitors WHERE team = ? AND uuid = ?", arguments: [team, uuid])
                guard db.changesCount > 0 else { return false }
                try db.execute(sql: "DELETE FROM monitor_pings WHERE monitor = ?", arguments: [uuid])
                try db.execute(sql: "DELETE FROM monitor_flips WHERE monitor = ?", arguments: [uuid])
                return true
            }
        }
    }

    public func pings(team: String, uuid: String, limit: Int) async throws -> [MonitorPingRecord] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.n, p.at, p.kind, p.rid, p.method, p.remote, p.user_agent, p.body, p.duration
                        FROM monitor_pings p JOIN monitors m ON m.uuid = p.monitor
                        WHERE m.team = ? AND p.monitor = ? ORDER BY p.n DESC LIMIT ?
                        """,
                    arguments: [team, uuid, limit]
                ).map { row in
                    MonitorPingRecord(
                        at: Date(timeIntervalSince1970: row[1]),
                        kind: MonitorPingRecord.kind(row[2]),
                        rid: row[3],
                        method: row[4],
                        remoteAddress: row[5],
                        userAgent: row[6],
                        body: row[7],
                        duration: row[8],
                        number: row[0]
                    )
                }
            }
        }
    }

    public func flips(team: String, uuid: String, limit: Int) async throws -> [MonitorFlip] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT f.at, f.old, f.new FROM monitor_flips f JOIN monitors m ON m.uuid = f.monitor
                        WHERE m.team = ? AND f.monitor = ? ORDER BY f.id DESC LIMIT ?
                        """,
                    arguments: [team, uuid, limit]
                ).map { row in
                    MonitorFlip(
                        at: Date(timeIntervalSince1970: row[0]),
                        from: MonitorStatus(rawValue: row[1]) ?? .new,
                        to: MonitorStatus(rawValue: row[2]) ?? .new
                    )
                }
            }
        }
    }

    /// The monitors at or past their deadline, found through `check_at`, the indexed lower bound of
    /// the deadline: those it finds not yet due first get `check_at` raised to their deadline, so the
    /// next scan skips them.
    public func dueMonitors(at: Date, limit: Int) async throws -> [MonitorRecord] {
        let instant = at.timeIntervalSince1970
        return try await guarded {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE monitors SET check_at = next_deadline
                        WHERE check_at <= ? AND (next_deadline IS NULL OR next_deadline > ?)
                        """,
                    arguments: [instant, instant]
                )
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.monitorColumns) FROM monitors
                        WHERE check_at <= ? AND next_deadline <= ? ORDER BY next_deadline LIMIT ?
                        """,
                    arguments: [instant, instant, limit]
                ).map(Self.monitorRecord)
            }
        }
    }
}
