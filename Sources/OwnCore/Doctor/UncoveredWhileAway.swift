public import Foundation

/// `uncovered-while-away`: a loop that will need someone while its owner is away, with nobody named.
public enum UncoveredWhileAway: Rule {
    /// The rule's name.
    public static let name = RuleName.uncoveredWhileAway

    /// One finding per live loop of a person whose time off starts within `away-warn-before` working
    /// days (or has started and not ended) with nobody to answer for them, when the loop is due on a
    /// day of it nobody covers, or is active or blocked at stakes medium or above and some day of it is
    /// uncovered. A loop handed off is no longer theirs.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state.isLive {
            let calendar = calendars.calendar(for: loops[index].owner)
            guard !calendar.timeOff.isEmpty else { continue }
            let loop = loops[index]
            let today = calendar.day(of: now)
            // A day is covered when someone answers for the owner as it starts, as the team server hands
            // an incident to them (`Calendars.backups`): a backup other than the owner, named by any time
            // off that holds the day (time off may overlap), and not away that day themselves.
            func covered(_ day: CivilDate) -> Bool {
                !calendars.backups(for: loop.owner, at: calendar.workStart(on: day)).isEmpty
            }
            for away in calendar.timeOff where away.last >= today {
                let starts = calendar.workStart(on: away.first)
                let before = calendar.workingSeconds(from: now, to: starts) / calendar.secondsPerWorkday
                guard before <= policy.awayWarnBefore else { continue }
                let days = span(away)
                // Either reason: an active loop due on a day someone covers still needs someone on the
                // days nobody does (it was passed over, where the same loop due later was not).
                var why: String
                if let due = loop.due, case let day = due.day(in: calendar.zone), away.contains(day), !covered(day) {
                    why = "due \(Draft.due(due, on: calendar)), while \(loop.owner) is away \(days)"
                } else if (loop.state == .active || loop.state == .blocked) && loop.stakes >= .medium,
                    away.eachDay.contains(where: { !covered($0) })
                {
                    why =
                        "\(loop.state.rawValue) at stakes \(loop.stakes.rawValue), while \(loop.owner) is away \(days)"
                } else {
                    continue
                }
                if let backup = away.backup, backup != loop.owner {
                    why += "; no hand-off, and \(backup), the backup, is away then too"
                } else {
                    why += "; no hand-off, no backup"
                }
                findings.append(
                    Finding(
                        rule: name,
                        loop: loop,
                        severity: name.severity(for: loop),
                        since: away.recordedAt,
                        message: why,
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

    /// The days away as the finding and its draft say them: `Dec 21 to Jan 4`, or the one day,
    /// `Dec 24`; with the years for half a year or more (a year's leave read "Dec 14 to Dec 14").
    public static func span(_ away: TimeOff) -> String {
        let years = away.last.daysSinceEpoch - away.first.daysSinceEpoch >= 183
        return away.first == away.last
            ? Draft.day(away.first)
            : "\(Draft.day(away.first, withYear: years)) to \(Draft.day(away.last, withYear: years))"
    }
}
