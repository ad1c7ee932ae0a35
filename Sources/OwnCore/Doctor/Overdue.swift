public import Foundation

/// `overdue`: past due and not done, dropped or handed off.
public enum Overdue: Rule {
    /// The rule's name.
    public static let name = RuleName.overdue

    /// One finding per live loop past its deadline: the end of the due day on the owner's calendar, or
    /// the exact instant when the due has a time.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state.isLive {
            guard let due = loops[index].due else { continue }
            let calendar = calendars.calendar(for: loops[index].owner)
            let deadline = due.deadline(in: calendar.zone)
            // Overdue from the deadline itself (Saturday 00:00 for a loop due Friday), as `own list` says.
            guard now >= deadline else { continue }
            let loop = loops[index]
            let late = calendar.workingSeconds(from: deadline, to: now) / calendar.secondsPerWorkday
            // Due in another year than this one: said with its year ("due Dec 30, 260 working days late").
            let withYear = Draft.dueDay(due, on: calendar).year != calendar.day(of: now).year
            let dueText = Draft.due(due, on: calendar, withYear: withYear)
            var update = "Update on \(Draft.named(loop)): it missed \(dueText)."
            update += " Where it stands: \(Draft.standing(loop, on: calendar))."
            update += " New date: <date>, because <reason>. What would help: <…>."
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: deadline,
                    // Over a weekend no working time has passed yet: "0 working days late" read as on time.
                    message: "due \(dueText), "
                        + (late > 0 ? "\(Draft.workingDays(late)) late" : "overdue, no working time lost yet"),
                    suggestion: update
                )
            )
        }
        return findings
    }
}
