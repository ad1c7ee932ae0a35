public import Foundation
import PostgresNIO

/// Inboxes and the notifier's place on PostgreSQL: each write is one statement, safe with several
/// servers at once (the cursor only moves forward; an inbox keeps the first item per key).
extension PostgresTeamStore: InboxStore {
    public func notifiedSeq(team: String) async throws -> Int64? {
        try await guarded {
            try await rows("SELECT seq FROM notify_cursor WHERE team = \(team)") { try $0.decode(Int64.self) }.first
        }
    }

    public func advanceNotified(team: String, to seq: Int64) async throws {
        try await guarded {
            let written = try await rows(
                """
                INSERT INTO notify_cursor (team, seq) SELECT name, \(seq) FROM teams WHERE name = \(team)
                ON CONFLICT (team) DO UPDATE SET seq = GREATEST(notify_cursor.seq, excluded.seq)
                RETURNING seq
                """
            ) { try $0.decode(Int64.self) }
            guard !written.isEmpty else { throw TeamStoreError.unknownTeam(team) }
        }
    }

    public func addToInbox(_ item: InboxItem) async throws -> Bool {
        try await guarded {
            try await requireTeam(item.team)
            let added = try await rows(
                """
                INSERT INTO inbox (team, person, key, kind, loop, text, sender, at)
                VALUES (\(item.team), \(item.person), \(item.key), \(item.kind.rawValue), \(item.loop), \(item.text),
                    \(item.from), \(item.at.timeIntervalSince1970))
                ON CONFLICT (team, person, key) DO NOTHING RETURNING id
                """
            ) { try $0.decode(Int64.self) }
            return !added.isEmpty
        }
    }

    public func inbox(team: String, person: String, unreadOnly: Bool, limit: Int) async throws -> [InboxItem] {
        try await guarded {
            try await requireTeam(team)
            return try await rows(
                """
                SELECT id, team, person, key, kind, loop, text, sender, at, read_at FROM inbox
                WHERE team = \(team) AND person = \(person) AND (NOT \(unreadOnly) OR read_at IS NULL)
                ORDER BY at DESC, id DESC LIMIT \(limit)
                """
            ) { row in
                let (id, team, person, key, kind, loop, text, sender, at, readAt) = try row.decode(
                    (Int64, String, String, String, String, String, String, String, Double, Double?).self
                )
                return InboxItem(
                    id: id,
                    team: team,
                    person: person,
                    key: key,
                    kind: InboxItem.Kind(rawValue: kind) ?? .notice,
                    loop: loop,
                    text: text,
                    from: sender,
                    at: Date(timeIntervalSince1970: at),
                    readAt: readAt.map(Date.init(timeIntervalSince1970:))
                )
            }
        }
    }

    public func markRead(team: String, person: String, ids: [Int64]?, at: Date) async throws -> Int {
        try await guarded {
            try await requireTeam(team)
            let all = ids == nil
            let marked = try await rows(
                """
                UPDATE inbox SET read_at = \(at.timeIntervalSince1970)
                WHERE team = \(team) AND person = \(person) AND read_at IS NULL
                AND (\(all) OR id = ANY(\(ids ?? [])))
                RETURNING id
                """
            ) { try $0.decode(Int64.self) }
            return marked.count
        }
    }

    public func recordSkip(team: String, key: String, at: Date) async throws -> Bool {
        try await guarded {
            try await requireTeam(team)
            return try await !rows(
                """
                INSERT INTO skipped_sends (team, key, at) VALUES (\(team), \(key), \(at.timeIntervalSince1970))
                ON CONFLICT DO NOTHING RETURNING key
                """
            ) { try $0.decode(String.self) }.isEmpty
        }
    }

    public func skippedKeys(team: String) async throws -> Set<String> {
        try await guarded {
            Set(try await rows("SELECT key FROM skipped_sends WHERE team = \(team)") { try $0.decode(String.self) })
        }
    }

    /// Throws `unknownTeam` unless the team exists.
    private func requireTeam(_ team: String) async throws {
        let found = try await rows("SELECT 1::int8 FROM teams WHERE name = \(team)") { try $0.decode(Int64.self) }
        guard !found.isEmpty else { throw TeamStoreError.unknownTeam(team) }
    }
}
