public import Foundation

/// `open-loop`: a live loop still missing its `doneWhen` or its `due` after `define-within`.
public enum OpenLoop: Rule {
    /// The rule's name.
    public static let name = RuleName.openLoop

    /// One finding per live loop, older than `define-within` working days, missing either.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices
        where loops[index].state.isLive && (loops[index].doneWhen == nil || loops[index].due == nil) {
            let calendar = calendars.calendar(for: loops[index].owner)
            let age = calendar.workingSeconds(from: loops[index].createdAt, to: now)
            guard age > policy.defineWithin * calendar.secondsPerWorkday else { continue }
            let loop = loops[index]
            let missing = [loop.doneWhen == nil ? "done-when" : nil, loop.due == nil ? "due date" : nil]
                .compactMap(\.self)
            let doneWhen = loop.doneWhen ?? "<the observable end state>"
            let due = loop.due.map { Draft.due($0, on: calendar) } ?? "<date>"
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: loop.createdAt,
                    message: "no \(missing.joined(separator: " and no ")) after "
                        + "\(Draft.workingDays(age / calendar.secondsPerWorkday)) "
                        + "(define within \(Draft.workingDaysLimit(policy.defineWithin)))",
                    suggestion: "Define \(Draft.named(loop)): done when \(doneWhen); due \(due)."
                )
            )
        }
        return findings
    }
}
