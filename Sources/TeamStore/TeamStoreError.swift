import OwnCore

/// What went wrong in the team store, in words that say what to do next. Never shows SQL or values
/// bound to it.
public enum TeamStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `team add` with a name already taken.
    case teamExists(String)
    /// A team that does not exist.
    case unknownTeam(String)
    /// A team name that cannot be one.
    case invalidTeamName(String)
    /// A token id that does not exist.
    case unknownToken(String)
    /// An event id already stored with other content.
    case conflictingEvent(id: String)
    /// An event that breaks its loop's history (a second `created`, none, or dated before it), which
    /// every ledger's import refuses, and so every teammate's next pull would.
    case brokenHistory(id: String, reason: String)
    /// A person's settings that cannot be stored, with what to fix.
    case invalidPerson(String)
    /// A key prefix that names more than one loop.
    case ambiguousLoop(prefix: String, keys: [String])
    /// A channel that does not exist.
    case unknownChannel(team: String, name: String)
    /// `channel add` with a name the team already uses.
    case channelExists(team: String, name: String)
    /// A channel name or URL that cannot be one; the message says which.
    case invalidChannel(String)
    /// The database cannot be opened.
    case cannotOpen(location: String, reason: String)
    /// A command that only reads found no store there (a mistyped database).
    case noStore(location: String)
    /// The database was written by a newer own-server.
    case newerSchema(location: String)
    /// Any other storage failure.
    case storage(reason: String)
    /// A monitor whose slug (or uuid) its team already uses.
    case monitorExists(team: String, slug: String)

    /// The message for a person.
    public var description: String {
        switch self {
        case .teamExists(let name): "the team \"\(name)\" already exists"
        case .unknownTeam(let name): "there is no team \"\(name)\"; `own server team list` lists them"
        case .invalidTeamName(let name) where name.allSatisfy(\.isWhitespace):
            "a team needs a name: 1 to 64 of a-z, 0-9, '-', '_' and '.', starting with a letter or digit"
        // (`.` and `..` are reserved too, as folders of the dashboard's addresses, and break the rule
        // of the first character besides.)
        case .invalidTeamName(let name)
        where PersonSettings.isReserved(name) && PersonSettings.isValidName(name) && name.first?.isLetter == true:
            "\"\(name)\" cannot name a team: all, none, nobody and own-server name everyone, no one or the server "
                + "(a hand-off to a team names it as it names a person)"
        case .invalidTeamName(let name):
            "\"\(name)\" cannot name a team: use 1 to 64 of a-z, 0-9, '-', '_' and '.', starting with a letter or digit"
        case .unknownToken(let id): "there is no token \"\(id)\"; `own server token list` lists them"
        case .conflictingEvent(let id):
            "event id \"\(id)\" is already recorded with different content; nothing was written"
        case .brokenHistory(_, let reason): reason + "; nothing was written"
        case .invalidPerson(let reason): reason + "; nothing was written"
        case .ambiguousLoop(let prefix, let keys): CoreError.ambiguousKey(prefix: prefix, keys: keys).description
        case .unknownChannel(let team, let name):
            "the team \"\(team)\" has no channel \"\(name)\"; `own server channel list --team \(team)` lists them"
        case .channelExists(let team, let name):
            "the team \"\(team)\" already has a channel \"\(name)\"; give another --name"
        case .invalidChannel(let reason): reason
        case .cannotOpen(let location, let reason): "cannot open the server's store \(location): \(reason)"
        case .noStore(let location):
            "no server store at \(location); check the URL (`own serve` or `own server team add` starts one there)"
        case .newerSchema(let location):
            "the server's store \(location) was written by a newer own-server; upgrade own-server to that version or later (nothing was changed)"
        case .storage(let reason): "the server's store failed: \(reason)"
        case .monitorExists(let team, let slug):
            "the team \"\(team)\" already has a monitor \"\(slug)\"; choose another name or edit that one"
        }
    }
}
