public import Foundation
public import OwnCore
public import OwnStore

/// The team server's store: teams, their tokens, each team's events numbered in arrival order
/// (`seq`), and each team's loops folded from them.
///
/// Every method is scoped to one team where data is involved: nothing here reads across teams, so
/// the server cannot leak one team's loops to another by forgetting a filter. Engines (SQLite,
/// PostgreSQL) implement it; one contract suite in the tests runs against each.
///
/// A loop's state is the fold of its events ordered by (`at`, `id`), whatever order they arrived
/// in: an event with an earlier `at` than the loop's last one re-folds the loop. The projection
/// is written in the same transaction as the events.
///
/// Background jobs (monitors, notices) will claim their work with a compare-and-set in the engine
/// (`UPDATE … WHERE id = ? AND claimed IS NULL`); they add methods here, never a lock in a server.
public protocol TeamStore: PeopleStore {
    // MARK: Teams

    /// Adds a team; throws `TeamStoreError.teamExists` when the name is taken.
    func addTeam(_ name: String, at: Date) async throws -> Team

    /// Every team, by name.
    func teams() async throws -> [Team]

    // MARK: Tokens

    /// Stores a token (its hash only); throws `unknownTeam` for a team that does not exist.
    func addToken(_ token: NewToken) async throws -> TokenRecord

    /// The tokens of one team, or of every team when `team` is nil, oldest first; revoked ones included.
    func tokens(team: String?) async throws -> [TokenRecord]

    /// Revokes a token by id (revoking twice keeps the first instant); throws `unknownToken`.
    @discardableResult
    func revokeToken(id: String, at: Date) async throws -> TokenRecord

    /// The token whose SHA-256 hash (lowercase hex) this is, revoked or not; nil when none.
    func token(hash: String) async throws -> TokenRecord?

    /// The token whose hash this is, revoked or not, with its team's stamp, in one read: all that
    /// checking a request's token and answering a read from what a server kept needs. nil when no
    /// token has this hash.
    func tokenAndStamp(hash: String) async throws -> (token: TokenRecord, stamp: TeamStamp)?

    // MARK: Events

    /// Appends a team's events in one transaction: all or nothing, idempotent by event id (an id
    /// already stored with the same content is skipped; with other content it throws
    /// `conflictingEvent` naming it). `check` sees each new event with its loop as folded so far
    /// (nil for a loop not yet seen) and may throw to refuse the whole batch; what it throws comes
    /// out unchanged. Throws `unknownTeam` for a team that does not exist.
    func append(
        _ events: [Event],
        team: String,
        check: @escaping @Sendable (Loop?, Event) throws -> Void
    ) async throws -> AppendResult

    /// The team's events after `seq`, in arrival order, at most `limit` of them.
    func events(team: String, after seq: Int64, limit: Int) async throws -> [StoredEvent]

    /// The same events as `events(team:after:limit:)`, as one text: what a pull answers. An engine
    /// may write it without a value per event on the way.
    func eventPage(team: String, after seq: Int64, limit: Int) async throws -> EventPage

    /// The number of the team's last event (0 when it has none).
    func lastSeq(team: String) async throws -> Int64

    /// The team's last event number and its people's settings, in one read; throws `unknownTeam`
    /// for a team that does not exist.
    func stamp(team: String) async throws -> TeamStamp

    /// Events of some of the team's loops, in fold order (`at`, `id`), at or after `since` and at or
    /// before `asOf` when they are given.
    func events(team: String, ofLoops keys: [String], since: Date?, asOf: Date?) async throws -> [Event]

    // MARK: Loops

    /// A loop by its exact key, as of an instant (only events at or before it) or as it is now.
    func loop(team: String, key: String, asOf: Date?) async throws -> Loop?

    /// Up to `limit` keys of the team's loops that start with `prefix`, in key order.
    func loopKeys(team: String, prefix: String, limit: Int) async throws -> [String]

    /// The team's loops that match a query, in number order, as of an instant or now. As of an
    /// instant, a loop exists only if it had an event at or before it, and is folded from those.
    func loops(team: String, query: LoopQuery, asOf: Date?) async throws -> [Loop]

    /// One person's loops that match any of some queries (their `owners` replaced by `owner`), each
    /// once, in number order, as `loops(team:query:asOf:)` reads them; as of an instant, it folds
    /// again only the loops that changed after it and may have been theirs then (theirs now, or
    /// given an owner after it), once for all the queries, not every loop of the team that changed
    /// after it.
    func loops(team: String, owner: String, matchingAny queries: [LoopQuery], asOf: Date?) async throws -> [Loop]

    /// Whether a read may wait on a connection to another machine (PostgreSQL), which can stall for
    /// a minute when that machine is down: the server puts a deadline on such reads. A file on this
    /// machine (SQLite) answers or fails at once.
    var readsOverNetwork: Bool { get }
}

extension TeamStore {
    /// The page of the events, event by event.
    public func eventPage(team: String, after seq: Int64, limit: Int) async throws -> EventPage {
        EventPage(try await events(team: team, after: seq, limit: limit))
    }

    /// Appends with no check.
    public func append(_ events: [Event], team: String) async throws -> AppendResult {
        try await append(events, team: team, check: { _, _ in })
    }

    /// The loop a person names by its key or by a unique prefix of at least four characters of it
    /// (OwnCore's `KeyPrefix`, the rule the CLI follows too). Throws `ambiguousLoop`, naming the
    /// candidates, for a prefix that names several; nil when it names none.
    public func loop(team: String, reference: String, asOf: Date?) async throws -> Loop? {
        // As keys are stored, whichever Unicode form it came in.
        let reference = ComposedForm.of(reference)
        if let loop = try await loop(team: team, key: reference, asOf: asOf) { return loop }
        guard reference.count >= KeyPrefix.minimumLength else { return nil }
        let wanted = KeyPrefix.candidatesFetched
        // As of an instant, only the loops that existed then are candidates: every key it begins is
        // looked at, since loops made later may sort before the one there was (the first six were).
        var keys = try await loopKeys(team: team, prefix: reference, limit: asOf == nil ? wanted : Int(Int32.max))
        if let asOf, keys.count > 1 {
            var existing: [String] = []
            for key in keys where try await loop(team: team, key: key, asOf: asOf) != nil {
                existing.append(key)
                if existing.count == wanted { break }
            }
            keys = existing
        }
        let key: String?
        do {
            key = try KeyPrefix.resolve(reference, among: keys)
        } catch {
            throw TeamStoreError.ambiguousLoop(prefix: reference, keys: keys)
        }
        guard let key else { return nil }
        return try await loop(team: team, key: key, asOf: asOf)
    }
}

extension TeamStore {
    /// Whether the team counts `name` as a person, as its messages do: settings on the server, or a
    /// live member or lead token. A channel may not take such a name, and a monitor's owner must have it.
    public func isPerson(_ name: String, team: String) async throws -> Bool {
        if try await person(name, team: team) != nil { return true }
        return try await tokens(team: team).contains {
            $0.person == name && $0.revokedAt == nil && $0.role >= .member
        }
    }
}
