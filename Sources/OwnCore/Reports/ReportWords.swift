public import Foundation

/// The small pieces of wording and arithmetic every report shares: days as people say them, working
/// days between two dates, and which loop a commit names.
enum ReportWords {
    private static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// "Mon 30 Nov".
    static func day(_ date: CivilDate) -> String {
        "\(weekdayNames[date.weekday - 1]) \(date.day) \(monthNames[date.month - 1])"
    }

    /// "Mon 30 Nov 2026".
    static func dayWithYear(_ date: CivilDate) -> String {
        day(date) + " \(date.year)"
    }

    /// "Mon 30 Nov to Fri 4 Dec 2026", one day as "Mon 30 Nov 2026", and each day with its year when
    /// the two years differ ("Mon 28 Dec 2026 to Sun 3 Jan 2027").
    static func days(_ first: CivilDate, _ last: CivilDate) -> String {
        if first == last { return dayWithYear(first) }
        return (first.year == last.year ? day(first) : dayWithYear(first)) + " to " + dayWithYear(last)
    }

    /// A due date as the owner reads it: "Fri 4 Dec", or "Fri 4 Dec 15:00" for an instant.
    static func due(_ due: Due, calendar: WorkingCalendar) -> String {
        switch due {
        case .day(let date): return day(date)
        case .instant(let instant):
            return day(calendar.day(of: instant)) + " " + LocalTime.clock(instant, in: calendar.zone)
        }
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not later).
    static func workingDays(from: CivilDate, to: CivilDate, calendar: WorkingCalendar) -> Int {
        guard to > from else { return 0 }
        var count = 0
        var day = from.adding(days: 1)
        // Bounded: a year of days is more than any report looks at.
        var steps = 0
        while day <= to, steps < 400 {
            // A day away is no working day, as the doctor counts working time.
            if calendar.works(on: day) { count += 1 }
            day = day.adding(days: 1)
            steps += 1
        }
        return count
    }

    /// A list as people write it: "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        default: items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// A list of strings as JSON.
    static func json(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    /// An instant as JSON text.
    static func json(_ instant: Date) -> JSONValue { .string(Timestamp.format(instant)) }

    /// What a plan change was, in a word: scope, due, risk.
    static func changeWord(_ type: EventType) -> String {
        switch type {
        case .scopeChanged: "scope"
        case .dueChanged: "due"
        case .blocked: "blocked"
        default: "risk"
        }
    }

    /// A stored due date (`Due.json`) as the owner reads it on `calendar` (`due`): the same day the
    /// report's other lines give, not an instant in UTC.
    static func due(stored text: String, calendar: WorkingCalendar) -> String {
        Due(json: text).map { due($0, calendar: calendar) } ?? text
    }

    /// A plan change as a person reads it, its dates on `calendar`; given its loop, adds whom it was
    /// told to, as `Loop.wasTold` judges (not in a notice, which is the telling).
    static func changeLine(_ change: Loop.PlanChange, of loop: Loop? = nil, calendar: WorkingCalendar) -> String {
        var line: String
        switch change.type {
        case .scopeChanged:
            line = "scope changed" + (change.value.map { " (now \($0) h)" } ?? "")
        case .dueChanged:
            line =
                change.value.map { "due moved to \(due(stored: $0, calendar: calendar))" } ?? "due date removed"
                + (change.previous.map { " (was \(due(stored: $0, calendar: calendar)))" } ?? "")
        case .blocked:
            line = "blocked"
        default:
            line = "risk"
        }
        if let note = change.note, !note.isEmpty { line += ": \(note)" }
        if let loop {
            if change.toldSomeone {
                line += "; told \(list(change.told))"
            } else if let later = loop.toldLater(than: change) {
                line += "; told \(list(later.told)) with a later change"
            } else if let report = loop.report(after: change) {
                line += "; told in a \(report.channel.rawValue) report"
            } else {
                line += "; nobody told yet"
            }
        }
        return line
    }

    /// A plan change as a JSON object; given its loop, `wasTold` (as `Loop.wasTold` judges) and
    /// `reportedIn`, the channel of the report that told of it.
    static func changeJSON(_ change: Loop.PlanChange, of loop: Loop? = nil) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "change": .string(changeWord(change.type)), "at": json(change.at), "by": .string(change.by),
            "note": change.note.map(JSONValue.string) ?? .null, "value": change.value.map(JSONValue.string) ?? .null,
            "told": json(change.told),
        ]
        if let loop {
            object["wasTold"] = .bool(loop.wasTold(change))
            object["reportedIn"] = loop.report(after: change).map { .string($0.channel.rawValue) } ?? .null
        }
        return object
    }

    /// A progress event as a line: a note, a start, a stage.
    static func progressLine(_ event: Event) -> String? {
        switch event.type {
        case .started: "started"
        case .noted: event.string("note")
        case .staged: event.string("stage").map { "moved to \($0)" }
        case .unblocked: "unblocked" + (event.string("note").map { ": \($0)" } ?? "")
        case .dropped: "dropped" + (event.string("reason").map { ": \($0)" } ?? "")
        case .reopened: "reopened" + (event.string("reason").map { ": \($0)" } ?? "")
        case .handedOff:
            "handed off to " + (event.string("to") ?? "someone") + (event.string("note").map { ": \($0)" } ?? "")
        default: nil
        }
    }

    /// Whether an event is a sign of progress.
    static func isProgress(_ event: Event) -> Bool {
        switch event.type {
        case .started, .noted, .staged, .unblocked: true
        default: false
        }
    }

    /// Whether an event moved a loop, for the standup: progress, or a loop let go, taken back up or
    /// handed on (the weekly lists those three among its decisions).
    static func isMove(_ event: Event) -> Bool {
        isProgress(event) || event.type == .dropped || event.type == .reopened || event.type == .handedOff
    }

    /// A loop's events in a report's window that are `person`'s doing: those they recorded, and on a
    /// loop they own, the others since it last came to them. Before a hand-off the loop's moves were
    /// the previous owner's work: they stay in that person's report, not the new owner's.
    static func doneBy(_ person: String, _ events: [Event], of loop: Loop) -> [Event] {
        guard loop.owner == person else { return events.filter { $0.by == person } }
        guard let handedOver = events.lastIndex(where: { $0.type == .handedOff }) else { return events }
        return events.indices.filter { $0 > handedOver || events[$0].by == person }.map { events[$0] }
    }

    /// A loop's changes to plan that are `person`'s to tell, as `doneBy` gives its events: on a loop
    /// they own, those since it came to them (`ownedSince`, or the hand-off of a loop stored before
    /// that was kept) and their own before; on a loop they handed off (`events` holds the hand-off),
    /// those until then; none on another's loop.
    static func changesToTell(by person: String, _ events: [Event], of loop: Loop) -> [Loop.PlanChange] {
        guard loop.owner == person else {
            guard let handedOff = events.last(where: { $0.type == .handedOff && $0.by == person }) else { return [] }
            return loop.changes.filter { $0.at <= handedOff.at }
        }
        guard let came = came(loop) else { return loop.changes }
        return loop.changes.filter { $0.at >= came || $0.by == person }
    }

    /// When a loop came to its owner: `ownedSince`, or the hand-off of a loop stored before that was
    /// kept; nil for one they opened.
    static func came(_ loop: Loop) -> Date? {
        loop.ownedSince ?? (loop.delegatedBy == nil ? nil : loop.handedOffAt)
    }
}

/// Finds the loop a commit names, by key or number (`12`, `#12`).
struct CommitMatcher {
    private var byReference: [String: String] = [:]

    /// A matcher over some loops.
    init(_ loops: [Loop]) {
        for loop in loops {
            byReference[loop.key] = loop.key
            if loop.number > 0 { byReference[String(loop.number)] = loop.key }
        }
    }

    /// The key of the first loop the commit names, if any of them is known.
    func loopKey(for commit: ReportCommit) -> String? {
        for reference in commit.loopReferences {
            var text = Substring(reference.trimming(.spaces))
            if text.hasPrefix("#") { text = text.dropFirst() }
            if let key = byReference[String(text)] { return key }
        }
        return nil
    }

    /// Commits in a window, split into those on one of `loops` (by key) and the rest. Without
    /// commits (no repositories configured) the loops are not even indexed.
    static func split(
        _ commits: [ReportCommit],
        over loops: [Loop],
        from start: Date,
        to end: Date
    ) -> (
        byLoop: [String: [ReportCommit]], other: [ReportCommit]
    ) {
        guard !commits.isEmpty else { return ([:], []) }
        let matcher = CommitMatcher(loops)
        var byLoop: [String: [ReportCommit]] = [:]
        var other: [ReportCommit] = []
        for commit in commits.sorted(by: { ($0.at, $0.hash) < ($1.at, $1.hash) })
        where commit.at >= start && commit.at <= end {
            if let key = matcher.loopKey(for: commit) {
                byLoop[key, default: []].append(commit)
            } else {
                other.append(commit)
            }
        }
        return (byLoop, other)
    }
}
