public import Foundation

/// `uncovered-while-away`: a loop that will need someone while its owner is away, with nobody named.
public enum UncoveredWhileAway: Rule {
    /// The rule's name.
    public static let name = RuleName.uncoveredWhileAway

    /// One finding per live loop of a person whose time off starts within `away-warn-before` working
    /// days (or has started and not ended) and names no backup, when the loop is due during the time off
    /// or is active or blocked at stakes medium or above. A loop handed off is no longer theirs.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state.isLive {
            let calendar = calendars.calendar(for: loops[index].owner)
            guard !calendar.timeOff.isEmpty else { continue }
            let loop = loops[index]
            let today = calendar.day(of: now)
            // A day is covered by any time off that holds it and names a backup other than the owner
            // (time off may overlap: a day off within a covered fortnight is covered).
            let backed = calendar.timeOff.filter { $0.backup != nil && $0.backup != loop.owner }
            func covered(_ day: CivilDate) -> Bool { backed.contains { $0.contains(day) } }
            for away in calendar.timeOff where (away.backup == nil || away.backup == loop.owner) && away.last >= today {
                let starts = calendar.workStart(on: away.first)
                let before = calendar.workingSeconds(from: now, to: starts) / calendar.secondsPerWorkday
                guard before <= policy.awayWarnBefore else { continue }
                let days = span(away)
                let why: String
                if let due = loop.due, case let day = due.day(in: calendar.zone), away.contains(day) {
                    guard !covered(day) else { continue }
                    why = "due \(Draft.due(due, on: calendar)), while \(loop.owner) is away \(days)"
                } else if (loop.state == .active || loop.state == .blocked) && loop.stakes >= .medium {
                    guard away.eachDay.contains(where: { !covered($0) }) else { continue }
                    why =
                        "\(loop.state.rawValue) at stakes \(loop.stakes.rawValue), while \(loop.owner) is away \(days)"
                } else {
                    continue
                }
                findings.append(
                    Finding(
                        rule: name,
                        loop: loop,
                        severity: name.severity(for: loop),
                        since: away.recordedAt,
                        message: why + "; no hand-off, no backup",
                        suggestion: handOff(loop, away: away, calendar: calendar)
                    )
                )
                break
            }
        }
        return findings
    }

    /// The hand-off note: where it stands, what is next, what to watch, and the command that records it.
    static func handOff(_ loop: Loop, away: TimeOff, calendar: WorkingCalendar) -> String {
        var text = "Hand-off for \(Draft.named(loop)) while I am away \(span(away)): "
        text += Draft.standing(loop, on: calendar) + ". "
        if let doneWhen = loop.doneWhen { text += "Done when: \(doneWhen). " }
        if let due = loop.due { text += "Due \(Draft.due(due, on: calendar)). " }
        text += "Next step: <next step>. Watch for: <what could go wrong>. "
        text += "(own handoff \(loop.commandReference) --to <person> --note \"…\", "
        text += "or own away \(away.first)..\(away.last) --backup <person>)"
        return text
    }

    /// The days away as the findings say them: `Dec 21 to Jan 4`, or the one day, `Dec 24`.
    static func span(_ away: TimeOff) -> String {
        away.first == away.last ? Draft.day(away.first) : "\(Draft.day(away.first)) to \(Draft.day(away.last))"
    }
}
