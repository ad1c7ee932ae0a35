import Foundation
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

    public func removePerson(_ name: String, team: String) async throws -> Bool {
        try await guarded {
            // The team's row beside the person removed (none: a row of null), in one statement.
            let found = try await rows(
                """
                WITH removed AS (DELETE FROM people WHERE team = \(team) AND name = \(name) RETURNING name)
                SELECT (SELECT name FROM removed) FROM teams WHERE name = \(team)
                """
            ) { try $0.decode(String?.self) }
            guard let first = found.first else { throw TeamStoreError.unknownTeam(team) }
            return first != nil
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
            ) { row in try row.decode((Int64, String?, String?, String?, String?, String?).self) }
            guard let first = found.first else { throw TeamStoreError.unknownTeam(team) }
            return TeamStamp(lastSeq: first.0, people: found.compactMap { Self.person($0.1, $0.2, $0.3, $0.4, $0.5) })
        }
    }

    /// One prepared statement, so one round trip, shared by the sign-ins waiting at the same time
    /// (`SignInReads`): the token's row beside its team's and each of its team's people, as
    /// `stamp(team:)` reads them.
    public func tokenAndStamp(hash: String) async throws -> (token: TokenRecord, stamp: TeamStamp)? {
        try await signIns.read(hash) { hashes in
            try await guarded {
                var found: [String: (token: TokenRecord, stamp: TeamStamp)] = [:]
                for try await row in try await client.execute(TokenAndStampStatement(hashes: hashes), logger: logger) {
                    let (hash, id, team, person, role, created, revoked, seq, name, zone, workdays, hours, policy) = row
                    var entry =
                        found[hash]
                        ?? (
                            Self.tokenRecord(id, team, person, role, created, revoked),
                            TeamStamp(lastSeq: seq, people: [])
                        )
                    if let settings = Self.person(name, zone, workdays, hours, policy) {
                        entry.stamp.people.append(settings)
                    }
                    found[hash] = entry
                }
                return found
            }
        }
    }

    /// A person as the stamp's reads find them beside their team; nil for the nulls of a team with none.
    private static func person(
        _ name: String?,
        _ zone: String?,
        _ workdays: String?,
        _ hours: String?,
        _ policy: String?
    ) -> PersonSettings? {
        name.map {
            PersonSettings(stored: $0, zone: zone, workdays: workdays, hours: hours, policyJSON: policy ?? "{}")
        }
    }
}
