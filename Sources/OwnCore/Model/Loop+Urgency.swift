public import Foundation

extension Loop {
    /// Whether the loop is past its due and still someone's to close.
    public func isOverdue(at now: Date, calendars: Calendars) -> Bool {
        guard state.isLive, let due else { return false }
        return due.deadline(in: calendars.calendar(for: owner).zone) <= now
    }

    /// Sorts loops most urgent first, the order of `own list`:
    /// 1. overdue before not, the longest overdue first;
    /// 2. blocked before not (a blocker costs every day it stays);
    /// 3. higher stakes first;
    /// 4. sooner due first, a due date before none;
    /// 5. older first (it has waited longer); then by number, so the order is total.
    ///
    /// Each loop's deadline is worked out once, not in every comparison: it needs the owner's zone.
    public static func byUrgency(_ loops: [Loop], now: Date, calendars: Calendars) -> [Loop] {
        struct Key {
            var loop: Loop
            var deadline: Date?
            var overdue: Bool
        }
        let keys = loops.map { loop in
            let deadline = loop.due.map { $0.deadline(in: calendars.calendar(for: loop.owner).zone) }
            return Key(
                loop: loop,
                deadline: deadline,
                overdue: loop.state.isLive && (deadline.map { $0 <= now } ?? false)
            )
        }
        return keys.sorted { left, right in
            if left.overdue != right.overdue { return left.overdue }
            let leftBlocked = left.loop.state == .blocked
            if leftBlocked != (right.loop.state == .blocked) { return leftBlocked }
            if left.loop.stakes != right.loop.stakes { return left.loop.stakes > right.loop.stakes }
            switch (left.deadline, right.deadline) {
            case (let l?, let r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if left.loop.createdAt != right.loop.createdAt { return left.loop.createdAt < right.loop.createdAt }
            return left.loop.number < right.loop.number
        }.map(\.loop)
    }
}
