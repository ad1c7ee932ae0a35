import ArgumentParser
import OwnCLI
import TeamStore

/// A team's people and its channels share one set of names: a person's own channel is the team's
/// channel named after them, so a person may not take the name of one of the team's channels, nor a
/// channel the name of a person. The commands that add a person (`person set`, `token add`) or a
/// channel (`channel add`) refuse a name the other side holds, rather than let one take the other's
/// messages.
enum TeamNames {
    /// Refuses a reserved name for a person (`person set`, `token add`): `PersonSettings.isReserved`.
    static func checkNotReserved(_ name: String) throws {
        guard PersonSettings.isReserved(name) else { return }
        throw ValidationError(
            "\(name) is kept for the server's own events and for everyone or no one; give the person another name"
        )
    }

    /// Refuses a team the store does not have, as every command that names one does: a list of a
    /// mistyped team's tokens or channels printed nothing, as if it had none.
    static func checkTeam(_ team: String, in store: any TeamStore) async throws {
        guard try await store.teams().contains(where: { $0.name == team }) else {
            throw TeamStoreError.unknownTeam(team)
        }
    }

    /// Refuses to make `name` a person of the team when it is already one of the team's channels.
    static func checkNewPerson(_ name: String, team: String, in store: any TeamStore) async throws {
        guard let delivery = store as? any DeliveryStore,
            try await !store.isPerson(name, team: team),
            try await delivery.channels(team: team).contains(where: { $0.name == name })
        else { return }
        throw CLIError(
            "team \(team) has a channel named \(name), and a person's own channel is the channel named after "
                + "them: a person cannot be called \(name) there (rename the channel first: "
                + "own server channel rm --team \(team) \(name), then channel add --name OTHER)"
        )
    }

    /// Refuses a channel of the team's named after one of its people.
    static func checkNewChannel(_ name: String, team: String, in store: any TeamStore) async throws {
        guard try await store.isPerson(name, team: team) else { return }
        throw CLIError(
            "\(name) is a person of team \(team): their own channel is set with "
                + "own server person set --team \(team) \(name) --channel URL; give the team's channel another --name"
        )
    }
}
