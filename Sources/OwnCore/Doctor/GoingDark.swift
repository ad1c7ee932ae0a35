public import Foundation

/// `going-dark`: a live loop with no word from its owner for longer than its stakes allow.
public enum GoingDark: Rule {
    /// The rule's name.
    public static let name = RuleName.goingDark

    /// One finding per live loop silent for longer than `dark-after` for its stakes.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        // Indices rather than `for loop in loops`: a loop is copied only once it fires.
        for index in loops.indices where loops[index].state.isLive {
            let calendar = calendars.calendar(for: loops[index].owner)
            let allowed = policy.darkAfter(loops[index].stakes)
            let silent = calendar.workingSeconds(from: loops[index].lastCommunicationAt, to: now)
            guard silent > allowed * calendar.secondsPerWorkday else { continue }
            let loop = loops[index]
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: loop.lastCommunicationAt,
                    message: "silent \(Draft.workingDays(silent / calendar.secondsPerWorkday)); "
                        + "stakes \(loop.stakes.rawValue) allow \(Draft.workingDaysLimit(allowed))",
                    suggestion: update(loop, calendar: calendar)
                )
            )
        }
        return findings
    }

    /// An update in the form that keeps trust: what happened, what was done, the workaround, the contingency.
    static func update(_ loop: Loop, calendar: WorkingCalendar) -> String {
        var text = "Update on \(Draft.named(loop)): "
        if loop.state == .blocked, let blockedAt = loop.blockedAt {
            text += "blocked since \(Draft.day(blockedAt, on: calendar))"
            text += loop.blockReason.map { " on \($0)." } ?? "."
            if let from = loop.helpAskedFrom, let asked = loop.helpAskedAt {
                text += " Asked \(from) for help on \(Draft.day(asked, on: calendar))."
            } else {
                text += " Asked: nobody yet."
            }
            text += " Workaround: <workaround, or none yet>."
        } else if loop.state == .active {
            text += "in progress"
            if let stage = loop.stage { text += " (\(stage.rawValue))" }
            if let progress = loop.lastProgressAt { text += ", last progress \(Draft.day(progress, on: calendar))" }
            text += ". Done since then: <what was done>."
        } else if loop.state == .proposed {
            text += "waiting for approval. Plan: <when it starts and what comes first>."
        } else if loop.startedAt == nil {
            text += "not started yet. Plan: <when it starts and what comes first>."
        } else {
            text += Draft.standing(loop, on: calendar) + ". Plan: <what is left and what comes first>."
        }
        text += " Next: <next step>."
        text += " " + contingency(loop, calendar: calendar)
        return text
    }

    /// The contingency sentence: "If not resolved by D, the date moves by N days."
    static func contingency(_ loop: Loop, calendar: WorkingCalendar) -> String {
        if let due = loop.due {
            return "Due \(Draft.due(due, on: calendar)): if not resolved by <date>, the date moves by <n> days."
        }
        return "If not resolved by <date>, the date moves by <n> days."
    }
}
