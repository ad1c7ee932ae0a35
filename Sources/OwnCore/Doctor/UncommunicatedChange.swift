public import Foundation

/// `uncommunicated-change`: a scope change, a slipped due date or a risk that people depending on the
/// loop did not hear about within `notice-within`.
public enum UncommunicatedChange: Rule {
    /// The rule's name.
    public static let name = RuleName.uncommunicatedChange

    /// One finding per loop with at least one such change, dated by the earliest.
    ///
    /// A change counts as communicated as `Loop.wasTold` says: its event names someone as `told`, or
    /// the loop has a `reported` event at or after it. A report that comes after `notice-within` still
    /// clears it: the finding exists to get the notice sent, and sending it is the fix.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where !loops[index].changes.isEmpty {
            guard loops[index].state != .dropped, loops[index].state != .handedOff,
                loops[index].planChangesNeedTelling
            else { continue }
            let calendar = calendars.calendar(for: loops[index].owner)
            let window = policy.noticeWithin * 3600
            var untold: [Loop.PlanChange] = []
            for change in loops[index].changes
            where !loops[index].wasTold(change) && matters(change, calendar: calendar) {
                guard calendar.workingSeconds(from: change.at, to: now) > window else { continue }
                untold.append(change)
            }
            guard let first = untold.first else { continue }
            let loop = loops[index]
            var message = describe(first, calendar: calendar)
            if untold.count > 1 { message += " (and \(Draft.count(untold.count - 1, "more change")))" }
            message += "; nobody told and no report within \(Draft.workingHoursLimit(policy.noticeWithin))"
            findings.append(
                Finding(
                    rule: name,
                    loop: loop,
                    severity: name.severity(for: loop),
                    since: first.at,
                    message: message,
                    suggestion: notice(loop, changes: untold, calendar: calendar)
                )
            )
        }
        return findings
    }

    /// Whether a change is one the rule judges: any scope change or risk, and a due date moved later.
    /// Setting a first due date, or pulling one in, is not bad news for anyone.
    public static func matters(_ change: Loop.PlanChange, calendar: WorkingCalendar) -> Bool {
        guard change.type == .dueChanged else { return change.type.isPlanChange }
        guard let previous = change.previous.flatMap(Due.init(json:)) else { return false }
        guard let next = change.value.flatMap(Due.init(json:)) else { return true }
        return next.deadline(in: calendar.zone) > previous.deadline(in: calendar.zone)
    }

    static func describe(_ change: Loop.PlanChange, calendar: WorkingCalendar) -> String {
        // Each day with its year when they are not all of one year: a due date moved a year, or over New Year.
        let dues = [change.previous, change.value].compactMap { $0.flatMap(Due.init(json:)) }
        let years = Set([calendar.day(of: change.at).year] + dues.map { Draft.dueDay($0, on: calendar).year })
        let withYear = years.count > 1
        let when = Draft.day(change.at, on: calendar, withYear: withYear)
        switch change.type {
        case .scopeChanged:
            var text = "scope changed \(when)"
            if let value = change.value {
                text += change.previous.map { " (estimate \($0) h → \(value) h)" } ?? " (estimate now \(value) h)"
            }
            return text
        case .dueChanged:
            let from =
                change.previous.flatMap(Due.init(json:)).map { Draft.due($0, on: calendar, withYear: withYear) } ?? "?"
            guard
                let to = change.value.flatMap(Due.init(json:)).map({ Draft.due($0, on: calendar, withYear: withYear) })
            else {
                return "due date (\(from)) removed \(when)"
            }
            return "due date moved \(when) from \(from) to \(to)"
        default:
            return "risk raised \(when)" + (change.note.map { ": \($0)" } ?? "")
        }
    }

    /// The notice that would fix it: what changed, what was done, the workaround, the contingency.
    static func notice(_ loop: Loop, changes: [Loop.PlanChange], calendar: WorkingCalendar) -> String {
        let audience = loop.othersAffected.isEmpty ? "<who depends on it>" : Draft.list(loop.othersAffected)
        var text = "Notice to \(audience) on \(Draft.named(loop)): "
        text +=
            changes.map { change in
                describe(change, calendar: calendar)
                    + (change.type != .risk ? change.note.map { ", because \($0)" } ?? "" : "")
            }.joined(separator: "; ") + "."
        // A date moved since (pulled in, which the rule does not judge) is the one to announce.
        if let moved = changes.last(where: { $0.type == .dueChanged }), moved.value.flatMap(Due.init(json:)) != loop.due
        {
            text += loop.due.map { " It is now due \(Draft.due($0, on: calendar))." } ?? " It has no due date now."
        }
        text += " What was done: <what you did about it>. Workaround: <workaround, or none>."
        // With no due date (never given, or removed by the change), no date moves.
        text +=
            loop.due == nil
            ? " If not resolved by <date>, <what happens then>."
            : " If not resolved by <date>, the date moves by <n> days."
        return text
    }
}
