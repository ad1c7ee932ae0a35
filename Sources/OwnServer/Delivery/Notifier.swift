public import Foundation
public import Logging
import OwnCore
import OwnStore
import ServiceLifecycle
public import TeamStore

/// Reads each team's new events, in arrival order from where it last stopped, and tells people what
/// they need to hear:
///
/// - a `scopeChanged`, `dueChanged`, `risk` or `blocked` on a live loop that affects someone or is at
///   medium stakes or above, and that no report has told of yet: a notice, written by `own notice`'s
///   builder, to the team's channels and to the inbox of each person it affects (and of the owner,
///   for changes someone else made); then a `reported` event (channel `notice`) on the loop covering
///   what reached someone other than its author, so the doctor's `uncommunicated-change` clears;
/// - any event on a monitor's incident loop: an alert to the team's channels, naming the monitor,
///   its owner and the loop's key;
/// - a loop waiting for approval: a request to the team's leads (their inboxes and the team's
///   channels); an approval: the answer to the owner (their inbox and their own channel, or the
///   team's);
/// - a hand-off the loop's new owner still holds: an item in the inbox of the person it is handed
///   to, or, handed to a team, of each of that team's people in this team (see `recipients`).
///
/// Every message has a dedupe key made from the event (`notice:<event id>`), and every inbox item
/// one too, so several servers reading the same events send each once. A team is read from its
/// first event, so nothing pushed before the notifier's first look is missed. What is news is
/// judged by the loop as it is now, not by the event's age: a change nobody has been told of on a
/// live loop is news however old (one notice per loop tells of all of them), while a change already
/// reported, a loop done or dropped, or a hand-off since passed on, is history.
public struct Notifier: Sendable {
    let store: any TeamStore
    let delivery: any DeliveryStore
    let inbox: any InboxStore
    let logger: Logger
    let batch: Int

    /// Who the server's own events (the `reported` marks) are by.
    public static let actor = Event.serverName

    /// A notifier over a store, its outbox and its inboxes (the same store, on both engines).
    public init(
        store: any TeamStore,
        delivery: any DeliveryStore,
        inbox: any InboxStore,
        logger: Logger,
        batch: Int = 500
    ) {
        self.store = store
        self.delivery = delivery
        self.inbox = inbox
        self.logger = logger
        self.batch = batch
    }

    /// What one pass did: the messages put in the outbox (`key@channel`), the inbox items added
    /// (`key@person`), and the loops marked reported.
    public struct Outcome: Sendable, Equatable {
        /// The messages enqueued, as `dedupe key@channel`.
        public var enqueued: [String] = []
        /// The inbox items added, as `key@person`.
        public var inboxed: [String] = []
        /// The loops given a `reported` event.
        public var reported: [String] = []

        /// Nothing done.
        public init() {}
    }

    /// One pass at `now` over every team. Between batches and between teams it asks `stopping` (by
    /// default: is the server shutting down?), so a long backlog does not hold up a shutdown; the
    /// place is saved batch by batch, and the next pass, here or on another server, goes on from it.
    @discardableResult
    public func run(
        at now: Date,
        stopping: (@Sendable () -> Bool)? = nil
    ) async throws -> Outcome {
        let stopping = stopping ?? { Task.isCancelled || Task.isShuttingDownGracefully }
        var outcome = Outcome()
        // Each team's events are its own: one that fails (an event its store refuses to file, say)
        // stops that team's notices, not every other team's after it, and is named.
        var failed: [PassFailure.TeamFailure] = []
        for team in try await store.teams() {
            do {
                try await run(team: team.name, at: now, stopping: stopping, into: &outcome)
            } catch let error as CancellationError {
                throw error
            } catch let failure as PassFailure.TeamFailure {
                failed.append(failure)
            } catch {
                failed.append(PassFailure.TeamFailure(team: team.name, event: nil, error: error))
            }
            if stopping() { break }
        }
        if !failed.isEmpty { throw PassFailure(teams: failed) }
        return outcome
    }

    /// A pass that failed for some teams (the others' notices went out): each team named, with the
    /// event it stopped at when one did, for the operator reading the log.
    public struct PassFailure: Error, CustomStringConvertible {
        public struct TeamFailure: Error, CustomStringConvertible {
            public let team: String
            /// The event the team's notices stopped at: its seq and id.
            public let event: String?
            public let error: any Error
            public var description: String {
                "team \(team)" + (event.map { ", at its event \($0)" } ?? "") + ": \(error)"
            }
        }
        public let teams: [TeamFailure]
        public var description: String { teams.map(\.description).joined(separator: "; ") }
    }

    private func run(
        team: String,
        at now: Date,
        stopping: () -> Bool,
        into outcome: inout Outcome
    ) async throws {
        // A team never read before is read from its first event.
        var after = try await inbox.notifiedSeq(team: team) ?? 0
        var audience: TeamAudience?
        // The people's calendars, as the audience, read once a pass: a notice is dated on its owner's.
        var calendars: Calendars?
        // Each loop read once per pass, as it is now: a first sync of a long ledger names each loop
        // many times.
        var loops: [String: Loop?] = [:]
        // Each waiting loop's wait (`ApprovalWait`), read once a pass.
        var waits: [String: ApprovalWait] = [:]
        while true {
            let stored = try await store.events(team: team, after: after, limit: batch)
            guard let last = stored.last else { return }
            if audience == nil { audience = try await TeamAudience.load(store: store, delivery: delivery, team: team) }
            if calendars == nil {
                calendars = try await TeamSettings.load(store: store, team: team, asOf: nil).calendars
            }
            for item in stored {
                guard let event = try? Event(jsonLine: item.line, checkingFields: false, makeID: { "" }),
                    !event.loop.hasPrefix("@")
                else { continue }
                if loops[event.loop] == nil {
                    loops[event.loop] = .some(try await store.loop(team: team, key: event.loop, asOf: nil))
                }
                guard let loop = loops[event.loop] ?? nil else { continue }
                do {
                    try await handle(
                        event,
                        loop: loop,
                        team: team,
                        audience: audience!,
                        calendars: calendars!,
                        now: now,
                        into: &outcome
                    )
                    // Once for each loop however many events it has (the request's key is the loop's),
                    // an incident loop's included: at high stakes it waits for a lead like any other.
                    if loop.awaitsApproval {
                        // From whoever made it wait (its creation, a raise of its stakes), whatever event
                        // came now: a note by its owner, or an undo of its approval, asked nothing.
                        let wait: ApprovalWait
                        if let known = waits[event.loop] {
                            wait = known
                        } else {
                            wait = try await self.wait(of: loop, team: team)
                            waits[event.loop] = wait
                        }
                        try await approvalRequest(
                            loop,
                            wait: wait,
                            team: team,
                            audience: audience!,
                            now: now,
                            into: &outcome
                        )
                    }
                } catch let error as CancellationError {
                    throw error
                } catch {
                    throw PassFailure.TeamFailure(team: team, event: "\(item.seq) (\(event.id))", error: error)
                }
                // A notice may have marked the loop reported: read it again for its next event.
                if event.type.isPlanChange || event.type == .blocked { loops[event.loop] = nil }
            }
            try await inbox.advanceNotified(team: team, to: last.seq)
            after = last.seq
            if stored.count < batch { return }
            if stopping() { return }
        }
    }

    private func handle(
        _ event: Event,
        loop: Loop,
        team: String,
        audience: TeamAudience,
        calendars: Calendars,
        now: Date,
        into outcome: inout Outcome
    ) async throws {
        // An undo says what it took back: an ending or a reopening undone is news to whoever heard of
        // it (the channels of an incident, a loop's owner), any other undo is not.
        var undone: EventType?
        if event.type == .retracted, let id = event.string("retracts") {
            undone = try await store.events(team: team, ofLoops: [event.loop], since: nil, asOf: nil)
                .first { $0.id == id }?.type
        }
        // A monitor's incident loop (one a person files as an incident, a postmortem say, is a loop
        // like any other: no monitor is down).
        if loop.kind == .incident, loop.origin?.hasPrefix("monitor ") == true {
            // The loop as this event left it: a post made late (retries, a server down meanwhile) said
            // the state of a later event (`resolved`, and the state `open` of a reopen after it).
            let then = try await store.loop(team: team, key: event.loop, asOf: event.at) ?? loop
            let alert = Self.alert(
                event,
                loop: then,
                monitor: try await monitorName(of: event.loop, team: team),
                undoing: undone
            )
            if let alert {
                let message = EventMessage(team: team, content: .alert(alert))
                try await send(
                    message,
                    key: "alert:\(event.id)",
                    to: audience.shared,
                    team: team,
                    now: now,
                    into: &outcome
                )
            }
            // What no alert tells of (an approval, a hand-off, a block, a risk, a change to plan), and
            // the loop ended or reopened by someone else, reach their people as on any loop (the owner
            // heard of it nowhere else); what else happens on it, the alert told.
            guard alert == nil || [.done, .dropped, .reopened, .retracted].contains(event.type) else { return }
        }
        switch event.type {
        case .scopeChanged, .dueChanged, .risk, .blocked:
            try await notice(
                event,
                loop: loop,
                team: team,
                audience: audience,
                calendar: calendars.calendar(for: loop.owner),
                now: now,
                into: &outcome
            )
        case .approved:
            // An approval that counts for nothing (its owner's own, recorded offline after a hand-off
            // to them) answers nobody: the loop still waits.
            guard loop.approvedBy == event.by, loop.approvedAt == event.at else { break }
            let message = EventMessage(team: team, content: .approvalAnswer(loop: loop, by: event.by, at: event.at))
            let key = "approved:\(event.id)"
            let channels = audience.personal[loop.owner].map { [$0] } ?? audience.shared
            try await send(message, key: key, to: channels, team: team, now: now, into: &outcome)
            // A loop handed to a team: each of its people but the approver (an inbox named after the
            // team nobody reads had it).
            for person in try await recipients(of: loop.owner, team: team, audience: audience) where person != event.by
            {
                try await add(
                    InboxItem(
                        team: team,
                        person: person,
                        key: key,
                        kind: .approvalAnswer,
                        loop: loop.key,
                        text: "\(loop.key) \(loop.title): approved by \(event.by)",
                        from: event.by,
                        at: now
                    ),
                    into: &outcome
                )
            }
        case .handedOff:
            // A hand-off passed on since, or a loop ended since, is history.
            guard let to = event.string("to"), !to.isEmpty, loop.owner == to, loop.state.isLive else { break }
            let note = event.string("note").map { ": \($0)" } ?? ""
            for person in try await recipients(of: to, team: team, audience: audience) where person != event.by {
                try await add(
                    InboxItem(
                        team: team,
                        person: person,
                        key: "handoff:\(event.id)",
                        kind: .handoff,
                        loop: loop.key,
                        text: "\(loop.key) \(loop.title): handed off to \(person == to ? "you" : "team \(to)") "
                            + "by \(event.by)\(note)",
                        from: event.by,
                        at: now
                    ),
                    into: &outcome
                )
            }
        case .done, .dropped, .reopened, .retracted:
            // The owner's loop ended or reopened by someone else, or such a change undone: news to its
            // owner, who answers for it (to each of a team's people, for a loop handed to the team,
            // but whoever did it).
            guard event.by != loop.owner else { break }
            let what: String
            switch event.type {
            case .done: what = "marked done by \(event.by)" + (event.string("outcome").map { " (\($0))" } ?? "")
            case .dropped: what = "dropped by \(event.by)" + (event.string("reason").map { ": \($0)" } ?? "")
            case .reopened: what = "reopened by \(event.by)" + (event.string("reason").map { ": \($0)" } ?? "")
            default:
                guard let taken = undone.flatMap(Self.takenBack) else { return }
                what = "\(event.by) undid \(taken)"
            }
            for person in try await recipients(of: loop.owner, team: team, audience: audience) where person != event.by
            {
                try await add(
                    InboxItem(
                        team: team,
                        person: person,
                        key: "changed:\(event.id)",
                        kind: .changed,
                        loop: loop.key,
                        text: "\(loop.key) \(loop.title): \(what)",
                        from: event.by,
                        at: now
                    ),
                    into: &outcome
                )
            }
        default:
            break
        }
    }

    /// A notice of the changes to plan (and blocks) the loop has not yet reported, unless people were
    /// told of the event already: it names them (`--told`), a later change names someone (as the
    /// doctor counts it, `Loop.wasTold`), or a report told of it (the owner's own `own notice
    /// --mark`, or this notifier on the event before). A report made before the event arrived did
    /// not, whatever its instant: an offline change is news however old. The `reported` mark names
    /// what the notice told of (`covers`).
    private func notice(
        _ event: Event,
        loop: Loop,
        team: String,
        audience: TeamAudience,
        calendar: WorkingCalendar,
        now: Date,
        into outcome: inout Outcome
    ) async throws {
        let toldAlready =
            Loop.PlanChange.tellsSomeone(event.strings("told"), by: event.by)
            || loop.reports.contains { $0.told(event.id, at: event.at) }
            || loop.changes.first { $0.id == event.id }.map(loop.wasTold) == true
        guard loop.state.isLive, !loop.othersAffected.isEmpty || loop.stakes >= .medium, !toldAlready else { return }
        let events = try await store.events(team: team, ofLoops: [loop.key], since: nil, asOf: nil)
        // Told as of the loop's latest event: changes dated a few minutes ahead of this clock (a
        // laptop's runs fast; a push takes ten) are one notice with the rest, not one each as it comes.
        let at = max(now, event.at, events.map(\.at).max() ?? event.at)
        // The notice names the loop by key; its JSON carries the loop's number on the server.
        guard let notice = Notice(loop: loop, events: events, calendar: calendar, now: at) else { return }
        let key = "notice:\(event.id)"
        let sent = try await send(
            EventMessage(team: team, content: .notice(notice)),
            key: key,
            to: audience.shared,
            team: team,
            now: now,
            into: &outcome
        )
        // Every change the notice tells, as the channels get them: someone with no channel learns of
        // the date moved too, not only of the risk recorded after it.
        let changed = notice.document.sections.first?.entries.map(\.title) ?? []
        let what = changed.isEmpty ? "its plan changed" : changed.joined(separator: "; ")
        var told = sent
        // Those it affects, of the changes someone else made (one notice may tell of several people's
        // changes: each hears of those they did not make); and the owner (each of a team's people, for
        // a loop handed to a team), of those someone else made to their loop's plan (heard nowhere
        // else; telling them tells none it affects).
        let authors = Set(notice.changes.map(\.by))
        func madeByOthers(than person: String) -> [String] { authors.subtracting([person]).sorted() }
        // A team it affects is each of its people in this team (as a hand-off to it); a name that is
        // no one's here (no token, no settings) gets its item, but an inbox nobody reads tells no one.
        var affected: [String] = []
        for name in loop.othersAffected {
            for person in try await recipients(of: name, team: team, audience: audience)
            where person != loop.owner && !affected.contains(person) && !madeByOthers(than: person).isEmpty {
                affected.append(person)
            }
        }
        for person in affected {
            if audience.people.contains(person) { told = true }
            // The changes they did not make: their own, told back to them as news from the others, was not.
            let theirs = authors.contains(person) ? notice.changes.filter { $0.by != person }.map(notice.line(of:)) : []
            try await add(
                InboxItem(
                    team: team,
                    person: person,
                    key: key,
                    kind: .notice,
                    loop: loop.key,
                    text: "\(loop.key) \(loop.title): \(theirs.isEmpty ? what : theirs.joined(separator: "; "))",
                    from: Draft.list(madeByOthers(than: person)),
                    at: now
                ),
                into: &outcome
            )
        }
        // The owner hears of each change someone else made, once, by the change. Telling them tells
        // someone other than its author, as naming them with `--told` would: with no channel and no one
        // else to hear, the mark covers those changes, and the owner's own stay untold.
        var toldTheOwner: Set<String> = []
        for owner in try await recipients(of: loop.owner, team: team, audience: audience)
        where !affected.contains(owner) {
            for change in notice.changes where change.by != owner {
                // An owner no one is on the server (handed to a name nobody has, or gone) hears nothing.
                if audience.people.contains(owner) { toldTheOwner.insert(change.id) }
                try await add(
                    InboxItem(
                        team: team,
                        person: owner,
                        key: "notice:\(change.id)",
                        kind: .notice,
                        loop: loop.key,
                        text: "\(loop.key) \(loop.title): \(notice.line(of: change))",
                        from: change.by,
                        at: now
                    ),
                    into: &outcome
                )
            }
        }
        guard told || !toldTheOwner.isEmpty else { return }
        // Dated by the events it tells of, not this clock, and named after what it says too: the same
        // events make the same mark (a second server, or this one again, adds nothing), and a mark
        // that says otherwise is another event. A server restored from a backup makes it again when
        // the change is pushed again, perhaps with later events; a mark of other content under the
        // same id was a conflict in every ledger that pulled the first.
        let markedAt = max(event.at, events.map(\.at).max() ?? event.at)
        let covers = Notice.covers(of: loop, events: events, at: markedAt).filter { told || toldTheOwner.contains($0) }
        guard !covers.isEmpty else { return }
        let reported = Event(
            id: "notice-\(event.id)-"
                + Fingerprint.of(Timestamp.format(markedAt) + "\n" + covers.joined(separator: "\n")),
            loop: loop.key,
            at: markedAt,
            by: Self.actor,
            type: .reported,
            fields: [
                "channel": .string(ReportChannel.notice.rawValue), "note": .string("sent by the team server"),
                "covers": .array(covers.map(JSONValue.string)),
            ]
        )
        do {
            let result = try await store.append([reported], team: team)
            if result.added > 0 { outcome.reported.append(loop.key) }
        } catch TeamStoreError.conflictingEvent {
            // Another server marked it first.
        }
    }

    /// Asks the team's leads (but its owner) to approve a loop; the wait's asker recorded the event
    /// that found it waiting (who made it, or raised its stakes), for a loop made for someone else too.
    private func approvalRequest(
        _ loop: Loop,
        wait: ApprovalWait,
        team: String,
        audience: TeamAudience,
        now: Date,
        into outcome: inout Outcome
    ) async throws {
        // Nor the lead who made the request (handing off a loop that waits: "raj asks for your approval").
        // A lead who hands on a loop already waiting is asked still: they may be the only other lead.
        let leads = audience.leads.filter { $0 != loop.owner && $0 != wait.asker }
        try await send(
            EventMessage(team: team, content: .approvalRequest(loop: loop, leads: leads, asker: wait.asker)),
            key: wait.key,
            to: audience.shared,
            team: team,
            now: now,
            into: &outcome
        )
        for lead in leads {
            try await add(Self.approvalItem(loop, lead: lead, wait: wait, team: team, at: now), into: &outcome)
        }
    }

    /// A lead's inbox item asking for a loop's approval, the wait's asker having made it wait.
    static func approvalItem(_ loop: Loop, lead: String, wait: ApprovalWait, team: String, at now: Date) -> InboxItem {
        let asker = wait.asker
        return InboxItem(
            team: team,
            person: lead,
            key: wait.key,
            kind: .approvalRequest,
            loop: loop.key,
            // An incident's loop was opened by the server, not asked for by its owner.
            text: "\(loop.key) \(loop.title): "
                + (loop.kind == .incident
                    ? "\(loop.owner)'s incident waits for your approval"
                    : asker == loop.owner
                        ? "\(asker) asks for your approval"
                        : "\(asker) asks for your approval of \(loop.owner)'s loop"),
            from: loop.kind == .incident ? loop.owner : asker,
            at: now
        )
    }

    /// Asks a lead just given a lead token for the approvals the team's loops wait for now: the
    /// requests went out when each loop came to wait, to the leads there were then. Each goes to the
    /// lead's inbox only (the team's channels had it); one the lead holds already is not added again.
    /// Returns the keys of the loops asked about.
    @discardableResult
    public func askNewLead(_ lead: String, team: String, at now: Date) async throws -> [String] {
        let live = try await store.loops(team: team, query: LoopQuery(states: LoopState.live), asOf: nil)
        var asked: [String] = []
        for loop in live where loop.awaitsApproval && loop.owner != lead {
            // Asked by whoever made it wait, as the other leads were: not the lead who did (a hand-off).
            let wait = try await self.wait(of: loop, team: team)
            guard wait.asker != lead else { continue }
            let item = Self.approvalItem(loop, lead: lead, wait: wait, team: team, at: now)
            if try await inbox.addToInbox(item) { asked.append(loop.key) }
        }
        return asked
    }

    /// A loop's wait for approval (`ApprovalWait`): who made it wait, as the notifier named them when
    /// it first asked, and the request's key.
    private func wait(of loop: Loop, team: String) async throws -> ApprovalWait {
        ApprovalWait(loop, events: try await store.events(team: team, ofLoops: [loop.key], since: nil, asOf: nil))
    }

    /// Whose inbox a hand-off to `to` reaches: a person of this team by that name; else, when `to`
    /// names a team on the server, that team's people (settings, member or lead tokens) who are also
    /// this team's, since the loop is this team's and its inboxes are the only ones it may reach
    /// (`to` this team itself: all of its people); else the person named, as the CLI records it.
    private func recipients(of to: String, team: String, audience: TeamAudience) async throws -> [String] {
        guard !audience.people.contains(to), try await store.teams().contains(where: { $0.name == to }) else {
            return [to]
        }
        if to == team { return audience.people.sorted() }
        let members = try await TeamAudience.load(store: store, delivery: delivery, team: to).people
        return members.intersection(audience.people).sorted()
    }

    /// Puts a message in the outbox of each channel; whether it went to at least one.
    @discardableResult
    private func send(
        _ message: EventMessage,
        key: String,
        to channels: [Channel],
        team: String,
        now: Date,
        into outcome: inout Outcome
    ) async throws -> Bool {
        for channel in channels {
            let new = NewOutboxMessage(
                team: team,
                channel: channel.name,
                dedupeKey: key,
                body: message.body(slack: channel.kind == .slack),
                createdAt: now
            )
            if try await delivery.enqueue(new) { outcome.enqueued.append("\(key)@\(channel.name)") }
        }
        return !channels.isEmpty
    }

    private func add(_ item: InboxItem, into outcome: inout Outcome) async throws {
        if try await inbox.addToInbox(item) { outcome.inboxed.append("\(item.key)@\(item.person)") }
    }

    /// The name the monitor whose incident loop this is has now (its slug, when it has none), or nil
    /// when no monitor of the team has it (removed since, or the loop was not one of theirs). The loop's
    /// origin keeps the name it had when it opened the loop: renamed, the alerts of its open incident
    /// still said the old one, while the notes the server wrote on it said the new one.
    private func monitorName(of loop: String, team: String) async throws -> String? {
        guard let monitors = store as? any MonitorStore else { return nil }
        let monitor = try await monitors.monitors(team: team).first {
            loop.hasPrefix(MonitorDriver.incidentPrefix(uuid: $0.uuid))
        }
        return monitor?.knownAs
    }

    /// What an event on an incident loop says: the monitor's name (`monitor`, the name it has now;
    /// without one, from the loop's origin, `monitor NAME`), its owner, and the news.
    /// What an undo of an event of this type took back, when it is news: an ending or a reopening.
    static func takenBack(_ type: EventType) -> String? {
        switch type {
        case .done: "its completion"
        case .dropped: "its drop"
        case .reopened: "its reopening"
        default: nil
        }
    }

    /// `undoing`: for a retraction, the type of the event it took back.
    static func alert(
        _ event: Event,
        loop: Loop,
        monitor name: String? = nil,
        undoing undone: EventType? = nil
    ) -> EventMessage.Alert? {
        let monitor =
            name ?? loop.origin.flatMap { $0.hasPrefix("monitor ") ? String($0.dropFirst("monitor ".count)) : nil }
            ?? loop.key
        let status: String
        let what: String
        switch event.type {
        case .created:
            status = "down"
            what = event.string("title") ?? loop.title
        case .noted:
            let note = event.string("note") ?? ""
            // The server's notes say what they tell of the monitor (`monitorStatus`; those written
            // before they did, in their words); a person's note is a note, whatever its words.
            if event.by == Self.actor {
                status =
                    event.string("monitorStatus")
                    ?? (note.contains(" is up again") ? "up" : note.contains(" failed again") ? "failing" : "note")
            } else {
                status = "note"
            }
            what = note
        case .done, .dropped:
            status = "resolved"
            // What ended it: a done's outcome, a drop's reason.
            let why = event.string(event.type == .done ? "outcome" : "reason")
            what = "\(loop.key) is \(event.type.rawValue)" + (why.map { ": \($0)" } ?? "")
        case .reopened:
            // A person took the incident up again: whether the monitor is down is not this event's to
            // say (it said `down` of a monitor that was up).
            status = "reopened"
            what = "\(loop.key) reopened" + (event.string("reason").map { ": \($0)" } ?? "")
        case .retracted:
            // An ending or a reopening taken back: the loop as the undo left it says which way.
            guard let taken = undone.flatMap(takenBack) else { return nil }
            status = loop.state.isLive ? "reopened" : "resolved"
            what =
                "\(loop.key) is \(loop.state.isLive ? "open" : loop.state.rawValue) again: \(event.by) undid \(taken)"
        default:
            return nil
        }
        return EventMessage.Alert(
            monitor: monitor,
            owner: loop.owner,
            loop: loop,
            status: status,
            what: what,
            at: event.at
        )
    }
}
