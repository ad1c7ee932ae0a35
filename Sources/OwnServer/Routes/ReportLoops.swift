import Foundation
import OwnCore
import OwnStore
import TeamStore

/// The loops a person's report over a window reads, as the CLI's `own standup` and `own weekly` read
/// them from the ledger: the person's live loops, theirs that ended with an event since `since`, and
/// those they handed off to someone else with an event since `since` (the hand-off is their
/// decision). The API's drafts, the standup digest and the dashboard's person page all read them here.
enum ReportLoops {
    /// The loops, read from the store, now or as of an instant.
    static func read(
        store: any TeamStore,
        team: String,
        person: String,
        since: Date,
        asOf: Date?
    ) async throws -> [Loop] {
        try await store.loops(team: team, query: LoopQuery(owners: [person], states: LoopState.live), asOf: asOf)
            + store.loops(
                team: team,
                query: LoopQuery(owners: [person], states: LoopState.ended, changedSince: since),
                asOf: asOf
            )
            + handedOff(store: store, team: team, person: person, since: since, asOf: asOf)
    }

    /// The loops the person handed off to someone else with an event since `since`.
    static func handedOff(
        store: any TeamStore,
        team: String,
        person: String,
        since: Date,
        asOf: Date?
    ) async throws -> [Loop] {
        var query = LoopQuery(changedSince: since)
        query.handedOff = true
        let handed = try await store.loops(team: team, query: query, asOf: asOf).filter { $0.owner != person }
        // One the person handed off and its new owner handed on names that one as its delegator now:
        // the window's events say whose hand-off it holds (it dropped out of the person's reports).
        let others = handed.filter { $0.delegatedBy != person }
        let handedOn =
            others.isEmpty
            ? []
            : Set(
                try await store.events(team: team, ofLoops: others.map(\.key), since: since, asOf: asOf)
                    .filter { $0.type == .handedOff && $0.by == person }.map(\.loop)
            )
        return handed.filter { $0.delegatedBy == person || handedOn.contains($0.key) }
    }

    /// Whether a report over a window from `since` reads the loop: what `read` gives, for loops read
    /// once for an earlier start and shared by several reports.
    /// A loop of another owner among them was handed off by the person (`handedOff`).
    static func reads(_ loop: Loop, person: String, since: Date) -> Bool {
        if loop.owner == person { return loop.state.isLive || loop.lastEventAt >= since }
        return loop.lastEventAt >= since
    }
}
