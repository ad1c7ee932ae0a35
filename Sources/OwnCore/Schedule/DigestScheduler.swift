public import Foundation

/// When each digest of a team falls due, on each person's own calendar: a pure function of the people,
/// the instant and what was already sent, so every server that asks at the same instant gets the same
/// answer and the outbox's dedupe keys keep one send per slot.
///
/// - A person's **standup** digest at the start of each of their working days.
/// - A **hand-off** reminder `handoff-before` working hours before the end of each of their working days
///   (whether there is anything to say is for the `timezone-handoff` rule, at send time).
/// - The team's **weekly** summary at the end of the lead's last working day of the week.
///
/// Nothing falls due on a day someone does not work or is away. A send that no server made on time
/// (every server down) is still due, marked late, until the end of its working day (the weekly: until
/// the end of that day); after that it is reported once as skipped.
public struct DigestScheduler: Sendable {
    /// Someone the scheduler sends to.
    public struct Person: Sendable, Equatable {
        /// Their name, as loops name owners.
        public var name: String
        /// Their zone, working days and hours, and time off.
        public var calendar: WorkingCalendar
        /// Whether they lead the team.
        public var isLead: Bool
        /// The policy they are judged by; its `handoff-before` places their hand-off reminder.
        public var policy: Policy

        /// A person from their parts.
        public init(name: String, calendar: WorkingCalendar, isLead: Bool = false, policy: Policy = .defaults) {
            self.name = name
            self.calendar = calendar
            self.isLead = isLead
            self.policy = policy
        }
    }

    /// The team the digests are about.
    public var team: String
    /// Everyone who gets digests.
    public var people: [Person]
    /// How long after its time a send still counts as on time (a scheduler that looks once a minute is
    /// never late by a minute).
    public var grace: TimeInterval
    /// How far back the scheduler looks at most, however long ago it last looked.
    public static let lookback: TimeInterval = 8 * 86_400

    /// A scheduler for a team's people.
    public init(team: String, people: [Person], grace: TimeInterval = 600) {
        self.team = team
        self.people = people
        self.grace = grace
    }

    /// The lead whose calendar places the weekly summary: the first lead by name; nil when the team has none
    /// (then no weekly is sent).
    public var weeklyLead: Person? {
        people.filter(\.isLead).min { $0.name < $1.name }
    }

    /// What is due at `now`, given the slots already sent and when the scheduler last looked (`since`;
    /// after a restart, whenever the server went down, or earlier: sent slots are never due again).
    ///
    /// A slot is due when its time has come, it was not sent and its working day has not ended; it is
    /// skipped when its working day ended after `since` with nothing sent.
    public func plan(at now: Date, since: Date, sent: Set<DigestSlot>) -> DigestPlan {
        let since = min(max(since, now.addingTimeInterval(-Self.lookback)), now)
        let lead = weeklyLead?.name
        // A team's weekly goes out once a week, whoever its lead is then: keyed by the lead, a lead
        // named after the week's weekly went out (first by name) sent the week's again.
        let weeksSent = Set(sent.filter { $0.kind == .weekly }.map { Self.week(of: $0.day) })
        var plan = DigestPlan()
        for person in people {
            for send in sends(for: person, from: since, to: now, isWeeklyLead: person.name == lead)
            where send.at <= now && !sent.contains(send.slot)
                && !(send.slot.kind == .weekly && weeksSent.contains(Self.week(of: send.slot.day)))
            {
                if now < send.until {
                    var due = send
                    due.late = now.timeIntervalSince(send.at) > grace
                    plan.due.append(due)
                } else if send.until > since {
                    plan.skipped.append(send)
                }
            }
        }
        plan.due.sort(by: Self.ordered)
        plan.skipped.sort(by: Self.ordered)
        return plan
    }

    /// Every send of a person on their working days from the day before `from` to the day of `to`.
    func sends(for person: Person, from: Date, to: Date, isWeeklyLead: Bool) -> [DigestSend] {
        let calendar = person.calendar
        var day = calendar.day(of: from).adding(days: -1)
        let last = calendar.day(of: to)
        var sends: [DigestSend] = []
        while day <= last {
            defer { day = day.adding(days: 1) }
            guard calendar.works(on: day) else { continue }
            let end = calendar.workEnd(on: day)
            func slot(_ kind: DigestKind) -> DigestSlot {
                DigestSlot(kind: kind, team: team, person: person.name, day: day)
            }
            sends.append(DigestSend(slot: slot(.standup), at: calendar.workStart(on: day), until: end, late: false))
            let reminder = TimezoneHandoff.window(on: day, calendar: calendar, policy: person.policy)
            sends.append(DigestSend(slot: slot(.handoff), at: reminder, until: end, late: false))
            if isWeeklyLead, calendar.isLastWorkingDayOfWeek(day) {
                let midnight = day.adding(days: 1).start(in: calendar.zone)
                sends.append(DigestSend(slot: slot(.weekly), at: end, until: max(midnight, end + grace), late: false))
            }
        }
        return sends
    }

    /// The week a day is in, as the days since 1970 of its Monday.
    static func week(of day: CivilDate) -> Int {
        day.daysSinceEpoch - (day.weekday - 1)
    }

    private static func ordered(_ a: DigestSend, _ b: DigestSend) -> Bool {
        if a.at != b.at { return a.at < b.at }
        if a.slot.kind != b.slot.kind { return a.slot.kind < b.slot.kind }
        return a.slot.person < b.slot.person
    }
}
