public import Foundation
import GRDB

/// Inboxes and the notifier's place on SQLite.
extension SQLiteTeamStore: InboxStore {
    public func notifiedSeq(team: String) async throws -> Int64? {
        try await guarded {
            try await pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT seq FROM notify_cursor WHERE team = ?", arguments: [team])
            }
        }
    }

    public func advanceNotified(team: String, to seq: Int64) async throws {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, team)
                try db.execute(
                    sql: """
                        INSERT INTO notify_cursor (team, seq) VALUES (?, ?)
                        ON CONFLICT (team) DO UPDATE SET seq = max(seq, excluded.seq)
                        """,
                    arguments: [team, seq]
                )
            }
        }
    }

    public func addToInbox(_ item: InboxItem) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, item.team)
                try db.execute(
                    sql: """
                        INSERT INTO inbox (team, person, key, kind, loop, text, sender, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (team, person, key) DO NOTHING
                        """,
                    arguments: [
                        item.team, item.person, item.key, item.kind.rawValue, item.loop, item.text, item.from,
                        item.at.timeIntervalSince1970,
                    ]
                )
                return db.changesCount > 0
            }
        }
    }

    public func inbox(team: String, person: String, unreadOnly: Bool, limit: Int) async throws -> [InboxItem] {
        try await guarded {
            try await pool.read { db in
                try Self.requireTeam(db, team)
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT id, team, person, key, kind, loop, text, sender, at, read_at FROM inbox
                        WHERE team = ? AND person = ? \(unreadOnly ? "AND read_at IS NULL" : "")
                        ORDER BY at DESC, id DESC LIMIT ?
                        """,
                    arguments: [team, person, limit]
                ).map { row in
                    InboxItem(
                        id: row[0],
                        team: row[1],
                        person: row[2],
                        key: row[3],
                        kind: InboxItem.Kind(rawValue: row[4]) ?? .notice,
                        loop: row[5],
                        text: row[6],
                        from: row[7],
                        at: Date(timeIntervalSince1970: row[8]),
                        readAt: (row[9] as Double?).map(Date.init(timeIntervalSince1970:))
                    )
                }
            }
        }
    }

    public func markRead(team: String, person: String, ids: [Int64]?, at: Date) async throws -> Int {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, team)
                if let ids {
                    guard !ids.isEmpty else { return 0 }
                    let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                    try db.execute(
                        sql: """
                            UPDATE inbox SET read_at = ? WHERE team = ? AND person = ? AND read_at IS NULL
                            AND id IN (\(marks))
                            """,
                        arguments: StatementArguments(
                            [at.timeIntervalSince1970, team, person] as [any DatabaseValueConvertible] + ids
                        )
                    )
                } else {
                    try db.execute(
                        sql: "UPDATE inbox SET read_at = ? WHERE team = ? AND person = ? AND read_at IS NULL",
                        arguments: [at.timeIntervalSince1970, team, person]
                    )
                }
                return db.changesCount
            }
        }
    }

    public func recordSkip(team: String, key: String, at: Date) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, team)
                try db.execute(
                    sql: "INSERT INTO skipped_sends (team, key, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [team, key, at.timeIntervalSince1970]
                )
                return db.changesCount > 0
            }
        }
    }

    public func skippedKeys(team: String) async throws -> Set<String> {
        try await guarded {
            try await pool.read { db in
                Set(try String.fetchAll(db, sql: "SELECT key FROM skipped_sends WHERE team = ?", arguments: [team]))
            }
        }
    }
}
