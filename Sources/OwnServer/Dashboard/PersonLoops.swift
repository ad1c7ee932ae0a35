import Foundation
import OwnCore
import OwnStore
import TeamStore

/// The loops a person's page reads: their live loops and the ones that changed since their record's
/// first week, now or as of an instant.
///
/// As of an instant they are kept for the last few (team, person, instant) at the team's event
/// number, and followed the way `DoctorLoopCache` follows its as-of entries: only a late event (at
/// or before the instant) changes the past, and the loop it names is folded again as of the instant.
/// Finding the loops that may have been someone's at an instant is a scan of every loop changed
/// since, most of the page's time on PostgreSQL; a page read again does it once.
actor PersonLoops {
    /// How many (team, person, instant) are kept, the most recently read.
    static let kept = 16

    private struct Key: Hashable {
        var team: String
        var person: String
        var asOf: Date
        var since: Date
    }

    private var entries = RecentlyUsed<Key, (seq: Int64, loops: [Loop])>(capacity: kept)

    /// What the page asks the store: live, or changed since `since`.
    static func queries(since: Date) -> [LoopQuery] {
        [LoopQuery(states: Set(LoopState.allCases.filter(\.isLive))), LoopQuery(changedSince: since)]
    }

    /// The person's loops, live or changed since `since`, as they stood at `asOf` (or now), in
    /// number order: what `TeamStore.loops(team:owner:matchingAny:asOf:)` gives.
    func loops(store: any TeamStore, team: String, person: String, since: Date, asOf: Date?) async throws -> [Loop] {
        let queries = Self.queries(since: since)
        guard let asOf else {
            return try await store.loops(team: team, owner: person, matchingAny: queries, asOf: nil)
        }
        let key = Key(team: team, person: person, asOf: asOf, since: since)
        let seq = try await store.lastSeq(team: team)
        if let kept = entries.get(key), kept.seq <= seq, seq - kept.seq <= DoctorLoopCache.followLimit {
            if kept.seq == seq { return kept.loops }
            let changes = try await DoctorLoopCache.changes(
                store: store,
                team: team,
                after: kept.seq,
                to: seq,
                asOf: asOf
            )
            var loops = kept.loops
            if !changes.keys.isEmpty {
                loops.removeAll { changes.keys.contains($0.key) }
                loops += changes.loops.filter { loop in
                    loop.owner == person && queries.contains(where: { $0.matches(loop) })
                }
                loops.sort { $0.number < $1.number }
            }
            entries.set(key, (changes.seq, loops))
            return loops
        }
        let loops = try await store.loops(team: team, owner: person, matchingAny: queries, asOf: asOf)
        entries.set(key, (seq, loops))
        return loops
    }
}
