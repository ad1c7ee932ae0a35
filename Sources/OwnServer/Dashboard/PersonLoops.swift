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
            let events = try await store.events(team: team, after: kept.seq, limit: Int(seq - kept.seq))
            var late = Set<String>()
            for event in events {
                guard let parsed = try? Event(jsonLine: event.line, checkingFields: false, makeID: { "" }),
                    parsed.at <= asOf
                else { continue }
                late.insert(parsed.loop)
            }
            var loops = kept.loops
            if !late.isEmpty {
                loops.removeAll { late.contains($0.key) }
                for key in late {
                    guard let loop = try await store.loop(team: team, key: key, asOf: asOf),
                        loop.owner == person, queries.contains(where: { $0.matches(loop) })
                    else { continue }
                    loops.append(loop)
                }
                loops.sort { $0.number < $1.number }
            }
            entries.set(key, (max(kept.seq, events.last?.seq ?? kept.seq), loops))
            return loops
        }
        let loops = try await store.loops(team: team, owner: person, matchingAny: queries, asOf: asOf)
        entries.set(key, (seq, loops))
        return loops
    }
}
