public import Foundation

/// `no-guard`: a dropped ball recovered from, with nothing built to stop the same drop again.
public enum NoGuard: Rule {
    /// The rule's name.
    public static let name = RuleName.noGuard

    /// One finding per done loop at stakes medium or above, an incident or done at or after its deadline
    /// (the end of the due day on the owner's calendar, or the due instant: `overdue` counts from that
    /// instant, and the record calls a loop done then late), with no guard recorded.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        // By index, reading each loop's fields in place: asking a loop in an array as a whole
        // (`mayNeedGuard`) copies it, and most done loops are not at stake or have a guard.
        for index in loops.indices
        where loops[index].state == .done && loops[index].stakes >= .medium && loops[index].guards.isEmpty {
            guard let doneAt = loops[index].doneAt, doneAt <= now else { continue }
            let calendar = calendars.calendar(for: loops[index].owner)
            let what: String
            if loops[index].kind == .incident {
                what = "incident"
            } else if let due = loops[index].due, doneAt >= due.deadline(in: calendar.zone) {
                // Done at a due instant counts as late; said so ("after" read as a second too late).
                let atInstant = if case .instant(let instant) = due { doneAt == instant } else { false }
                let when = atInstant ? "at" : "after"
                what = "done \(Draft.day(doneAt, on: calendar)), \(when) its due date \(Draft.due(due, on: calendar)),"
            } else {
                continue
            }
            findings.append(
                Finding(
                    rule: name,
                    loop: loops[index],
                    severity: name.severity(for: loops[index]),
                    since: doneAt,
                    message: "\(what) at stakes \(loops[index].stakes.rawValue), closed with no guard",
                    suggestion:
                        "What stops this happening again? Record it: own guard \(loops[index].commandReference) "
                        + "\"<the alert, check, gate or test now in place>\""
                )
            )
        }
        return findings
    }
}
