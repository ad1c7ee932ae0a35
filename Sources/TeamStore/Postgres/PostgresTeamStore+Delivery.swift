public import Foundation
import OwnCore
import PostgresNIO

/// The delivery side on PostgreSQL. Several servers share the outbox: a claim is one `UPDATE` of
/// rows picked `FOR UPDATE SKIP LOCKED`, so two servers never claim the same message, and an
/// outcome is written only `WHERE claimer` is still the one recording it.
extension PostgresTeamStore: DeliveryStore {
    // MARK: Channels

    public func addChannel(_ channel: Channel) async throws -> Channel {
        try channel.validate()
        return try await guarded {
            try await transaction { connection in
                guard
                    try await !rows(
                        "SELECT 1::int8 FROM teams WHERE name = \(channel.team)",
                        on: connection,
                        { try $0.decode(Int64.self) }
                    ).isEmpty
                else { throw TeamStoreError.unknownTeam(channel.team) }
                let added = try await rows(
                    """
                    INSERT INTO channels (team, name, kind, url, created)
                    VALUES (\(channel.team), \(channel.name), \(channel.kind.rawValue), \(channel.url),
                        \(channel.createdAt.timeIntervalSince1970))
                    ON CONFLICT (team, name) DO NOTHING RETURNING name
                    """,
                    on: connection,
                    { try $0.decode(String.self) }
                )
                guard !added.isEmpty else { throw TeamStoreError.channelExists(team: channel.team, name: channel.name) }
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

    private static func channel(_ row: PostgresRow) throws -> Channel {
        let (team, name, kind, url, created, lastError, failing, retrying) = try row.decode(
            (String, String, String, String, Double, String?, Double?, Bool).self
        )
        return Channel(
            team: team,
            name: name,
            kind: Channel.Kind(rawValue: kind) ?? .webhook,
            url: url,
            createdAt: Date(timeIntervalSince1970: created),
            lastError: lastError,
            failingSince: failing.map(Date.init(timeIntervalSince1970:)),
            retrying: retrying
        )
    }

    public func channels(team: String?) async throws -> [Channel] {
        try await guarded {
            if let team {
                try await rows(
                    """
                    SELECT team, name, kind, url, created, last_error, failing_since, \(unescaped: Channel.retryingSQL)
                    FROM channels WHERE team = \(team) ORDER BY team, name
                    """,
                    Self.channel
                )
            } else {
                try await rows(
                    """
                    SELECT team, name, kind, url, created, last_error, failing_since, \(unescaped: Channel.retryingSQL)
                    FROM channels ORDER BY team, name
                    """,
                    Self.channel
                )
            }
        }
    }

    public func removeChannel(team: String, name: String) async throws {
        try await guarded {
            // What it was sent stays sent: its digests are kept with the skipped ones, which the
            // schedule reads as taken (the channel added again was sent today's standup again).
            let queued = try await rows(
                "SELECT dedupe_key, created FROM outbox WHERE team = \(team) AND channel = \(name)"
            ) { try $0.decode((String, Double).self) }
            for (key, created) in queued where DigestSlot(dedupeKey: key) != nil {
                _ = try await rows(
                    """
                    INSERT INTO skipped_sends (team, key, at) VALUES (\(team), \(key), \(created))
                    ON CONFLICT DO NOTHING RETURNING key
                    """
                ) { try $0.decode(String.self) }
            }
            let removed = try await rows(
                "DELETE FROM channels WHERE team = \(team) AND name = \(name) RETURNING name"
            ) { try $0.decode(String.self) }
            guard !removed.isEmpty else { throw TeamStoreError.unknownChannel(team: team, name: name) }
        }
    }

    public func moveChannel(team: String, name: String, to url: String, kind: Channel.Kind) async throws {
        try Channel(team: team, name: name, kind: kind, url: url, createdAt: Date()).validate()
        try await guarded {
            let moved = try await rows(
                """
                UPDATE channels SET url = \(url), kind = \(kind.rawValue), last_error = NULL, failing_since = NULL
                WHERE team = \(team) AND name = \(name) RETURNING name
                """
            ) { try $0.decode(String.self) }
            guard !moved.isEmpty else { throw TeamStoreError.unknownChannel(team: team, name: name) }
        }
    }

    // MARK: Outbox

    @discardableResult
    public func enqueue(_ message: NewOutboxMessage) async throws -> Bool {
        try await guarded {
            let created = message.createdAt.timeIntervalSince1970
            let inserted = try await rows(
                """
                INSERT INTO outbox (team, channel, dedupe_key, body, created, state, next_at)
                SELECT team, name, \(message.dedupeKey), \(message.body), \(created), 'pending', \(created)
                FROM channels WHERE team = \(message.team) AND name = \(message.channel)
                ON CONFLICT (team, channel, dedupe_key) DO NOTHING
                RETURNING id, true
                """
            ) { try $0.decode((Int64, Bool).self) }
            if !inserted.isEmpty { return true }
            let known = try await rows(
                "SELECT 1::int8 FROM channels WHERE team = \(message.team) AND name = \(message.channel)"
            ) { try $0.decode(Int64.self) }
            guard !known.isEmpty else {
                throw TeamStoreError.unknownChannel(team: message.team, name: message.channel)
            }
            return false
        }
    }

    private static func message(_ row: PostgresRow) throws -> OutboxMessage {
        let (id, team, channel, key, body, created, url, state, nextAt, attempts, sent) = try row.decode(
            (Int64, String, String, String, String, Double, String, String, Double, Int32, Double?).self
        )
        return OutboxMessage(
            id: id,
            message: NewOutboxMessage(
                team: team,
                channel: channel,
                dedupeKey: key,
                body: body,
                createdAt: Date(timeIntervalSince1970: created)
            ),
            url: url,
            state: OutboxMessage.State(rawValue: state) ?? .pending,
            nextAt: Date(timeIntervalSince1970: nextAt),
            attempts: Int(attempts),
            sentAt: sent.map(Date.init(timeIntervalSince1970:))
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
            let moment = now.timeIntervalSince1970
            let busy = excluding.sorted()
            return try await rows(
                """
                WITH due AS (
                    SELECT id FROM outbox
                    WHERE ((state = 'pending' AND next_at <= \(moment))
                        OR (state = 'sending' AND lease_until <= \(moment)))
                        AND NOT (team || chr(31) || channel = ANY(\(busy)))
                    ORDER BY next_at, id LIMIT \(Int64(limit))
                    FOR UPDATE SKIP LOCKED
                ), claimed AS (
                    UPDATE outbox o SET state = 'sending', claimer = \(claimer),
                        lease_until = \(leaseUntil.timeIntervalSince1970)
                    FROM due WHERE o.id = due.id
                    RETURNING o.id, o.team, o.channel, o.dedupe_key, o.body, o.created, o.next_at, o.attempts,
                        o.sent
                )
                SELECT claimed.id, claimed.team, claimed.channel, claimed.dedupe_key, claimed.body, claimed.created,
                    c.url, 'sending', claimed.next_at, claimed.attempts, claimed.sent
                FROM claimed JOIN channels c ON c.team = claimed.team AND c.name = claimed.channel
                ORDER BY claimed.next_at, claimed.id
                """,
                Self.message
            )
        }
    }

    @discardableResult
    public func record(_ attempt: DeliveryAttempt, claimer: String, retryAt: Date?) async throws -> Bool {
        try await guarded {
            try await transaction { connection in
                let at = attempt.at.timeIntervalSince1970
                let state = attempt.error == nil ? "sent" : (retryAt == nil ? "failed" : "pending")
                let sent: Double? = attempt.error == nil ? at : nil
                guard
                    let (team, channel) = try await rows(
                        """
                        UPDATE outbox SET state = \(state), claimer = NULL, lease_until = NULL,
                            attempts = attempts + 1,
                            next_at = coalesce(\(retryAt?.timeIntervalSince1970), next_at),
                            sent = \(sent)
                        WHERE id = \(attempt.message) AND state = 'sending' AND claimer = \(claimer)
                        RETURNING team, channel
                        """,
                        on: connection,
                        { try $0.decode((String, String).self) }
                    ).first
                else { return false }
                try await connection.query(
                    """
                    INSERT INTO delivery_attempts (message, at, status, error)
                    VALUES (\(attempt.message), \(at), \(attempt.status.map { Int32($0) }), \(attempt.error))
                    """,
                    logger: logger
                )
                switch state {
                case "sent":
                    try await connection.query(
                        "UPDATE channels SET failing_since = NULL WHERE team = \(team) AND name = \(channel)",
                        logger: logger
                    )
                case "failed":
                    try await connection.query(
                        """
                        UPDATE channels SET last_error = \(attempt.error), failing_since = coalesce(failing_since, \(at))
                        WHERE team = \(team) AND name = \(channel)
                        """,
                        logger: logger
                    )
                default:
                    try await connection.query(
                        "UPDATE channels SET last_error = \(attempt.error) WHERE team = \(team) AND name = \(channel)",
                        logger: logger
                    )
                }
                return true
            }
        }
    }

    public func outbox(team: String) async throws -> [OutboxMessage] {
        try await guarded {
            try await rows(
                """
                SELECT o.id, o.team, o.channel, o.dedupe_key, o.body, o.created, c.url, o.state, o.next_at,
                    o.attempts, o.sent
                FROM outbox o JOIN channels c ON c.team = o.team AND c.name = o.channel
                WHERE o.team = \(team) ORDER BY o.id
                """,
                Self.message
            )
        }
    }

    public func attempts(message id: Int64) async throws -> [DeliveryAttempt] {
        try await guarded {
            try await rows(
                "SELECT message, at, status, error FROM delivery_attempts WHERE message = \(id) ORDER BY at, id"
            ) { row in
                let (message, at, status, error) = try row.decode((Int64, Double, Int32?, String?).self)
                return DeliveryAttempt(
                    message: message,
                    at: Date(timeIntervalSince1970: at),
                    status: status.map(Int.init),
                    error: error
                )
            }
        }
    }
}
