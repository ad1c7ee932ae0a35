import Foundation
import OwnCore
import TeamStore

/// What the server judges a team's people by, as the CLI judges them by its configuration and
/// ledger: each person's working calendar (their settings on the server, and their time off from
/// the ledger's `away` events as of the read) and their policy (the defaults with their overrides).
struct TeamSettings: Sendable {
    /// Every person's calendar, time off included; the standard one for people with no settings.
    let calendars: Calendars
    let people: [PersonSettings]

    /// The team's settings, with time off as of `asOf` (or now).
    static func load(store: any TeamStore, team: String, asOf: Date?) async throws -> TeamSettings {
        try await load(store: store, team: team, people: try await store.people(team: team), asOf: asOf)
    }

    /// The team's settings from its people's as already read, with time off as of `asOf` (or now).
    static func load(
        store: any TeamStore,
        team: String,
        people: [PersonSettings],
        asOf: Date?
    ) async throws -> TeamSettings {
        var calendars = Calendars(people: people)
        let away = try await store.events(team: team, ofLoops: [TimeOff.ledgerKey], since: nil, asOf: asOf)
        calendars.add(TimeOff.fold(away))
        return TeamSettings(calendars: calendars, people: people)
    }

    /// The doctor the team's reads judge by: each person with policy settings by their own policy
    /// (over the defaults), everyone else by the defaults; a read of the whole team judges each
    /// person's loops as a read of theirs alone does.
    var doctor: Doctor {
        var policies: [String: Policy] = [:]
        for person in people where !person.policy.isEmpty { policies[person.name] = policy(for: person.name) }
        return Doctor(policy: .defaults, calendars: calendars, policies: policies)
    }

    /// The policy one person is judged by: the defaults with their overrides. For the whole team
    /// (nil) the defaults: one policy judges every loop of a read.
    func policy(for person: String?) -> Policy {
        guard let person, let settings = people.first(where: { $0.name == person }) else { return .defaults }
        return (try? settings.policy(over: .defaults)) ?? .defaults
    }
}
