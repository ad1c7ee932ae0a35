import GRDB

extension SQLiteTeamStore {
    public func setPerson(_ person: PersonSettings, team: String) async throws {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, team)
                try db.execute(
                    sql: """
                        INSERT INTO people (team, name, zone, workdays, hours, policy) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (team, name) DO UPDATE SET zone = excluded.zone, workdays = excluded.workdays,
                        hours = excluded.hours, policy = excluded.policy
                        """,
                    arguments: [team, person.name, person.zone, person.workdays, person.hours, person.policyJSON]
                )
            }
        }
    }

    public func removePerson(_ name: String, team: String) async throws -> Bool {
        try await guarded {
            try await pool.write { db in
                try Self.requireTeam(db, team)
                try db.execute(sql: "DELETE FROM people WHERE team = ? AND name = ?", arguments: [team, name])
                return db.changesCount > 0
            }
        }
    }

    public func people(team: String) async throws -> [PersonSettings] {
        try await stamp(team: team).people
    }

    /// One read transaction: the team's last number and its people, as of the same instant.
    public func stamp(team: String) async throws -> TeamStamp {
        try await guarded {
            try await pool.read { db in try Self.stamp(team: team, db) }
        }
    }

    /// The team's stamp, read inside a transaction; throws `unknownTeam` for a team that does not exist.
    static func stamp(team: String, _ db: Database) throws -> TeamStamp {
        let teamRow = try db.cachedStatement(sql: "SELECT last_seq FROM teams WHERE name = ?")
        guard let lastSeq = try Int64.fetchOne(teamRow, arguments: [team]) else {
            throw TeamStoreError.unknownTeam(team)
        }
        let peopleRows = try db.cachedStatement(
            sql: "SELECT name, zone, workdays, hours, policy FROM people WHERE team = ? ORDER BY name"
        )
        let people = try Row.fetchAll(peopleRows, arguments: [team]).map { row in
            PersonSettings(stored: row[0], zone: row[1], workdays: row[2], hours: row[3], policyJSON: row[4])
        }
        return TeamStamp(lastSeq: lastSeq, people: people)
    }
}
