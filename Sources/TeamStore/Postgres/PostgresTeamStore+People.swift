import PostgresNIO

extension PostgresTeamStore {
    public func setPerson(_ person: PersonSettings, team: String) async throws {
        try await guarded {
            let written = try await rows(
                """
                INSERT INTO people (team, name, zone, workdays, hours, policy)
                SELECT name, \(person.name), \(person.zone), \(person.workdays), \(person.hours), \(person.policyJSON)
                FROM teams WHERE name = \(team)
                ON CONFLICT (team, name) DO UPDATE SET zone = excluded.zone, workdays = excluded.workdays,
                hours = excluded.hours, policy = excluded.policy
                RETURNING name
                """
            ) { try $0.decode(String.self) }
            guard !written.isEmpty else { throw TeamStoreError.unknownTeam(team) }
        }
    }

    public func people(team: String) async throws -> [PersonSettings] {
        try await stamp(team: team).people
    }

    /// One statement: the team's row beside each of its people (none: one row of nulls).
    public func stamp(team: String) async throws -> TeamStamp {
        try await guarded {
            let found = try await rows(
                """
                SELECT t.last_seq, p.name, p.zone, p.workdays, p.hours, p.policy
                FROM teams t LEFT JOIN people p ON p.team = t.name
                WHERE t.name = \(team) ORDER BY p.name
                """
            ) { row in
                let (lastSeq, name, zone, workdays, hours, policy) = try row.decode(
                    (Int64, String?, String?, String?, String?, String?).self
                )
                let person = name.map {
                    PersonSettings(stored: $0, zone: zone, workdays: workdays, hours: hours, policyJSON: policy ?? "{}")
                }
                return (lastSeq, person)
            }
            guard let first = found.first else { throw TeamStoreError.unknownTeam(team) }
            return TeamStamp(lastSeq: first.0, people: found.compactMap(\.1))
        }
    }
}
