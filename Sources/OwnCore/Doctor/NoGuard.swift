public import Foundation

/// `no-guard`: a dropped ball recovered from, with nothing built to stop the same drop again.
public enum NoGuard: Rule {
    /// The rule's name.
    public static let name = RuleName.noGuard

    /// One finding per done loop at stakes medium or above, an incident or done after its deadline (the
    /// end of the due day on the owner's calendar, or the due instant), with no guard recorded.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].mayNeedGuard {
            let loop = loops[index]
            guard let doneAt = loop.doneAt, doneAt <= now else { continue }
            let calendar = calendars.calendar(for: loop.owner)
            let what: String
            if loop.kind == .incident {
                what = "incident"
            } else if let due = loop.due, doneAt > due.deadline(in: calendar.zone) {
                what = "done \(Draft.day(doneAt, on: calendar)), after its due date \(Draft.due(due, on: calendar)),"
            } else {
                continue
            }
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: doneAt,
                    message: "\(what) at stakes \(loop.stakes.rawValue), closed with no guard",
                    suggestion:
                        "What stops this happening again? Record it: own guard \(loop.number > 0 ? String(loop.number) : loop.key) "
                        + "\"<the alert, check, gate or test now in place>\""
                )
            )
        }
        return findings
    }
}
