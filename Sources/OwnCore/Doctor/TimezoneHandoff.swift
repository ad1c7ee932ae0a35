public import Foundation

/// `timezone-handoff`: the owner's end of day is someone else's blocked morning.
///
/// In the last `handoff-before` working hours of the owner's working day, a live loop that affects
/// someone whose next working day starts before the owner is back needs a word before the owner
/// leaves; a note, a report or any other update from the owner that day is that word.
public enum TimezoneHandoff: Rule {
    /// The rule's name.
    public static let name = RuleName.timezoneHandoff

    /// One finding per live loop, not updated by its owner today, that affects people who will start
    /// work while the owner is away; only while the owner is at work, near the end of the day.
    /// People in `affects` who are not in the configuration count on the team's calendar.
    public static func findings(in loops: [Loop], policy: Policy, calendars: Calendars, now: Date) -> [Finding] {
        var findings: [Finding] = []
        for index in loops.indices where loops[index].state.isLive && !loops[index].affects.isEmpty {
            let calendar = calendars.calendar(for: loops[index].owner)
            guard let today = calendar.workingDay(containing: now) else { continue }
            let opens = window(on: today, calendar: calendar, policy: policy)
            guard now >= opens, calendar.day(of: loops[index].lastCommunicationAt) < today else { continue }
            // Read in place: most loops have nobody waiting, and only a hand-off keeps a copy.
            guard let handoff = Handoff(loop: loops[index], day: today, calendars: calendars) else { continue }
            findings.append(
                Finding(
                    rule: name,
                    loop: handoff.loop,
                    severity: name.severity(for: handoff.loop),
                    since: opens,
                    message: handoff.message,
                    suggestion: handoff.note
                )
            )
        }
        return findings
    }

    /// When the hand-off window opens on a working day: `handoff-before` working hours before its end,
    /// or its start when the day is shorter than that.
    public static func window(on day: CivilDate, calendar: WorkingCalendar, policy: Policy) -> Date {
        let end = calendar.workEnd(on: day)
        return max(calendar.workStart(on: day), end.addingTimeInterval(-policy.handoffBefore * 3600))
    }

    /// Who waits on a loop overnight, and the note that tells them where it stands.
    struct Handoff {
        /// The people who start work before the owner is back, with the start of their next working day.
        var waiting: [(person: String, starts: Date, calendar: WorkingCalendar)]
        /// When the owner is back.
        var back: Date?
        var loop: Loop
        var owner: WorkingCalendar

        /// The hand-off for a loop at the end of the owner's working day; nil when nobody it affects
        /// starts work before the owner is back.
        init?(loop: borrowing Loop, day: CivilDate, calendars: Calendars) {
            let owner = calendars.calendar(for: loop.owner)
            let leaves = owner.workEnd(on: day)
            let back = owner.nextWorkStart(from: leaves)
            var waiting: [(person: String, starts: Date, calendar: WorkingCalendar)] = []
            // Each person once, and never the owner: a scan, since `affects` holds a name or two.
            for (offset, person) in loop.affects.enumerated()
            where person != loop.owner && !loop.affects[..<offset].contains(person) {
                let calendar = calendars.calendar(for: person)
                guard let starts = calendar.nextWorkStart(from: leaves), back.map({ starts < $0 }) ?? true
                else { continue }
                // Already at work as the owner leaves (the second before; one who starts that minute
                // is not): no morning waits for them, unless the owner is away for the whole of their
                // next working day.
                if calendar.workingDay(containing: leaves.addingTimeInterval(-1)) != nil, let back,
                    let next = calendar.workingDay(containing: starts), back < calendar.workEnd(on: next)
                {
                    continue
                }
                waiting.append((person, starts, calendar))
            }
            guard !waiting.isEmpty else { return nil }
            self.waiting = waiting
            self.back = back
            self.loop = copy loop
            self.owner = owner
        }

        /// `kenji starts Mar 30 09:00 Asia/Tokyo, before ana is back Mar 30 09:00 Europe/Berlin; no update today`.
        var message: String {
            let starts = waiting.map { "\($0.person) starts \(TimezoneHandoff.clock($0.starts, on: $0.calendar))" }
            let back = back.map { "is back \(TimezoneHandoff.clock($0, on: owner))" } ?? "is back"
            return Draft.list(starts) + ", before \(loop.owner) " + back + "; no update today"
        }

        /// The drafted note: where the loop stands, what they can do meanwhile, when the owner is back,
        /// in their own time, and the command that records it.
        var note: String {
            var text = "Hand-off for \(Draft.list(waiting.map(\.person))) on \(Draft.named(loop)): "
            text += Draft.standing(loop, on: owner) + ". "
            text += "Where it stands: <what is done, what is next>. "
            if let doneWhen = loop.doneWhen { text += "Done when: \(doneWhen). " }
            if let due = loop.due { text += "Due \(Draft.due(due, on: owner)). " }
            text += "Meanwhile you can: <what you can do without me>. "
            if let back {
                let yours = waiting.map { "\(Draft.due(.instant(back), on: $0.calendar)) for \($0.person)" }
                text += "I am back \(TimezoneHandoff.clock(back, on: owner)) (\(Draft.list(yours))). "
            }
            text += "(own note \(loop.commandReference) \"…\" records it)"
            return text
        }
    }

    /// An instant on someone's wall clock, with their zone: `Mar 30 09:00 Asia/Tokyo`.
    static func clock(_ instant: Date, on calendar: WorkingCalendar) -> String {
        Draft.due(.instant(instant), on: calendar) + " " + calendar.zone.shownName
    }
}
