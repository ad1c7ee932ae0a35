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
        try await store.loops(team: team, query: LoopQuery(changedSince: since, delegatedBy: person), asOf: asOf)
            .filter { $0.owner != person }
    }

    /// Whether a report over a window from `since` reads the loop: what `read` gives, for loops read
    /// once for an earlier start and shared by several reports.
    static func reads(_ loop: Loop, person: String, since: Date) -> Bool {
        if loop.owner == person { return loop.state.isLive || loop.lastEventAt >= since }
        return loop.delegatedBy == person && loop.lastEventAt >= since
    }
}
