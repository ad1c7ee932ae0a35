public import Foundation

/// The weekly written summary: progress, decisions, risks ahead and next week, over the owner's
/// working week (or a window given). A pure value of the loops, their events, git commits and the clock.
public struct Weekly: Sendable, Equatable {
    /// Whose summary it is.
    public var owner: String
    /// The window's first day (the owner's date).
    public var firstDay: CivilDate
    /// The window's last day (the owner's date).
    public var lastDay: CivilDate
    /// The window's start.
    public var since: Date
    /// The window's end; risks and next week are judged at this instant.
    public var until: Date
    /// Done in the window, with outcomes and whether verified; then loops that moved without finishing.
    public var progress: [ReportItem] = []
    /// Scope and due changes with reasons, approvals, hand-offs and drops in the window.
    public var decisions: [ReportItem] = []
    /// Loops opened in the window: new commitments.
    public var opened: [ReportItem] = []
    /// Blocked, overdue, due within a week with no recent progress, open risks.
    public var risks: [ReportItem] = []
    /// The ids of the changes to plan the decisions and risks tell of, by loop key: what `--mark`
    /// records as told.
    public var toldChanges: [String: Set<String>] = [:]
    /// Live loops active or due within the week after the window.
    public var next: [ReportItem] = []
    /// Guards built in the window on the owner's loops: what now prevents a dropped ball's repeat.
    public var guards: [ReportItem] = []
    /// The owner's time off not over by the window's last day and starting within the week after it.
    public var away: [TimeOff] = []
    /// The project, for a project update: every loop given counts, whoever owns it.
    public var project: String?
    /// The project's health, which a project update opens with.
    public var health: ProjectHealth?
    /// Work the owner declined in the window (`own decline`): see `takeDeclines`.
    public var notTakingOn: [Decline] = []
    /// Commits in the window that name no loop.
    public var otherWork: [ReportCommit] = []

    /// How many working days without progress make a loop due within a week a risk.
    public static let quietWorkdays = 2

    /// The last instant of a window that ends at `end`, as `own weekly` and the team server read one:
    /// an until day ends as the next day begins, and that midnight is not in it (an event then is the
    /// next week's); an until instant is in it.
    public static func lastInstant(endingAt end: Date, untilIsDay: Bool) -> Date {
        untilIsDay ? end.addingTimeInterval(-0.001) : end
    }

    /// The `until` this type takes (not in the window) for a window whose last instant is `last`.
    public static func until(after last: Date) -> Date {
        last.addingTimeInterval(0.001)
    }

    /// The owner's working week containing `now`: from the start of its first working day to `now`.
    /// The week ends on `WorkingCalendar.weekEnd` (the working day before the longest run of days
    /// off) and starts on the first working day after it, so a day off mid-week (Mon, Wed, Fri) does
    /// not cut the week short.
    public static func week(containing now: Date, calendar: WorkingCalendar) -> (since: Date, first: CivilDate) {
        var day = calendar.day(of: now)
        if !calendar.isWorkday(day) { day = calendar.workday(before: day) }
        let end = calendar.weekEnd
        for _ in 0..<6 where day.adding(days: -1).weekday != end { day = day.adding(days: -1) }
        while !calendar.isWorkday(day) { day = day.adding(days: 1) }
        return (day.start(in: calendar.zone), day)
    }

    /// Builds the summary.
    ///
    /// - Parameters:
    ///   - owner: whose summary.
    ///   - loops: the owner's loops that changed in the window or are still live, plus any loop a commit names.
    ///   - events: those loops' events in the window.
    ///   - commits: the owner's commits.
    ///   - calendar: the owner's working calendar.
    ///   - now: the report's instant.
    ///   - since: the window's start; the start of the working week when nil.
    ///   - until: the window's end; `now` when nil.
    ///   - project: a project update's project: its loops, whoever owns them.
    ///   - owners: the owners' calendars, where a loop is overdue (a project update's); `calendar` when nil.
    public init(
        owner: String,
        loops: [Loop],
        events: [Event],
        commits: [ReportCommit] = [],
        calendar: WorkingCalendar,
        now: Date,
        since: Date? = nil,
        until: Date? = nil,
        project: String? = nil,
        owners: Calendars? = nil
    ) {
        self.owner = owner
        self.project = project
        // `until` is the window's end, not in it (`--until D` ends as D+1 begins): the window's last
        // instant is the one before, so an event at midnight is in one week, not two. Without one the
        // window ends now and holds it: what was just recorded is in it.
        let end = until.map { $0.addingTimeInterval(-0.001) } ?? now
        let start = since ?? Self.week(containing: end, calendar: calendar).since
        self.since = start
        self.until = until ?? now
        firstDay = calendar.day(of: start)
        lastDay = calendar.day(of: end)
        let lastDay = lastDay

        let ordered = loops.sorted(by: Loop.inReportOrder)
        let (commitsByLoop, other) = CommitMatcher.split(commits, over: ordered, from: start, to: end)
        otherWork = other
        var eventsByLoop: [String: [Event]] = [:]
        for event in Event.withoutRetracted(events) where event.at >= start && event.at <= end {
            eventsByLoop[event.loop, default: []].append(event)
        }
        var moved: [ReportItem] = []
        var decisionsAt: [(Date, ReportItem)] = []
        // Risks are judged at the window's end, or now when it ends later (`--until fri` on a
        // Wednesday): days not lived yet have nothing to tell, no loop is overdue on them.
        let judged = min(end, now)
        let judgedDay = calendar.day(of: judged)
        let weekAhead = judgedDay.adding(days: 7)
        // As of the same day: drafted on Monday for the week (`--until fri`), time off on Wednesday
        // is ahead, not left out for being over by Friday.
        away = TimeOff.ahead(calendar.timeOff.filter { $0.person == owner }, of: judgedDay, within: 7)
        let quietSince = calendar.workStart(
            on: (0..<Self.quietWorkdays).reduce(judgedDay) { day, _ in calendar.workday(before: day) }
        )

        for loop in ordered {
            let mine = project != nil || loop.owner == owner
            let loopCommits = commitsByLoop[loop.key] ?? []
            let commitJSON = JSONValue.array(loopCommits.map(\.json))
            let loopEvents = eventsByLoop[loop.key] ?? []
            if mine, loop.state == .done, let doneAt = loop.doneAt, doneAt >= start, doneAt <= end {
                var summary = loop.outcome ?? "done"
                summary += loop.verified ? " (verified in production)" : " (not verified in production yet)"
                progress.append(
                    ReportItem(
                        loop,
                        summary: summary,
                        details: loopCommits.map(\.line),
                        facts: [
                            "done": .bool(true), "doneAt": ReportWords.json(doneAt),
                            "outcome": loop.outcome.map(JSONValue.string) ?? .null, "verified": .bool(loop.verified),
                            "commits": commitJSON,
                        ]
                    )
                )
            } else {
                // A team's weekly (`project`) tells everyone's work; a person's, what they did.
                let done = project != nil ? loopEvents : ReportWords.doneBy(owner, loopEvents, of: loop)
                let notes = done.filter(ReportWords.isProgress).compactMap(ReportWords.progressLine)
                if !notes.isEmpty || !loopCommits.isEmpty {
                    moved.append(
                        ReportItem(
                            loop,
                            summary: "in progress (\(loop.state.rawValue))",
                            details: notes + loopCommits.map(\.line),
                            facts: [
                                "done": .bool(false), "state": .string(loop.state.rawValue),
                                "notes": ReportWords.json(notes), "commits": commitJSON, "owner": .string(loop.owner),
                            ]
                        )
                    )
                }
            }
            // A loop the owner handed off this week is someone else's now: what was decided on it until
            // the hand-off (the hand-off among it) is still the owner's week. Only the hand-off was
            // kept, and a lead's approval or the owner's change to plan before it went missing.
            let handedOffAt = mine ? nil : loopEvents.last { $0.type == .handedOff && $0.by == owner }?.at
            guard mine || handedOffAt != nil else { continue }
            let decidedUntil = handedOffAt ?? end
            // On a loop that came to this owner, the changes since (a team's update tells them all).
            let ownChanges = project == nil ? ReportWords.changesToTell(by: owner, loopEvents, of: loop) : loop.changes
            for change in ownChanges
            where change.type != .risk && change.at >= start && change.at <= decidedUntil {
                toldChanges[loop.key, default: []].insert(change.id)
                decisionsAt.append(
                    (
                        change.at,
                        ReportItem(
                            loop,
                            summary: ReportWords.changeLine(change, of: loop, calendar: calendar),
                            facts: ReportWords.changeJSON(change, of: loop).merging([
                                "decision": .string(change.type.rawValue)
                            ]) {
                                $1
                            }
                        )
                    )
                )
            }
            // On a loop that came to this owner, what was decided since, and by them: an approval before
            // was news of the previous owner's week, not of both (a team's update tells it all).
            let came = mine && project == nil ? ReportWords.came(loop) : nil
            for event in loopEvents
            where event.at <= decidedUntil && (came.map { event.at >= $0 || event.by == owner } ?? true) {
                let summary: String
                var facts: [String: JSONValue] = [
                    "decision": .string(event.type.rawValue), "at": .string(event.atText),
                ]
                switch event.type {
                // Approved by someone other than whose loop it was: the owner's, or a team's loop's owner.
                case .approved where event.by != (project != nil ? loop.owner : owner):
                    summary = "approved by \(event.by)"
                    facts["by"] = .string(event.by)
                case .handedOff:
                    // Whoever handed the loop to this owner decided that, not the owner.
                    if project != nil || event.by == owner {
                        decisionsAt.append((event.at, Self.handOff(event, of: loop)))
                    }
                    continue
                case .dropped, .reopened:
                    summary = ReportWords.progressLine(event) ?? event.type.rawValue
                    facts["reason"] = event.string("reason").map(JSONValue.string) ?? .null
                    facts["told"] = ReportWords.json(event.strings("told"))
                default:
                    continue
                }
                decisionsAt.append((event.at, ReportItem(loop, summary: summary, facts: facts)))
            }
            guard mine else { continue }

            if let new = ReportItem.new(loop, from: start, to: end, calendar: calendar, toProject: project != nil) {
                opened.append(new)
            }
            for built in loop.guards where built.at >= start && built.at <= end {
                guards.append(
                    ReportItem(
                        loop,
                        summary: built.text,
                        facts: ["guard": .string(built.text), "at": ReportWords.json(built.at)]
                    )
                )
            }

            guard loop.state.isLive, loop.createdAt <= end else { continue }
            var reasons: [String] = []
            var lines: [String] = []
            if loop.state == .blocked {
                reasons.append("blocked")
                let asked = loop.helpAskedAt != nil ? "help asked" : "help not asked yet"
                lines.append("blocked" + (loop.blockReason.map { ": \($0)" } ?? "") + "; " + asked)
            }
            // Past its deadline on its owner's calendar (`owners`, a project update's: the project's
            // health judges it there), or on the report's.
            // Its days on that calendar too: due today for its owner is due today, not yesterday on
            // the team's (it fell out of the risks and next week both).
            let deadlineZone = owners?.calendar(for: loop.owner).zone ?? calendar.zone
            let overdue = loop.due.map { $0.deadline(in: deadlineZone) <= judged } ?? false
            let today = owners == nil ? judgedDay : CivilDate(judged, in: deadlineZone)
            let last = owners == nil ? lastDay : CivilDate(end, in: deadlineZone)
            let dueDay = loop.due.map { $0.day(in: deadlineZone) }
            if overdue, let due = loop.due {
                reasons.append("overdue")
                lines.append("overdue, was due " + ReportWords.due(due, calendar: calendar))
            } else if let due = loop.due, dueDay == today {
                reasons.append("due-today")
                lines.append("due today (\(ReportWords.due(due, calendar: calendar))) and not done")
            } else if let due = loop.due, let dueDay, dueDay <= today.adding(days: 7),
                // A loop created in the last two working days has not had them to show progress.
                max(loop.lastProgressAt ?? .distantPast, loop.createdAt) < quietSince
            {
                reasons.append("due-soon-quiet")
                lines.append("due \(ReportWords.due(due, calendar: calendar)) with no progress in two working days")
            }
            if let risk = loop.changes.last(where: { $0.type == .risk }) {
                toldChanges[loop.key, default: []].insert(risk.id)
                reasons.append("risk")
                lines.append("risk: " + (risk.note ?? "noted"))
            }
            if !reasons.isEmpty {
                risks.append(
                    ReportItem(
                        loop,
                        summary: lines.joined(separator: "; "),
                        facts: [
                            // Each code with its words, as the text form says them.
                            "risks": ReportWords.json(reasons), "said": ReportWords.json(lines),
                            "due": loop.due.map { .string($0.json) } ?? .null,
                            "state": .string(loop.state.rawValue),
                        ]
                    )
                )
            }
            // Next week: what is due after today and within a week, what is overdue and carries over,
            // and what is in progress; a loop due today belongs to this week (a risk above if not done).
            let dueAhead = dueDay.map { $0 > last && $0 <= today.adding(days: 7) } ?? false
            if (loop.state == .active && dueDay != last) || dueAhead || overdue {
                next.append(
                    ReportItem(
                        loop,
                        summary: loop.due.map {
                            (overdue ? "overdue, was due " : "due ") + ReportWords.due($0, calendar: calendar)
                        } ?? loop.state.rawValue,
                        facts: [
                            "state": .string(loop.state.rawValue), "due": loop.due.map { .string($0.json) } ?? .null,
                        ]
                    )
                )
            }
        }
        progress += moved
        decisions = decisionsAt.stablySorted { $0.0 }.map(\.1)
        next = next.stablySorted { ReportItem.deadline($0, zone: calendar.zone) }
    }

    /// Every loop the summary mentions, for `--mark`.
    public var includedLoops: [String] {
        var seen = Set<String>()
        return (progress + opened + decisions + risks + next + guards).map(\.loop).filter { seen.insert($0).inserted }
    }

    /// Keeps, as `notTakingOn`, the owner's declines among `all` made from `start` through `end`: the
    /// one filter behind the CLI's weekly, the API's and the dashboard's.
    public mutating func takeDeclines(_ all: [Decline], from start: Date, through end: Date) {
        notTakingOn = all.filter { $0.person == owner && $0.at >= start && $0.at <= end }
    }

    /// The JSON contract: an object with `owner` and arrays `progress`, `new`, `decisions`, `risks`,
    /// `next`, `guards`, `notTakingOn` (declines) and `away` (time off ahead); a project update has
    /// `project` and its `health` (as `own project show --json`) too, its `owner` the project's name.
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "owner": .string(owner),
            "progress": .array(progress.map(\.json)), "new": .array(opened.map(\.json)),
            "decisions": .array(decisions.map(\.json)),
            "risks": .array(risks.map(\.json)), "next": .array(next.map(\.json)),
            "guards": .array(guards.map(\.json)), "notTakingOn": .array(notTakingOn.map(\.json)),
            "away": .array(away.map(\.json)),
        ]
        // A project update has its health; the team's weekly digest, over the team as a project, has none.
        if let project, let health {
            members["project"] = .string(project)
            members["health"] = health.json
        }
        return .object(members)
    }

    /// The order the JSON contract's arrays are written in.
    public static let jsonOrder = [
        "owner", "project", "health", "progress", "new", "decisions", "risks", "next", "guards", "notTakingOn", "away",
    ]

    /// The summary laid out for people.
    public var document: ReportDocument {
        let window = ReportWords.days(firstDay, lastDay)
        return ReportDocument(
            title: project.map { "Project update: \($0)" } ?? "Weekly summary: \(owner)",
            subtitle: window,
            lead: (health.map { ["Health: \($0.status.rawValue): " + $0.reasons.joined(separator: "; ") + "."] } ?? [])
                + away.map(\.sentence),
            sections: [
                .init(heading: "Progress", entries: progress.map { $0.entry() }),
                .init(heading: "New", entries: opened.map { $0.entry() }),
                .init(heading: "Decisions", entries: decisions.map { $0.entry() }),
                .init(heading: "Risks ahead", entries: risks.map { $0.entry() }),
                .init(heading: "Next week", entries: next.map { $0.entry() }),
                .init(heading: "Guards built", entries: guards.map { $0.entry() }),
                .init(
                    heading: "Not taking on",
                    entries: notTakingOn.map { ReportDocument.Entry(title: $0.title, summary: $0.summary) }
                ),
                .init(heading: "Other work", entries: otherWork.map { ReportDocument.Entry(title: $0.line) }),
            ],
            empty: "Nothing to report for \(window): no loops moved, no decisions, no risks."
        )
    }
}

extension Weekly {
    /// A hand-off as a decision of the week.
    fileprivate static func handOff(_ event: Event, of loop: Loop) -> ReportItem {
        let to = event.string("to") ?? "someone"
        return ReportItem(
            loop,
            summary: "handed off to \(to)" + (event.string("note").map { ": \($0)" } ?? ""),
            facts: [
                "decision": .string(event.type.rawValue), "at": .string(event.atText), "to": .string(to),
                "note": event.string("note").map(JSONValue.string) ?? .null,
            ]
        )
    }
}
