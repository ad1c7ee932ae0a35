public import Foundation

/// `invisible-work`: a done loop at autonomy 4 or below that nobody reported within `report-within`.
public enum InvisibleWork: Rule {
    /// The rule's name.
    public static let name = RuleName.invisibleWork

    /// One finding per such loop, once the window has passed. A later report clears it: reporting is
    /// the fix, and the ledger counts such a loop as settled.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state == .done && loops[index].autonomy <= 4 {
            let loop = loops[index]
            guard let doneAt = loop.doneAt, !loop.reports.contains(where: { $0.at >= doneAt }) else { continue }
            let calendar = calendars.calendar(for: loop.owner)
            guard calendar.workingSeconds(from: doneAt, to: now) > policy.reportWithin * calendar.secondsPerWorkday
            else { continue }
            let outcome = loop.outcome.map { " — \($0)" } ?? " — <the outcome, and who it helps>"
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: doneAt,
                    message: "done \(Draft.day(doneAt, on: calendar)), not reported within "
                        + "\(Draft.workingDaysLimit(policy.reportWithin)) (autonomy \(loop.autonomy))",
                    // The standup and this week's weekly may not reach back to it: a weekly from its day
                    // does, and --mark records it reported, which clears the finding.
                    suggestion: "Add to your next update: \"Done: \(Draft.named(loop))\(outcome).\" "
                        + "(`own weekly --since \(calendar.day(of: doneAt)) --mark` includes it and marks it reported)"
                )
            )
        }
        return findings
    }
}
