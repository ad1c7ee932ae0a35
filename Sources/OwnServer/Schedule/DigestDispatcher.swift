public import Foundation
public import Logging
public import OwnCore
import OwnStore
import ServiceLifecycle
public import TeamStore

/// One pass of the schedule: for every team, asks the scheduler what is due now on each person's
/// calendar, writes it, and puts it in the outbox under its dedupe key. The outbox keeps one message
/// per key and channel and its sender claims each by compare-and-set, so however many servers run
/// passes, each send goes out once.
///
/// Who gets what: a person's standup digest and hand-off reminders go to their personal channel, the
/// team's channel named after them; the weekly goes to every other channel of the team. A person
/// is anyone with settings on the server or a member or lead token; leads come from tokens.
public struct DigestDispatcher: Sendable {
    let store: any TeamStore
    let delivery: any DeliveryStore
    let skips: (any InboxStore)?
    let logger: Logger

    /// A dispatcher over a store and its outbox (the same store, on both engines). With `skips`, a
    /// skipped send is recorded there and reported (and logged) once, even across restarts.
    public init(store: any TeamStore, delivery: any DeliveryStore, skips: (any InboxStore)? = nil, logger: Logger) {
        self.store = store
        self.delivery = delivery
        self.skips = skips
        self.logger = logger
    }

    /// What one pass did, over every team.
    public struct Outcome: Sendable, Equatable {
        /// The sends put in the outbox, with the channel each went to.
        public var enqueued: [(send: DigestSend, channel: String)] = []
        /// The hand-off reminders due with nothing to say (no loop needs a note): nothing is sent.
        public var quiet: [DigestSlot] = []
        /// What was never sent and no longer can be (logged).
        public var skipped: [DigestSend] = []

        /// Nothing done.
        public init() {}

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.enqueued.map { "\($0.send.slot.dedupeKey)@\($0.channel)" }
                == rhs.enqueued.map { "\($0.send.slot.dedupeKey)@\($0.channel)" }
                && lhs.quiet == rhs.quiet && lhs.skipped == rhs.skipped
        }
    }

    /// One pass at `now`. `since` is when the previous pass ran (or, after a start, a day earlier);
    /// `quiet` holds hand-off reminders found empty before, which are neither due again nor skipped.
    /// Between teams it asks `stopping` (by default: is the server shutting down?), so many teams do
    /// not hold up a shutdown; a team not reached is done by the next pass, here or on another
    /// server, which looks back a day.
    public func run(
        at now: Date,
        since: Date,
        quiet: Set<DigestSlot> = [],
        stopping: (@Sendable () -> Bool)? = nil
    ) async throws -> Outcome {
        let stopping = stopping ?? { Task.isCancelled || Task.isShuttingDownGracefully }
        var outcome = Outcome()
        for team in try await store.teams() {
            try await run(team: team.name, at: now, since: since, quiet: quiet, into: &outcome)
            if stopping() { break }
        }
        for send in outcome.skipped {
            let why = "no server was running, or the settings came later"
            logger.warning(
                "skipped \(send.slot): due \(Timestamp.format(send.at)), not sent before its day ended (\(why))"
            )
        }
        return outcome
    }

    private func run(
        team: String,
        at now: Date,
        since: Date,
        quiet: Set<DigestSlot>,
        into outcome: inout Outcome
    )
        async throws
    {
        let channels = try await delivery.channels(team: team)
        guard !channels.isEmpty else { return }
        let settings = try await TeamSettings.load(store: store, team: team, asOf: nil)
        let audience = TeamAudience(settings: settings, tokens: try await store.tokens(team: team), channels: channels)
        let leads = Set(audience.leads)
        let names = audience.people
        let personal = audience.personal
        let shared = audience.shared
        // Everyone with somewhere to send to: their own channel, or, for the lead, the team's.
        let people = names.sorted().compactMap { name -> DigestScheduler.Person? in
            guard personal[name] != nil || (leads.contains(name) && !shared.isEmpty) else { return nil }
            return DigestScheduler.Person(
                name: name,
                calendar: settings.calendars.calendar(for: name),
                isLead: leads.contains(name),
                policy: settings.policy(for: name)
            )
        }
        let scheduler = DigestScheduler(team: team, people: people)
        var sent = quiet
        for message in try await delivery.outbox(team: team) {
            if let slot = DigestSlot(dedupeKey: message.message.dedupeKey) { sent.insert(slot) }
        }
        for key in try await skips?.skippedKeys(team: team) ?? [] {
            if let slot = DigestSlot(dedupeKey: key) { sent.insert(slot) }
        }
        let plan = scheduler.plan(at: now, since: since, sent: sent)
        // Where a send goes: a standup or a hand-off reminder to its person's channel, a weekly to
        // the team's (its person is a lead).
        func targets(_ slot: DigestSlot) -> [Channel] {
            switch slot.kind {
            case .standup, .handoff: personal[slot.person].map { [$0] } ?? []
            case .weekly: shared
            }
        }
        // A hand-off reminder that was never due to say anything is not a missed send, nor is one
        // that had nowhere to go (a lead with the team's channel and none of their own has no standup).
        for send in plan.skipped where send.slot.kind != .handoff && !targets(send.slot).isEmpty {
            if let skips, try await !skips.recordSkip(team: team, key: send.slot.dedupeKey, at: now) { continue }
            outcome.skipped.append(send)
        }
        for send in plan.due {
            let targets = targets(send.slot)
            guard !targets.isEmpty,
                let message = try await message(for: send, team: team, settings: settings, now: now)
            else {
                if send.slot.kind == .handoff { outcome.quiet.append(send.slot) }
                continue
            }
            for channel in targets {
                let new = NewOutboxMessage(
                    team: team,
                    channel: channel.name,
                    dedupeKey: send.slot.dedupeKey,
                    body: message.body(slack: channel.kind == .slack),
                    createdAt: now
                )
                if try await delivery.enqueue(new) { outcome.enqueued.append((send, channel.name)) }
            }
        }
    }

    /// The message for a send, written from the team's loops at `now`; nil for a hand-off reminder
    /// with nothing to say.
    func message(
        for send: DigestSend,
        team: String,
        settings: TeamSettings,
        now: Date
    ) async throws
        -> DigestMessage?
    {
        let person = send.slot.person
        let calendar = settings.calendars.calendar(for: person)
        let policy = settings.policy(for: person)
        switch send.slot.kind {
        case .standup:
            let since = Standup.windowStart(now: now, calendar: calendar)
            let loops = try await ReportLoops.read(store: store, team: team, person: person, since: since, asOf: nil)
            let events = try await store.events(team: team, ofLoops: loops.map(\.key), since: since, asOf: now)
            let standup = Standup(owner: person, loops: loops, events: events, calendar: calendar, now: now)
            let judged = try await ReadRoutes.doctorLoops(
                store: store,
                team: team,
                owner: person,
                lookBackDays: policy.boringWindowDays,
                now: now,
                asOf: nil
            )
            let findings = Self.numbered(
                settings.doctor.findings(in: Self.byKey(judged), now: now, owner: person),
                from: judged
            )
            return DigestMessage(send: send, content: .standup(standup, findings: findings), zone: calendar.zone)
        case .handoff:
            let live = try await store.loops(
                team: team,
                query: LoopQuery(owners: [person], states: LoopState.live),
                asOf: nil
            )
            let findings = Self.numbered(
                TimezoneHandoff.findings(
                    in: Self.byKey(live),
                    policy: policy,
                    calendars: settings.calendars,
                    now: now
                ),
                from: live
            )
            guard !findings.isEmpty else { return nil }
            return DigestMessage(send: send, content: .handoff(findings: findings), zone: calendar.zone)
        case .weekly:
            let since = Weekly.week(containing: now, calendar: calendar).since
            let loops = try await teamLoops(team: team, since: since)
            let events = try await store.events(team: team, ofLoops: loops.map(\.key), since: since, asOf: now)
            let weekly = Weekly(
                owner: team,
                loops: loops,
                events: events,
                calendar: calendar,
                now: now,
                since: since,
                // Every loop of the team counts, whoever owns it, as in a project update.
                project: team
            )
            return DigestMessage(send: send, content: .weekly(weekly), zone: calendar.zone)
        }
    }

    /// The loops the team's weekly reads, as a project's `own weekly` does: every live one, and those
    /// that ended within its window. The reports name loops by key; their JSON carries the numbers.
    private func teamLoops(team: String, since: Date) async throws -> [Loop] {
        try await store.loops(team: team, query: LoopQuery(states: LoopState.live), asOf: nil)
            + store.loops(team: team, query: LoopQuery(states: LoopState.ended, changedSince: since), asOf: nil)
    }

    /// Findings the doctor wrote on loops named by key (`byKey`), each given back its loop's number
    /// for the JSON: a loop's number is its number on the server, never 0 or null.
    static func numbered(_ findings: [Finding], from loops: [Loop]) -> [Finding] {
        let numbers = Dictionary(loops.map { ($0.key, $0.number) }, uniquingKeysWith: { first, _ in first })
        var numbered = findings.map { finding in
            var finding = finding
            if let key = finding.loop, let number = numbers[key], number > 0 { finding.number = number }
            return finding
        }
        // In the doctor's order again (rule, then loop number), as `own doctor` lists them: judged by
        // key, they came by key within each rule.
        numbered.arrange(numbered.stableOrder(by: Doctor.precedes))
        return numbered
    }

    /// Loops to be named by key in what others read: numbers are local to one ledger. The doctor
    /// writes `#12` in its messages for a numbered loop; these have none.
    static func byKey(_ loops: [Loop]) -> [Loop] {
        loops.map { loop in
            var keyed = loop
            keyed.number = 0
            return keyed
        }
    }
}
