import Foundation
import OwnCore
import OwnStore

extension Context {
    /// A person's record over the last `weeks` weeks, from the ledger, on their calendar (time off included).
    func record(of owner: String, weeks: Double, policy: Policy) throws -> Record {
        let since = now.addingTimeInterval(-weeks * 7 * 86_400)
        // Loops with any event in the window, and live loops whose deadline may have passed in it quietly,
        // as they were at `now`: at an earlier --now, a loop created later is none of the record's.
        var loops = try ledger.loops(LoopQuery(owners: [owner], changedSince: since), asOf: now)
        let known = Set(loops.map(\.key))
        loops += try ledger.loops(
            LoopQuery(owners: [owner], states: Set(LoopState.allCases.filter(\.isLive))),
            asOf: now
        )
        .filter { !known.contains($0.key) }
        // And loops that changed owner in the window: one they handed on, or that passed through
        // them, may hold a deadline they missed while it was theirs (`Record` judges those stretches).
        let owned = Set(loops.map(\.key))
        loops += try ledger.loops(LoopQuery(changedSince: since), asOf: now)
            .filter { $0.ownedSince.map { $0 >= since } == true && !owned.contains($0.key) }
        let events = try ledger.events(ofLoops: loops.map(\.key), since: nil, until: now)
        return Record(
            owner: owner,
            loops: loops,
            events: events,
            policy: policy,
            calendar: calendars.calendar(for: owner),
            since: since,
            now: now
        )
    }
}
