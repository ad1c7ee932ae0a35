public import Foundation

/// `overcommitted`: an owner with more estimated work due soon than their capacity, or more loops
/// active at once than the WIP limit. About the owner, so `loop` is null.
public enum Overcommitted: Rule {
    /// The rule's name.
    public static let name = RuleName.overcommitted

    /// One finding per overcommitted owner.
    ///
    /// Load is the estimates of the owner's open and active loops due from today through the
    /// `capacity-horizon`-th working day after today, on the owner's calendar; loops with no estimate
    /// add nothing, and loops already past due are the `overdue` rule's concern.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var byOwner: [String: [Loop]] = [:]
        for loop in loops where loop.state == .open || loop.state == .active {
            byOwner[loop.owner, default: []].append(loop)
        }
        var findings: [Finding] = []
        for (owner, owned) in byOwner {
            let calendar = calendars.calendar(for: owner)
            let today = calendar.day(of: now)
            let horizon = calendar.workday(policy.capacityHorizon, after: today)
            let active = owned.filter { $0.state == .active }.sorted {
                ($0.startedAt ?? $0.createdAt, $0.key) < ($1.startedAt ?? $1.createdAt, $1.key)
            }
            let due = owned.filter { loop in
                guard let day = loop.due?.day(in: calendar.zone) else { return false }
                return day >= today && day <= horizon
            }.sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
            let hours = due.reduce(0) { $0 + ($1.estimateHours ?? 0) }
            let capacity = policy.capacity * Double(policy.capacityHorizon)
            let overWIP = active.count > policy.wipLimit
            let overHours = hours > capacity + 1e-9
            guard overWIP || overHours else { continue }
            var parts: [String] = []
            var since: [Date] = []
            var fixes: [String] = []
            if overWIP {
                parts.append("\(active.count) loops active (limit \(policy.wipLimit))")
                since.append(active[policy.wipLimit].startedAt ?? active[policy.wipLimit].createdAt)
                let pause = active.suffix(active.count - policy.wipLimit).map(Draft.reference)
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
            let suggestion = "To <whoever sets your priorities>: " + fixes.joined(separator: " ")
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
