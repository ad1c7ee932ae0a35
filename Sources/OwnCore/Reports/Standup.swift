public import Foundation

/// The daily update: what happened since the start of the owner's previous working day, and where
/// things stand now. A pure value of the loops, their events in the window, git commits and the clock.
public struct Standup: Sendable, Equatable {
    /// Whose standup it is.
    public var owner: String
    /// The owner's date today.
    public var date: CivilDate
    /// The previous working day, whose start opens the window (Friday on a Monday).
    public var previousWorkday: CivilDate
    /// The window's start.
    public var since: Date
    /// The window's end: now.
    public var now: Date
    /// Loops done in the window.
    public var done: [ReportItem] = []
    /// Loops that moved: notes, starts, stages, commits, drops and reopens.
    public var progress: [ReportItem] = []
    /// Loops opened in the window: new commitments.
    public var opened: [ReportItem] = []
    /// Loops on the plate today: active, or due by the end of the next working day.
    public var today: [ReportItem] = []
    /// Loops blocked now, with age and whether help was asked.
    public var blockers: [ReportItem] = []
    /// Changes to plan in the window: scope, due, risk.
    public var changes: [ReportItem] = []
    /// The ids of the changes to plan `changes` tells of, by loop key: what `--mark` records as told.
    public var toldChanges: [String: Set<String>] = [:]
    /// Commits in the window that name no loop.
    public var otherWork: [ReportCommit] = []
    /// The owner's time off not over today and starting within the coming week.
    public var away: [TimeOff] = []

    /// The window's start for a standup at `now`: the start of the owner's previous working day,
    /// time off skipped (`WorkingCalendar.workedDay(before:)`).
    public static func windowStart(now: Date, calendar: WorkingCalendar) -> Date {
        calendar.workedDay(before: calendar.day(of: now)).start(in: calendar.zone)
    }

    /// Builds the standup.
    ///
    /// - Parameters:
    ///   - owner: whose standup.
    ///   - loops: the owner's loops that changed in the window or are still live, plus any loop a
    ///     commit names; others' loops count only through commits.
    ///   - events: those loops' events in the window (earlier ones are ignored).
    ///   - commits: the owner's commits, from every configured repository.
    ///   - calendar: the owner's working calendar.
    ///   - now: the report's instant.
    public init(
        owner: String,
        loops: [Loop],
        events: [Event],
        commits: [ReportCommit] = [],
        calendar: WorkingCalendar,
        now: Date
    ) {
        self.owner = owner
        self.now = now
        date = calendar.day(of: now)
        let currentDay = date
        previousWorkday = calendar.workedDay(before: date)
        since = previousWorkday.start(in: calendar.zone)
        let since = since
        away = TimeOff.ahead(calendar.timeOff.filter { $0.person == owner }, of: date, within: 7)

        let ordered = loops.sorted(by: Loop.inReportOrder)
        let (commitsByLoop, other) = CommitMatcher.split(commits, over: ordered, from: since, to: now)
        otherWork = other
        var eventsByLoop: [String: [Event]] = [:]
        for event in Event.withoutRetracted(events) where event.at >= since && event.at <= now {
            eventsByLoop[event.loop, default: []].append(event)
        }
        // The next day the owner is at work: with Tuesday off, Monday's Today reaches Wednesday, so a
        // loop due Tuesday, whose date passes while they are away, is said before they go.
        let ownTimeOff = calendar.timeOff.filter { $0.person == owner }
        var nextWorkday = calendar.workday(after: currentDay)
        for _ in 0..<WorkingCalendar.searchDays where ownTimeOff.contains(where: { $0.contains(nextWorkday) }) {
            nextWorkday = calendar.workday(after: nextWorkday)
        }

        for loop in ordered {
            let mine = loop.owner == owner
            let loopCommits = commitsByLoop[loop.key] ?? []
            let commitLines = loopCommits.map(\.line)
            let commitJSON = JSONValue.array(loopCommits.map(\.json))
            if mine, let doneAt = loop.doneAt, loop.state == .done, doneAt >= since, doneAt <= now {
                var summary = loop.outcome ?? "done"
                summary += loop.verified ? " (verified in production)" : " (not verified in production yet)"
                done.append(
                    ReportItem(
                        loop,
                        summary: summary,
                        details: commitLines,
                        facts: [
                            "doneAt": ReportWords.json(doneAt), "outcome": loop.outcome.map(JSONValue.string) ?? .null,
                            "verified": .bool(loop.verified), "commits": commitJSON,
                        ]
                    )
                )
            } else {
                let moves = ReportWords.doneBy(owner, eventsByLoop[loop.key] ?? [], of: loop).filter(ReportWords.isMove)
                if !moves.isEmpty || !loopCommits.isEmpty {
                    let notes = moves.compactMap(ReportWords.progressLine)
                    progress.append(
                        ReportItem(
                            loop,
                            // Someone else's now (handed off, or a teammate's loop they worked on):
                            // whose it is, then its state, for the state is theirs.
                            summary: mine ? loop.state.rawValue : "\(loop.owner)'s, \(loop.state.rawValue)",
                            details: notes + commitLines,
                            facts: [
                                "state": .string(loop.state.rawValue), "notes": ReportWords.json(notes),
                                "commits": commitJSON, "owner": .string(loop.owner),
                            ]
                        )
                    )
                }
            }
            // Theirs to tell: on a loop they handed off in the window, those until the hand-off (the new
            // owner's report tells those since).
            let toTell = ReportWords.changesToTell(by: owner, eventsByLoop[loop.key] ?? [], of: loop)
            for change in toTell where change.at >= since && change.at <= now {
                toldChanges[loop.key, default: []].insert(change.id)
                changes.append(
                    ReportItem(
                        loop,
                        summary: ReportWords.changeLine(change, of: loop, calendar: calendar),
                        facts: ReportWords.changeJSON(change, of: loop)
                    )
                )
            }
            guard mine else { continue }
            if let new = ReportItem.new(loop, from: since, to: now, calendar: calendar) { opened.append(new) }
            let overdue = loop.due.map { $0.deadline(in: calendar.zone) <= now } ?? false
            if loop.state == .blocked {
                let blockedAt = loop.blockedAt ?? loop.lastEventAt
                // Working time, as the doctor's stuck-alone measures it (a count of days touched said
                // "1 working day" an hour after a Friday evening's block, beside the doctor's 0.2).
                let age = calendar.workingSeconds(from: blockedAt, to: now) / calendar.secondsPerWorkday
                var summary =
                    "blocked "
                    + (calendar.day(of: blockedAt) == currentDay ? "since today" : "for " + Draft.workingDays(age))
                if let reason = loop.blockReason, !reason.isEmpty { summary += ": \(reason)" }
                if let asked = loop.helpAskedAt {
                    summary += "; help asked" + (loop.helpAskedFrom.map { " from \($0)" } ?? "")
                    summary += " " + ReportWords.day(calendar.day(of: asked))
                } else {
                    summary += "; help not asked yet"
                }
                // Its date, when it passed or comes by the next working day: a blocked loop is not in
                // Today, and its due date was said nowhere else.
                if let due = loop.due, overdue || due.day(in: calendar.zone) <= nextWorkday {
                    summary += (overdue ? "; overdue, was due " : "; due ") + ReportWords.due(due, calendar: calendar)
                }
                blockers.append(
                    ReportItem(
                        loop,
                        summary: summary,
                        facts: [
                            "reason": loop.blockReason.map(JSONValue.string) ?? .null,
                            "since": ReportWords.json(blockedAt), "ageWorkingDays": .number(Draft.upToATenth(age)),
                            "helpAsked": .bool(loop.helpAskedAt != nil),
                            "helpAskedFrom": loop.helpAskedFrom.map(JSONValue.string) ?? .null,
                            "due": loop.due.map { .string($0.json) } ?? .null, "overdue": .bool(overdue),
                        ]
                    )
                )
            } else if loop.state.isLive {
                let dueDay = loop.due?.day(in: calendar.zone)
                let dueSoon = dueDay.map { $0 <= nextWorkday } ?? false
                if loop.state == .active || dueSoon {
                    var parts = [loop.state.rawValue]
                    if let due = loop.due {
                        parts.append(
                            (overdue ? "overdue, was due " : "due ") + ReportWords.due(due, calendar: calendar)
                        )
                    }
                    today.append(
                        ReportItem(
                            loop,
                            summary: parts.joined(separator: ", "),
                            facts: [
                                "state": .string(loop.state.rawValue),
                                "due": loop.due.map { .string($0.json) } ?? .null, "overdue": .bool(overdue),
                            ]
                        )
                    )
                }
            }
        }
        // Most pressing first: overdue (the longest overdue first), then by due date; loops with no
        // due date last.
        today = today.stablySorted { Self.urgency($0, zone: calendar.zone) }
        changes = changes.stablySorted { $0.facts["at"]?.stringValue ?? "" }
    }

    /// By deadline, not by the due date's text: a date alone is due at its end, after a time that day.
    /// An overdue loop's deadline is past, so it comes before the rest (all overdue ones alike put
    /// them in number order, not the longest overdue first).
    private static func urgency(_ item: ReportItem, zone: TimeZone) -> Double {
        ReportItem.deadline(item, zone: zone)
    }

    /// Every loop the standup mentions, for `--mark`.
    public var includedLoops: [String] {
        var seen = Set<String>()
        return (done + progress + opened + today + blockers + changes).map(\.loop).filter { seen.insert($0).inserted }
    }

    /// The JSON contract: an object with `owner` and arrays `done`, `progress`, `new`, `today`,
    /// `blockers`, `changes` and `away` (time off ahead).
    public var json: JSONValue {
        .object([
            "owner": .string(owner),
            "done": .array(done.map(\.json)), "progress": .array(progress.map(\.json)),
            "new": .array(opened.map(\.json)),
            "today": .array(today.map(\.json)), "blockers": .array(blockers.map(\.json)),
            "changes": .array(changes.map(\.json)), "away": .array(away.map(\.json)),
        ])
    }

    /// The order the JSON contract's arrays are written in.
    public static let jsonOrder = ["owner", "done", "progress", "new", "today", "blockers", "changes", "away"]

    /// The standup laid out for people.
    public var document: ReportDocument {
        ReportDocument(
            title: "Standup: \(owner)",
            subtitle: "\(ReportWords.dayWithYear(date)), since \(ReportWords.day(previousWorkday))",
            lead: away.map(\.sentence),
            sections: [
                .init(heading: "Done", entries: done.map { $0.entry() }),
                .init(heading: "Progress", entries: progress.map { $0.entry() }),
                .init(heading: "New", entries: opened.map { $0.entry() }),
                .init(heading: "Today", entries: today.map { $0.entry() }),
                .init(heading: "Blockers", entries: blockers.map { $0.entry() }),
                .init(heading: "Changes to plan", entries: changes.map { $0.entry() }),
                .init(heading: "Other work", entries: otherWork.map { ReportDocument.Entry(title: $0.line) }),
            ],
            empty:
                "Nothing to report since \(ReportWords.day(previousWorkday)): no loops moved, none due, none blocked."
        )
    }
}
