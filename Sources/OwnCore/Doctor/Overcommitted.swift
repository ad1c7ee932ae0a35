public import Foundation

/// `overcommitted`: an owner with more estimated work due soon than their capacity, or more loops
/// active at once than the WIP limit. About the owner, so `loop` is null.
public enum Overcommitted: Rule {
    /// The rule's name.
    public static let name = RuleName.overcommitted

    /// One finding per overcommitted owner.
    ///
    /// Load is the estimates of the owner's open and active loops due from today through the
    /// `capacity-horizon`-th working day after today that they work (days of time off are no working
    /// days: the capacity was counted over days they were away), on the owner's calendar, and not yet
    /// past their deadline; loops with no estimate add nothing, and loops already past due (even earlier today)
    /// are the `overdue` rule's concern.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        let capacity = policy.capacity * Double(policy.capacityHorizon)
        // First the load per owner, reading loops in place and remembering only their indices, so that
        // no loop is copied or moved unless its owner is over a limit.
        var load: [String: (active: [Int], due: [Int], hours: Double)] = [:]
        var windows: [String: (today: CivilDate, horizon: CivilDate, zone: TimeZone)] = [:]
        for index in loops.indices where loops[index].state == .open || loops[index].state == .active {
            let owner = loops[index].owner
            var entry = load[owner] ?? ([], [], 0)
            if loops[index].state == .active { entry.active.append(index) }
            if let due = loops[index].due {
                let window: (today: CivilDate, horizon: CivilDate, zone: TimeZone)
                if let known = windows[owner] {
                    window = known
                } else {
                    let calendar = calendars.calendar(for: owner)
                    let today = calendar.day(of: now)
                    window = (today, calendar.workedDay(policy.capacityHorizon, after: today), calendar.zone)
                    windows[owner] = window
                }
                // Past its deadline (an earlier day, or earlier today at a time) it is `overdue`'s:
                // instants are compared, not dates.
                if due.deadline(in: window.zone) > now && due.day(in: window.zone) <= window.horizon {
                    entry.due.append(index)
                    entry.hours += loops[index].estimateHours ?? 0
                }
            }
            load[owner] = entry
        }
        var findings: [Finding] = []
        for (owner, entry) in load where entry.active.count > policy.wipLimit || entry.hours > capacity + 1e-9 {
            let calendar = calendars.calendar(for: owner)
            let horizon =
                windows[owner]?.horizon ?? calendar.workedDay(policy.capacityHorizon, after: calendar.day(of: now))
            let active = entry.active.map { loops[$0] }.sorted {
                ($0.startedAt ?? $0.createdAt, $0.key) < ($1.startedAt ?? $1.createdAt, $1.key)
            }
            let due = entry.due.map { loops[$0] }.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
            let hours = due.reduce(0) { $0 + ($1.estimateHours ?? 0) }
            let overWIP = active.count > policy.wipLimit
            let overHours = hours > capacity + 1e-9
            guard overWIP || overHours else { continue }
            var parts: [String] = []
            var since: [Date] = []
            var fixes: [String] = []
            if overWIP {
                parts.append("\(active.count) loops active (limit \(policy.wipLimit))")
                since.append(active[policy.wipLimit].startedAt ?? active[policy.wipLimit].createdAt)
                let pause = active.suffix(active.count - policy.wipLimit).map(Draft.named)
                fixes.append("Finish before starting more: pause \(Draft.list(pause)) until the others are done.")
            }
            if overHours {
                parts.append(
                    "\(Policy.format(hours)) h due in \(Draft.count(policy.capacityHorizon, "working day")) "
                        + "(capacity \(Policy.format(capacity)) h)"
                )
                var running = 0.0
                for loop in due {
                    running += loop.estimateHours ?? 0
                    if running > capacity + 1e-9 {
                        since.append(loop.createdAt)
                        break
                    }
                }
                var move: [String] = []
                var remaining = hours
                for loop in due.sorted(by: { latestFirst($0, $1, calendar) }) where remaining > capacity + 1e-9 {
                    guard let estimate = loop.estimateHours, estimate > 0 else { continue }
                    move.append(Draft.named(loop))
                    remaining -= estimate
                }
                fixes.append(
                    "I have \(Policy.format(hours)) h due by \(Draft.day(horizon)) and \(Policy.format(capacity)) h "
                        + "to give it. Proposal: move \(Draft.list(move)) to a later date, or drop one. "
                        + "Which matters most?"
                )
            }
            let suggestion =
                "To <whoever sets your priorities>: " + fixes.joined(separator: " ")
                + " (And say no to what you cannot take on: own decline \"<what>\" --reason \"…\" --told <who asked>.)"
            findings.append(
                Finding(
                    rule: name,
                    owner: owner,
                    severity: name.defaultSeverity,
                    since: since.min() ?? now,
                    message: parts.joined(separator: "; "),
                    suggestion: suggestion
                )
            )
        }
        return findings
    }

    private static func latestFirst(_ a: Loop, _ b: Loop, _ calendar: WorkingCalendar) -> Bool {
        let left = a.due?.deadline(in: calendar.zone) ?? .distantFuture
        let right = b.due?.deadline(in: calendar.zone) ?? .distantFuture
        return (left, a.key) > (right, b.key)
    }
}
