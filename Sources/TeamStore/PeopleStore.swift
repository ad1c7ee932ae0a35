/// The people of each team and their settings (time zone, working days and hours, policy
/// overrides), which the server's doctor and reports judge them by.
public protocol PeopleStore: Sendable {
    /// Adds or replaces one person's settings; throws `unknownTeam` for a team that does not exist.
    func setPerson(_ person: PersonSettings, team: String) async throws

    /// The settings of a team's people, by name; throws `unknownTeam` for a team that does not exist.
    func people(team: String) async throws -> [PersonSettings]

    /// Removes one person's settings (their events and loops stay); false when they had none. Throws
    /// `unknownTeam` for a team that does not exist.
    func removePerson(_ name: String, team: String) async throws -> Bool
}

extension PeopleStore {
    /// One person's settings, nil when none are stored.
    public func person(_ name: String, team: String) async throws -> PersonSettings? {
        try await people(team: team).first { $0.name == name }
    }
}
