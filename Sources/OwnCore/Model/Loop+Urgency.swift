public import Foundation

extension Loop {
    /// Whether the loop is past its due and still someone's to close.
    public func isOverdue(at now: Date, calendars: Calendars) -> Bool {
        guard state.isLive, let due else { return false }
        return due.deadline(in: calendars.calendar(for: owner).zone) <= now
    }

    /// Orders loops most urgent first, the order of `own list`:
    /// 1. overdue before not, the longest overdue first;
    /// 2. blocked before not (a blocker costs every day it stays);
    /// 3. higher stakes first;
    /// 4. sooner due first, a due date before none;
    /// 5. older first (it has waited longer); then by number, so the order is total.
    public static func urgencyOrder(now: Date, calendars: Calendars) -> (Loop, Loop) -> Bool {
        { left, right in
            let leftDeadline = left.due.map { $0.deadline(in: calendars.calendar(for: left.owner).zone) }
            let rightDeadline = right.due.map { $0.deadline(in: calendars.calendar(for: right.owner).zone) }
            let leftOverdue = left.state.isLive && (leftDeadline.map { $0 <= now } ?? false)
            let rightOverdue = right.state.isLive && (rightDeadline.map { $0 <= now } ?? false)
            if leftOverdue != rightOverdue { return leftOverdue }
            if (left.state == .blocked) != (right.state == .blocked) { return left.state == .blocked }
            if left.stakes != right.stakes { return left.stakes > right.stakes }
            switch (leftDeadline, rightDeadline) {
            case (let l?, let r?) where l != r: return l < r
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if left.createdAt != right.createdAt { return left.createdAt < right.createdAt }
            return left.number < right.number
        }
    }
}
