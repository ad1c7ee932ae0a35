public import Foundation

extension Loop {
    /// Whether the loop is past its due and still someone's to close.
    ///
    /// Inlinable, as `overdueFrom`: called from another module on a loop in an array, it was given
    /// a copy of the loop, every string retained and released, for each row of `own list`.
    @inlinable
    public func isOverdue(at now: Date, calendars: Calendars) -> Bool {
        overdueFrom(calendars: calendars).map { $0 <= now } ?? false
    }

    /// The instant from which the loop is overdue: its due's deadline on its owner's calendar; nil
    /// when it has no due or is no one's to close. Whether it is overdue changes there and only there.
    @inlinable
    public func overdueFrom(calendars: Calendars) -> Date? {
        Self.overdueFrom(state: state, due: due, zone: calendars.calendar(for: owner).zone)
    }

    /// `overdueFrom` from the members it reads and the owner's zone, for a caller that reads loops
    /// where they lie: a method called on a loop in a buffer was given a copy of it.
    @inlinable
    public static func overdueFrom(state: LoopState, due: Due?, zone: TimeZone) -> Date? {
        guard state.isLive, let due else { return nil }
        return due.deadline(in: zone)
    }

    /// Sorts loops most urgent first, the order of `own list`:
    /// 1. overdue before not, the longest overdue first;
    /// 2. blocked before not (a blocker costs every day it stays);
    /// 3. higher stakes first;
    /// 4. sooner due first, a due date before none;
    /// 5. older first (it has waited longer); then by number, so the order is total.
    ///
    /// Each loop's key is worked out once, not in every comparison (the deadline needs the owner's
    /// zone), and the sort orders the keys' indices (`Array.stableOrder`), not loops; the loops are
    /// then swapped into place, not copied (`Array.arrange`).
    public static func byUrgency(_ loops: consuming [Loop], now: Date, calendars: Calendars) -> [Loop] {
        struct Key {
            var overdue: Bool
            var blocked: Bool
            var stakes: Stakes
            var deadline: Date?
            var createdAt: Date
            var number: Int
        }
        // Each field read where it lies: a loop bound to a name would be copied, strings and all.
        let keys = loops.indices.map { index in
            let deadline = loops[index].due.map { $0.deadline(in: calendars.calendar(for: loops[index].owner).zone) }
            return Key(
                overdue: loops[index].state.isLive && (deadline.map { $0 <= now } ?? false),
                blocked: loops[index].state == .blocked,
                stakes: loops[index].stakes,
                deadline: deadline,
                createdAt: loops[index].createdAt,
                number: loops[index].number
            )
        }
        let order = keys.stableOrder { left, right in
            if left.overdue != right.overdue { return left.overdue }
            // Both overdue: the one overdue longer (the earlier deadline) first, whatever else.
            if left.overdue, let l = left.deadline, let r = right.deadline, l != r { return l < r }
            if left.blocked != right.blocked { return left.blocked }
            if left.stakes != right.stakes { return left.stakes > right.stakes }
            switch (left.deadline, right.deadline) {
            case (let l?, let r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if left.createdAt != right.createdAt { return left.createdAt < right.createdAt }
            return left.number < right.number
        }
        var sorted = loops
        sorted.arrange(order)
        return sorted
    }
}
