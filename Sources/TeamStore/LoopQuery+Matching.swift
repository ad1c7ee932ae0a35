import Foundation
public import OwnCore
public import OwnStore

extension LoopQuery {
    /// Whether a loop meets every condition of the query, the same conditions an engine's SQL
    /// applies: for loops folded in memory (reads as of an instant).
    public func matches(_ loop: Loop) -> Bool {
        if let owners, !owners.contains(loop.owner) { return false }
        if let states, !states.contains(loop.state) { return false }
        if let kinds, !kinds.contains(loop.kind) { return false }
        if let stakes, !stakes.contains(loop.stakes) { return false }
        if let dueBefore {
            guard let due = loop.due, due.deadline(in: .gmt) <= dueBefore else { return false }
        }
        if let changedSince, loop.lastEventAt < changedSince { return false }
        if let doneSince {
            guard let doneAt = loop.doneAt, doneAt >= doneSince else { return false }
        }
        if let settled, loop.isSettled != settled { return false }
        return true
    }
}
