public import Foundation

/// An immediate notice for a loop whose scope, timeline or risk changed, or that is blocked, in the
/// form that keeps trust: what changed, what was done, the workaround, the contingency and the new
/// date, addressed to the people the loop affects.
public struct Notice: Sendable, Equatable {
    /// The loop.
    public var item: ReportItem
    /// Whose loop it is.
    public var owner: String
    /// Whom it is for: the loop's `affects`, but the person it is from.
    public var to: [String]
    /// The changes it announces: those since the last notice, or the latest one. Besides the loop's
    /// changes to plan, each `blocked` event counts as one (type `blocked`, its reason as the note).
    public var changes: [Loop.PlanChange]
    /// What was done about it: progress and help asked since the last notice (at most five lines).
    public var actions: [String]
    /// The workaround, when an event gave one (`workaround` field).
    public var workaround: String?
    /// The contingency: an event's `contingency` field, or one drafted from the dates.
    public var contingency: String?
    /// The due date now.
    public var due: Due?
    /// The due date before the changes, when they moved it.
    public var previousDue: Due?
    /// The calendar dates are written on.
    public var calendar: WorkingCalendar
    /// Whether the due date had passed at the notice's instant: then it is no new date to announce.
    public var overdue = false
    /// For a loop no longer live (done, dropped, handed off): what became of it, and when. Its notice
    /// drafts no contingency: nothing is left to slip.
    public var ended: String?
    /// When it ended (done, dropped, handed off), for a script: `ended` is words on a calendar.
    public var endedAt: Date?

    /// Drafts the notice; nil when the loop has no change to scope, timeline or risk, nor a block, on record.
    ///
    /// - Parameters:
    ///   - loop: the loop.
    ///   - events: its whole history, oldest first.
    ///   - calendar: the owner's working calendar.
    ///   - now: the report's instant.
    ///   - drafter: who drafts it: the person who handed the loop off (its `delegatedBy`) drafts the
    ///     notice of a loop no longer theirs, from them, saying to whom it went; no promise is made
    ///     in its new owner's voice.
    public init?(loop: Loop, events: [Event], calendar: WorkingCalendar, now: Date, drafter: String? = nil) {
        let all = Self.news(of: loop, events: events)
        guard let latest = all.last(where: { $0.at <= now }) else { return nil }
        let notices = loop.reports.filter { $0.channel == .notice && $0.at <= now }
        let lastNotice = notices.map(\.at).max()
        // Not yet in a notice: one that arrived after the last (recorded offline) is news however old.
        let fresh = all.filter { change in
            change.at <= now && !notices.contains { $0.told(change.id, at: change.at) }
        }
        changes = fresh.isEmpty ? [latest] : fresh
        let from = lastNotice ?? .distantPast
        item = ReportItem(loop, facts: [:])
        owner = loop.owner
        self.calendar = calendar
        due = loop.due
        if let drafter, drafter != loop.owner, loop.delegatedBy == drafter, let handedOff = loop.handedOffAt {
            owner = drafter
            ended = "handed off to \(loop.owner) \(ReportWords.day(calendar.day(of: handedOff)))"
            endedAt = handedOff
        } else if loop.state.isLive {
            overdue = loop.due.map { $0.deadline(in: calendar.zone) <= now } ?? false
        } else {
            let at = loop.state == .done ? loop.doneAt ?? loop.lastEventAt : loop.lastEventAt
            ended = "\(loop.state.rawValue) \(ReportWords.day(calendar.day(of: at)))"
            endedAt = at
        }
        // Not the one it is from: someone who named themselves among those it affects.
        to = loop.affects.filter { [owner] in $0 != owner }

        var actions: [String] = []
        let announced = Set(changes.map(\.id))
        var dueBefore: Due?
        let firstChange = changes[0]
        // The events before the first change, in the order they fold: one recorded in the same second
        // as the change (a loop added and its date moved by a script) is still before it.
        var beforeFirstChange = true
        for event in Event.inFoldOrder(Event.standing(events)) where event.at <= now {
            if event.id == firstChange.id || event.at > firstChange.at { beforeFirstChange = false }
            // An edit that cleared the due date (`null`) leaves none before the change, not the one before it.
            if beforeFirstChange, event.type == .created || event.type == .edited || event.type == .dueChanged,
                let value = event.fields["due"]
            {
                dueBefore = value.stringValue.flatMap(Due.init(json:))
            }
            if let text = event.string("workaround"), !text.isEmpty, event.at > from { workaround = text }
            if let text = event.string("contingency"), !text.isEmpty, event.at > from { contingency = text }
            guard event.at > from else { continue }
            switch event.type {
            case .helpAsked:
                actions.append(
                    "asked \(event.string("from") ?? "for help")" + (event.string("note").map { ": \($0)" } ?? "")
                )
            case .blocked where !announced.contains(event.id):
                actions.append("blocked" + (event.string("reason").map { ": \($0)" } ?? ""))
            default:
                // A hand-off is listed too: without it, the two owners' starts read as one said twice.
                if ReportWords.isProgress(event) || event.type == .handedOff, let line = ReportWords.progressLine(event)
                {
                    actions.append(line)
                }
            }
        }
        self.actions = Array(actions.suffix(5))
        if dueBefore != loop.due { previousDue = dueBefore }
        if contingency == nil, ended == nil, let due = loop.due {
            contingency = Self.draftContingency(due: due, previous: previousDue, calendar: calendar, now: now)
        }
    }

    /// What a notice tells of, oldest first: the loop's changes to plan and its blocks. A report marks
    /// the ids of those on record when it was made as told (`Loop.Report.covers`).
    public static func news(of loop: Loop, events: [Event]) -> [Loop.PlanChange] {
        (loop.changes + blocks(in: events)).sorted { ($0.at, $0.id) < ($1.at, $1.id) }
    }

    /// The ids of the news on record at `instant`: what a report made then covers (a `reported`
    /// event's `covers`), the same for a report marked by the CLI and a notice the server sent.
    public static func covers(of loop: Loop, events: [Event], at instant: Date) -> [String] {
        news(of: loop, events: events).filter { $0.at <= instant }.map(\.id)
    }

    /// Each `blocked` event, not retracted, as a change: what blocks it is news to whoever depends on it.
    static func blocks(in events: [Event]) -> [Loop.PlanChange] {
        Event.withoutRetracted(events).filter { $0.type == .blocked }.map { event in
            Loop.PlanChange(
                id: event.id,
                type: .blocked,
                at: event.at,
                by: event.by,
                note: event.string("reason") ?? event.string("note"),
                told: event.strings("told")
            )
        }
    }

    /// "If this is not resolved by Thu 3 Dec, the date moves by N working days": the checkpoint is the
    /// working day before the due day (never before tomorrow), N the size of the last slip (one day if none).
    /// Once the due date has passed, moving it by N days could land in the past too: the notice proposes
    /// a date N working days after today instead.
    static func draftContingency(due: Due, previous: Due?, calendar: WorkingCalendar, now: Date) -> String {
        let dueDay = due.day(in: calendar.zone)
        let today = calendar.day(of: now)
        // Days the owner works: a checkpoint in their time off is a promise nobody is there to keep.
        let tomorrow = calendar.workedDay(after: today)
        let checkpoint = max(calendar.workedDay(before: dueDay), tomorrow)
        var slip = 1
        if let previous {
            let old = previous.day(in: calendar.zone)
            slip = max(1, ReportWords.workingDays(from: old, to: dueDay, calendar: calendar))
        }
        let days = slip == 1 ? "1 working day" : "\(slip) working days"
        if due.deadline(in: calendar.zone) <= now {
            let proposed = (0..<slip).reduce(today) { day, _ in calendar.workedDay(after: day) }
            return "It was due \(ReportWords.due(due, calendar: calendar)) and is overdue: the new date is "
                + "\(ReportWords.day(proposed)) (\(days) from today), and I will say by \(ReportWords.day(tomorrow)) "
                + "if that holds."
        }
        return "If this is not resolved by \(ReportWords.day(checkpoint)), the date moves by \(days) "
            + "and I will say so that day."
    }

    /// The loop it is about, for `--mark`.
    public var includedLoops: [String] { [item.loop] }

    /// The JSON: `loop`, `number`, `title`, `to`, `changes`, `actions`, `workaround`, `contingency`,
    /// `due`, `previousDue`, `overdue`, `ended`.
    public var json: JSONValue {
        var object = item.json.objectValue ?? [:]
        object["owner"] = .string(owner)
        object["to"] = ReportWords.json(to)
        object["changes"] = .array(changes.map { .object(ReportWords.changeJSON($0)) })
        object["actions"] = ReportWords.json(actions)
        object["workaround"] = workaround.map(JSONValue.string) ?? .null
        object["contingency"] = contingency.map(JSONValue.string) ?? .null
        object["due"] = due.map { .string($0.json) } ?? .null
        object["previousDue"] = previousDue.map { .string($0.json) } ?? .null
        object["overdue"] = .bool(overdue)
        object["ended"] = ended.map(JSONValue.string) ?? .null
        object["endedAt"] = endedAt.map(ReportWords.json) ?? .null
        return .object(object)
    }

    /// One of its changes as a line of it says it ("due moved to Fri 4 Dec: …"), on its calendar.
    public func line(of change: Loop.PlanChange) -> String {
        ReportWords.changeLine(change, calendar: calendar)
    }

    /// Who recorded the changes, in the order they did: a teammate's risk on the owner's loop is
    /// theirs, not the owner's, in every form of the notice.
    var changeAuthors: [String] {
        changes.map(\.by).reduce(into: []) { authors, by in if !authors.contains(by) { authors.append(by) } }
    }

    /// The notice laid out for people.
    public var document: ReportDocument {
        var lead = [
            "To: " + (to.isEmpty ? "(nobody listed in affects; add the people who depend on it)" : ReportWords.list(to))
        ]
        if let ended { lead.append("Now: " + ended) }
        if let due {
            var line =
                // "New date" only for a date the changes moved: a risk or a block on a date that
                // stands read as a slip.
                (overdue ? "Was due: " : ended == nil && previousDue != nil ? "New date: " : "Due: ")
                + ReportWords.due(due, calendar: calendar)
            if overdue { line += ", now overdue" }
            if let previousDue { line += " (was " + ReportWords.due(previousDue, calendar: calendar) + ")" }
            lead.append(line)
        }
        return ReportDocument(
            title: "Notice: \(item.reference) \(item.title)",
            subtitle: "from \(owner)"
                + (changeAuthors == [owner] || changeAuthors.isEmpty
                    ? "" : "; changes by " + ReportWords.list(changeAuthors)),
            lead: lead,
            sections: [
                .init(
                    heading: "What changed",
                    entries: changes.map { .init(title: ReportWords.changeLine($0, calendar: calendar)) }
                ),
                .init(heading: "What was done", entries: actions.map { .init(title: $0) }),
                .init(heading: "Workaround", entries: workaround.map { [.init(title: $0)] } ?? []),
                .init(heading: "Contingency", entries: contingency.map { [.init(title: $0)] } ?? []),
            ],
            empty: "No change to scope, timeline or risk, and no block, is recorded."
        )
    }
}
