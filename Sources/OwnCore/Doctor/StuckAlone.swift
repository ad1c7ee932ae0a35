public import Foundation

/// `stuck-alone`: a loop blocked for longer than `ask-for-help-after` with no help asked since the block.
public enum StuckAlone: Rule {
    /// The rule's name.
    public static let name = RuleName.stuckAlone

    /// One finding per blocked loop whose owner has been alone with the blocker for too long.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state == .blocked && loops[index].helpAskedAt == nil {
            guard let blockedAt = loops[index].blockedAt else { continue }
            let calendar = calendars.calendar(for: loops[index].owner)
            let blocked = calendar.workingSeconds(from: blockedAt, to: now)
            guard blocked > policy.askForHelpAfter * calendar.secondsPerWorkday else { continue }
            let loop = loops[index]
            var ask = "Help wanted on \(Draft.named(loop)): blocked since \(Draft.day(blockedAt, on: calendar))"
            ask += loop.blockReason.map { " on \($0)." } ?? "."
            ask += " Tried so far: <what you tried>. Who can unblock this, or who knows who can?"
            if let due = loop.due { ask += " It is due \(Draft.due(due, on: calendar))." }
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: blockedAt,
                    message: "blocked \(Draft.workingDays(blocked / calendar.secondsPerWorkday)), no help asked "
                        + "(ask after \(Draft.workingDaysLimit(policy.askForHelpAfter)))",
                    suggestion: ask
                )
            )
        }
        return findings
    }
}
