public import Foundation
import GRDB
import OwnCore

/// The delivery side on SQLite. One process writes the file, so a claim is a plain write
/// transaction: select the due rows, mark them claimed.
extension SQLiteTeamStore: DeliveryStore {
    // MARK: Channels

    public func addChannel(_ channel: Channel) async throws -> Channel {
        try channel.validate()
        return try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, channel.team)
                if try Bool.fetchOne(
                    db,
                    sql: "SELECT 1 FROM channels WHERE team = ? AND name = ?",
                    arguments: [channel.team, channel.name]
                ) != nil {
                    throw TeamStoreError.channelExists(team: channel.team, name: channel.name)
                }
                try db.execute(
                    sql: "INSERT INTO channels (team, name, kind, url, created) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        channel.team, channel.name, channel.kind.rawValue, channel.url,
                        channel.createdAt.timeIntervalSince1970,
                    ]
                )
                return Channel(
                    team: channel.team,
                    name: channel.name,
                    kind: channel.kind,
                    url: channel.url,
                    createdAt: channel.createdAt
                )
            }
        }
    }

    private static let channelColumns =
        "team, name, kind, url, created, last_error, failing_since, \(Channel.retryingSQL)"

    private static func channel(_ row: Row) -> Channel {
        Channel(
            team: row[0],
            name: row[1],
            kind: Channel.Kind(rawValue: row[2]) ?? .webhook,
            url: row[3],
            createdAt: Date(timeIntervalSince1970: row[4]),
            lastError: row[5],
            failingSince: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
            retrying: row[7]
        )
    }

    public func channels(team: String?) async throws -> [Channel] {
        try await rows(Self.channelColumns, of: "channels", team: team, order: "team, name").map(Self.channel)
    }

    public func removeChannel(team: String, name: String) async throws {
        try await guarded {
            try await pool.write { db in
                // What it was sent stays sent: its digests are kept with the skipped ones, which the
                // schedule reads as taken (the channel added again was sent today's standup again).
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT dedupe_key, created FROM outbox WHERE team = ? AND channel = ?",
                    arguments: [team, name]
                )
                for row in rows where DigestSlot(dedupeKey: row[0]) != nil {
                    try db.execute(
                        sql: "INSERT INTO skipped_sends (team, key, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        arguments: [team, row[0] as String, row[1] as Double]
                    )
                }
                try db.execute(
                    sql: """
                        DELETE FROM delivery_attempts WHERE message IN
                            (SELECT id FROM outbox WHERE team = ? AND channel = ?)
                        """,
                    arguments: [team, name]
                )
                try db.execute(sql: "DELETE FROM outbox WHERE team = ? AND channel = ?", arguments: [team, name])
                try db.execute(sql: "DELETE FROM channels WHERE team = ? AND name = ?", arguments: [team, name])
                guard db.changesCount > 0 else { throw TeamStoreError.unknownChannel(team: team, name: name) }
            }
        }
    }

    public func moveChannel(team: String, name: String, to url: String, kind: Channel.Kind) async throws {
        try Channel(team: team, name: name, kind: kind, url: url, createdAt: Date()).validate()
        try await guarded {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE channels SET url = ?, kind = ?, last_error = NULL, failing_since = NULL
                        WHERE team = ? AND name = ?
                        """,
                    arguments: [url, kind.rawValue, team, name]
                )
                guard db.changesCount > 0 else { throw TeamStoreError.unknownChannel(team: team, name: name) }
            }
        }
    }

    // MARK: Outbox

    @discardableResult
    public func enqueue(_ message: NewOutboxMessage) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                guard
                    try Bool.fetchOne(
                        db,
                        sql: "SELECT 1 FROM channels WHERE team = ? AND name = ?",
                        arguments: [message.team, message.channel]
                    ) != nil
                else { throw TeamStoreError.unknownChannel(team: message.team, name: message.channel) }
                let created = message.createdAt.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO outbox (team, channel, dedupe_key, body, created, state, next_at)
                        VALUES (?, ?, ?, ?, ?, 'pending', ?)
                        ON CONFLICT (team, channel, dedupe_key) DO NOTHING
                        """,
                    arguments: [message.team, message.channel, message.dedupeKey, message.body, created, created]
                )
                return db.changesCount > 0
            }
        }
    }

    private static let messageColumns = """
        o.id, o.team, o.channel, o.dedupe_key, o.body, o.created, c.url, o.state, o.next_at, o.attempts, o.sent
        """

    private static func message(_ row: Row) -> OutboxMessage {
        OutboxMessage(
            id: row[0],
            message: NewOutboxMessage(
                team: row[1],
                channel: row[2],
                dedupeKey: row[3],
                body: row[4],
                createdAt: Date(timeIntervalSince1970: row[5])
            ),
            url: row[6],
            state: OutboxMessage.State(rawValue: row[7]) ?? .pending,
            nextAt: Date(timeIntervalSince1970: row[8]),
            attempts: row[9],
            sentAt: (row[10] as Double?).map(Date.init(timeIntervalSince1970:))
        )
    }

    public func claim(
        now: Date,
        claimer: String,
        leaseUntil: Date,
        limit: Int,
        excluding: Set<String>
    ) async throws -> [OutboxMessage] {
        try await guarded {
            try await pool.write { db in
                let moment = now.timeIntervalSince1970
                let busy = excluding.sorted()
                let notBusy =
                    busy.isEmpty
                    ? "" : " AND team || char(31) || channel NOT IN (\(databaseQuestionMarks(count: busy.count)))"
                let ids = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT id FROM outbox
                        WHERE ((state = 'pending' AND next_at <= ?) OR (state = 'sending' AND lease_until <= ?))\(notBusy)
                        ORDER BY next_at, id LIMIT ?
                        """,
                    arguments: [moment, moment] + StatementArguments(busy) + [limit]
                )
                guard !ids.isEmpty else { return [] }
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'sending', claimer = ?, lease_until = ?
                        WHERE id IN (\(marks))
                        """,
                    arguments: [claimer, leaseUntil.timeIntervalSince1970] + StatementArguments(ids)
                )
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.messageColumns) FROM outbox o
                        JOIN channels c ON c.team = o.team AND c.name = o.channel
                        WHERE o.id IN (\(marks)) ORDER BY o.next_at, o.id
                        """,
                    arguments: StatementArguments(ids)
                ).map(Self.message)
            }
        }
    }

    @discardableResult
    public func record(_ attempt: DeliveryAttempt, claimer: String, retryAt: Date?) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                let at = attempt.at.timeIntervalSince1970
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT team, channel FROM outbox WHERE id = ? AND state = 'sending' AND claimer = ?",
                        arguments: [attempt.message, claimer]
                    )
                else { return false }
                let team: String = row[0]
                let channel: String = row[1]
                try db.execute(
                    sql: "INSERT INTO delivery_attempts (message, at, status, error) VALUES (?, ?, ?, ?)",
                    arguments: [attempt.message, at, attempt.status, attempt.error]
                )
                if let error = attempt.error {
                    if let retryAt {
                        try db.execute(
                            sql: """
                                UPDATE outbox SET state = 'pending', next_at = ?, claimer = NULL, lease_until = NULL,
                                    attempts = attempts + 1 WHERE id = ?
                                """,
                            arguments: [retryAt.timeIntervalSince1970, attempt.message]
                        )
                        try db.execute(
                            sql: "UPDATE channels SET last_error = ? WHERE team = ? AND name = ?",
                            arguments: [error, team, channel]
                        )
                    } else {
                        try db.execute(
                            sql: """
                                UPDATE outbox SET state = 'failed', claimer = NULL, lease_until = NULL,
                                    attempts = attempts + 1 WHERE id = ?
                                """,
                            arguments: [attempt.message]
                        )
                        try db.execute(
                            sql: """
                                UPDATE channels SET last_error = ?, failing_since = coalesce(failing_since, ?)
                                WHERE team = ? AND name = ?
                                """,
                            arguments: [error, at, team, channel]
                        )
                    }
                } else {
                    try db.execute(
                        sql: """
                            UPDATE outbox SET state = 'sent', sent = ?, claimer = NULL, lease_until = NULL,
                                attempts = attempts + 1 WHERE id = ?
                            """,
                        arguments: [at, attempt.message]
                    )
                    try db.execute(
                        sql: "UPDATE channels SET failing_since = NULL WHERE team = ? AND name = ?",
                        arguments: [team, channel]
                    )
                }
                return true
            }
        }
    }

    public func outbox(team: String) async throws -> [OutboxMessage] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(Self.messageColumns) FROM outbox o
                        JOIN channels c ON c.team = o.team AND c.name = o.channel
                        WHERE o.team = ? ORDER BY o.id
                        """,
                    arguments: [team]
                ).map(Self.message)
            }
        }
    }

    public func attempts(message id: Int64) async throws -> [DeliveryAttempt] {
        try await guarded {
            try await pool.read { db in
                try Row.fetchAll(
                    db,
                    sql:
                        "SELECT message, at, status, error FROM delivery_attempts WHERE message = ? ORDER BY at, rowid",
                    arguments: [id]
                ).map { row in
                    DeliveryAttempt(
                        message: row[0],
                        at: Date(timeIntervalSince1970: row[1]),
                        status: row[2],
                        error: row[3]
                    )
                }
            }
        }
    }
}
