import OwnCore
import TeamStore

/// Who in a team gets what, and where: a person's own channel is the team's channel named after them
/// (a person being anyone with settings on the server or a member or lead token); the team's other
/// channels are the team's. Leads come from lead tokens.
struct TeamAudience {
    /// The team's people: those with settings and those with a live member or lead token.
    let people: Set<String>
    /// The team's leads, by name.
    let leads: [String]
    /// Each person's own channel.
    let personal: [String: Channel]
    /// The team's channels, those named after nobody.
    let shared: [Channel]

    /// The audience of a team, from its settings, tokens and channels.
    init(settings: TeamSettings, tokens: [TokenRecord], channels: [Channel]) {
        let live = tokens.filter { $0.revokedAt == nil && $0.role >= .member }
        leads = Set(live.filter { $0.role == .lead }.map(\.person)).sorted()
        people = Set(settings.people.map(\.name)).union(live.map(\.person))
        let people = people
        personal = Dictionary(
            channels.filter { people.contains($0.name) }.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let personal = personal
        shared = channels.filter { personal[$0.name] == nil }
    }

    /// Loads a team's audience from the store.
    static func load(store: any TeamStore, delivery: any DeliveryStore, team: String) async throws -> TeamAudience {
        TeamAudience(
            settings: try await TeamSettings.load(store: store, team: team, asOf: nil),
            tokens: try await store.tokens(team: team),
            channels: try await delivery.channels(team: team)
        )
    }
}
