public import Foundation

/// A commitment someone made, as its events have shaped it: the fold of a loop's events.
///
/// Besides the fields people edit, it keeps the few facts the doctor and the reports judge by
/// (last word from the owner, when help was asked, changes to plan and whether they were told),
/// so that judging a loop never replays its history.
public struct Loop: Sendable, Equatable {
    /// The key from the event format.
    public var key: String
    /// The short number people type; assigned by the ledger, 0 until stored.
    public var number: Int = 0
    /// What the loop is.
    public var title: String
    /// Who owns it.
    public var owner: String
    /// Who created it.
    public var createdBy: String
    /// When it was created.
    public var createdAt: Date
    /// The defined end state.
    public var doneWhen: String?
    /// When it is due.
    public var due: Due?
    /// How much is at stake.
    public var stakes: Stakes = .medium
    /// What kind of work it is.
    public var kind: Kind = .other
    /// The autonomy set on the loop itself, if any.
    public var autonomyOverride: Int?
    /// Where in its lifecycle it is.
    public var stage: Stage?
    /// People or teams who depend on it.
    public var affects: [String] = []
    /// Those it affects other than its owner: whom a notice of its changes is for (an owner who named
    /// themselves is not told of their own change).
    public var othersAffected: [String] { affects.filter { $0 != owner } }
    /// Whether a change to its plan must be told: the loop affects someone besides its owner, or its
    /// stakes are medium or above. The doctor's `uncommunicated-change` and the record's untold
    /// changes judge the same loops by it.
    /// Inlined where it is asked: a call on a loop in an array copied the whole loop first (the
    /// doctor asks it of every loop with a change to plan).
    @inline(__always)
    public var planChangesNeedTelling: Bool { affects.contains { $0 != owner } || stakes >= .medium }
    /// The estimate, in hours.
    public var estimateHours: Double?
    /// The largest estimate a loop takes, in hours (five working years): past it a figure is a typo,
    /// and summed over a project it reached infinity, which no JSON can hold.
    public static let largestEstimate = 10_000.0
    /// Where the commitment came from.
    public var origin: String?
    /// The project it belongs to.
    public var project: String?
    /// Its tags (Taskwarrior's, or from `--tag`), each once, in the order first given.
    public var tags: [String] = []
    /// The three questions: who is affected and how …
    public var ux: String?
    /// … what it touches …
    public var touches: String?
    /// … and what happens if it fails.
    public var ifItFails: String?

    /// The state, derived from the events.
    public var state: LoopState = .open
    /// When someone other than the owner approved it.
    public var approvedAt: Date?
    /// Who approved it.
    public var approvedBy: String?
    /// The first start.
    public var startedAt: Date?
    /// Whether the loop was started (at high stakes or above) before the three questions were answered.
    public var startedWithoutQuestions = false
    /// When it was last blocked, while blocked.
    public var blockedAt: Date?
    /// Why it is blocked, while blocked.
    public var blockReason: String?
    /// When help was last asked during the current block.
    public var helpAskedAt: Date?
    /// Whom help was asked from during the current block.
    public var helpAskedFrom: String?
    /// When it was done.
    public var doneAt: Date?
    /// The outcome.
    public var outcome: String?
    /// Whether the result was verified in production.
    public var verified = false
    /// What watches it now.
    public var monitoredBy: String?
    /// When it was dropped.
    public var closedAt: Date?
    /// Why it was dropped.
    public var closeReason: String?
    /// Who it was last handed off to (its owner since then).
    public var handedOffTo: String?
    /// Who owned it before the last hand-off: they delegated it, and follow it up.
    public var delegatedBy: String?
    /// When it was last handed off.
    public var handedOffAt: Date?
    /// When its owner first acted on it after the last hand-off (any event of theirs): it was accepted.
    public var acceptedAt: Date?
    /// When it became its owner's by someone else's hand (a hand-off, or an edit of its owner), and
    /// whose it was before: nil for a loop its owner has had since it was opened. The reports' "New"
    /// lists it from then.
    public var ownedSince: Date?
    public var ownedFrom: String?
    /// When its owner began work on it: its first start, or, on a loop handed to them after someone
    /// else started it, when they took it up (`acceptedAt`); nil before either. The previous owner's
    /// start is theirs, not this owner's.
    public var startedByOwnerAt: Date? {
        guard let startedAt else { return nil }
        guard let handedOffAt, startedAt <= handedOffAt else { return startedAt }
        return acceptedAt
    }
    /// The first start, note or done recorded while the loop still needed approval.
    public var actedBeforeApprovalAt: Date?
    /// The owner's last communication about the loop.
    public var lastCommunicationAt: Date
    /// The last sign of progress: started, noted, staged, unblocked or done.
    public var lastProgressAt: Date?
    /// The last event of any kind.
    public var lastEventAt: Date
    /// The text of every `noted` event, oldest first: what `own list --grep` searches besides the
    /// title and the done-when.
    public var notes: [String] = []
    /// Every `reported` event.
    public var reports: [Report] = []
    /// Every change to plan: scope, due date, risk.
    public var changes: [PlanChange] = []
    /// How many events shaped it.
    public var eventCount = 0
    /// What now prevents a repeat, from `done --guard` and `guarded` events, oldest first.
    public var guards: [Guard] = []

    /// A change to plan, kept for notices and for judging whether the people affected were told.
    public struct PlanChange: Sendable, Equatable {
        /// The event's id.
        public var id: String
        /// `scopeChanged`, `dueChanged` or `risk`.
        public var type: EventType
        /// When it changed.
        public var at: Date
        /// Who recorded it.
        public var by: String
        /// What changed, or why.
        public var note: String?
        /// Who was told.
        public var told: [String]
        /// The new estimate (scope) or the new due date (due) as written.
        public var value: String?
        /// The estimate (scope) or due date (due) before the change, as written; nil when there was none.
        /// The doctor needs it to tell a slipped date from one pulled in.
        public var previous: String? = nil

        /// Whether the change names someone as told other than who made it: telling yourself of
        /// your own change is telling no one (`told: ["ana"]` by ana silenced `uncommunicated-change`).
        public var toldSomeone: Bool { Self.tellsSomeone(told, by: by) }

        /// Whether `told` names someone other than `person`, who made the change: the one rule the
        /// doctor, the reports and the commands' reminder to tell all read.
        public static func tellsSomeone(_ told: [String], by person: String) -> Bool {
            told.contains { $0 != person }
        }
    }

    /// A time the loop was reported on.
    public struct Report: Sendable, Equatable {
        /// When.
        public var at: Date
        /// Where.
        public var channel: ReportChannel
        /// The ids of the changes to plan and blocks it told of: those on record where it was made.
        /// Nil for a mark that does not say (made before marks said), which told of every change at
        /// or before it.
        public var covers: [String]?

        /// A report at an instant on a channel, of the changes `covers` names.
        public init(at: Date, channel: ReportChannel, covers: [String]? = nil) {
            self.at = at
            self.channel = channel
            self.covers = covers
        }

        /// Whether it told of the change (or block) `id` recorded at `at`: one it names, or for a mark
        /// that names none, one at or before it. A change that arrived later (recorded offline, a
        /// clock behind) is not told by a report that could not have held it, whatever its instant.
        public func told(_ id: String, at: Date) -> Bool {
            covers.map { $0.contains(id) } ?? (self.at >= at)
        }
    }

    /// A guard: something built so the same ball is not dropped again (an alert, a check, a gate, a test).
    public struct Guard: Sendable, Equatable {
        /// When it was recorded.
        public var at: Date
        /// Who recorded it.
        public var by: String
        /// What it is.
        public var text: String

        /// A guard recorded at an instant.
        public init(at: Date, by: String, text: String) {
            self.at = at
            self.by = by
            self.text = text
        }
    }

    /// The autonomy in force: the loop's own, or the default for its stakes.
    public var autonomy: Int { autonomyOverride ?? stakes.defaultAutonomy }

    /// Whether someone other than the owner must approve before work starts.
    public var needsApproval: Bool { autonomy <= 3 }

    /// Whether it waits for someone's approval: live, needing it, and not approved. Started before
    /// approval (a warning, not a refusal) it is active, and waits all the same: the leads are asked
    /// until someone approves it or it ends.
    public var awaitsApproval: Bool { state.isLive && needsApproval && approvedAt == nil }

    /// A loop born from its `created` event.
    public init(created event: Event) {
        key = event.loop
        title = event.string("title") ?? ""
        owner = event.string("owner") ?? event.by
        createdBy = event.by
        createdAt = event.at
        lastCommunicationAt = event.at
        lastEventAt = event.at
        assign(event)
        state = needsApproval ? .proposed : .open
        eventCount = 1
    }

    /// A loop whose `created` event is missing (an import that starts mid-history): a placeholder
    /// titled by its key, which the `created` event completes when it arrives.
    public init(key: String, firstEvent event: Event) {
        self.key = key
        title = key
        owner = event.by
        createdBy = event.by
        createdAt = event.at
        lastCommunicationAt = event.at
        lastEventAt = event.at
    }

    /// The fields an `edited` event may clear by giving them as `null`: those a loop may be without.
    public static let clearableFields: Set<String> = [
        "doneWhen", "due", "autonomy", "stage", "affects", "estimateHours", "origin", "project", "ux", "touches",
        "ifItFails", "tags", "verified", "monitoredBy",
    ]

    /// Sets the fields a `created` or `edited` event carries; in an `edited` event, a clearable
    /// field given as `null` is cleared. One pass over the fields: looking each known one up hashed
    /// its name, sixteen times for every `created` event of an import.
    mutating func assign(_ event: Event) {
        for (name, value) in event.fields {
            if value == .null, event.type == .edited, Self.clearableFields.contains(name) {
                clear(name)
                continue
            }
            switch name {
            case "title": if let value = value.stringValue { title = value }
            case "owner": if let value = value.stringValue { owner = value }
            case "doneWhen": if let value = value.stringValue { doneWhen = value.isEmpty ? nil : value }
            case "due": if let value = value.stringValue { due = Due(json: value) }
            case "stakes": if let parsed = value.stringValue.flatMap(Stakes.names.member(named:)) { stakes = parsed }
            case "kind": if let parsed = value.stringValue.flatMap(Kind.names.member(named:)) { kind = parsed }
            case "autonomy": if let value = value.numberValue { autonomyOverride = Int(value) }
            case "stage": if let value = value.stringValue { stage = Stage.names.member(named: value) }
            case "affects": affects = value.arrayValue?.compactMap(\.stringValue) ?? []
            case "estimateHours": if let value = value.numberValue { estimateHours = value }
            case "origin": if let value = value.stringValue { origin = value }
            // Composed (Unicode's NFC), as keys and names are: `own list --tag café` finds the tag
            // however it was typed or imported, as `own edit` compares it.
            case "project": if let value = value.stringValue { project = value.isEmpty ? nil : ComposedForm.of(value) }
            case "tags": tags = value.arrayValue?.compactMap { $0.stringValue.map(ComposedForm.of) } ?? []
            case "ux": if let value = value.stringValue { ux = value.isEmpty ? nil : value }
            case "touches": if let value = value.stringValue { touches = value.isEmpty ? nil : value }
            case "ifItFails": if let value = value.stringValue { ifItFails = value.isEmpty ? nil : value }
            // Verified in production, and what watches it, once the loop is done (`own edit --verified`).
            case "verified" where event.type == .edited: if let value = value.boolValue { verified = value }
            case "monitoredBy" where event.type == .edited:
                if let value = value.stringValue { monitoredBy = value.isEmpty ? nil : value }
            default: break
            }
        }
    }

    private mutating func clear(_ name: String) {
        switch name {
        case "doneWhen": doneWhen = nil
        case "due": due = nil
        case "autonomy": autonomyOverride = nil
        case "stage": stage = nil
        case "affects": affects = []
        case "estimateHours": estimateHours = nil
        case "origin": origin = nil
        case "project": project = nil
        case "ux": ux = nil
        case "touches": touches = nil
        case "ifItFails": ifItFails = nil
        case "tags": tags = []
        case "verified": verified = false
        case "monitoredBy": monitoredBy = nil
        default: break
        }
    }

    /// Whether the three questions (ux, touches, if it fails) all have answers.
    public var hasThreeAnswers: Bool { ux != nil && touches != nil && ifItFails != nil }
}

extension Loop {
    /// Whether the doctor can have nothing more to say about the loop, whatever the policy and the
    /// clock: dropped or handed off, or done, reported after done, verified and monitored as its
    /// stakes ask, approved before any work when it needed approval, examined before it started, and
    /// every change to plan told or reported.
    /// The ledger indexes this so the doctor reads only live and unsettled loops.
    public var isSettled: Bool {
        switch state {
        case .dropped, .handedOff: return true
        case .proposed, .open, .active, .blocked: return false
        case .done:
            guard let doneAt else { return false }
            let reportedAfterDone = reports.contains { $0.at >= doneAt }
            let inProduction = stakes < .medium || (verified && (stakes < .high || monitoredBy != nil))
            // A closure, not the method itself: `wasTold` as a value copied the whole loop (a retain
            // and a release of each of its strings and lists), for every loop an import writes.
            let changesTold = changes.allSatisfy { wasTold($0) }
            return (reportedAfterDone || autonomy > 4) && inProduction && actedBeforeApprovalAt == nil
                && !startedWithoutQuestions && changesTold && !mayNeedGuard
        }
    }
}

extension Loop {
    /// Whether `no-guard` may have something to say, on any calendar: done at stakes medium or above
    /// with no guard, and either an incident or done after the earliest deadline its due date has in
    /// any time zone (UTC+14).
    @inline(__always)
    public var mayNeedGuard: Bool {
        guard state == .done, stakes >= .medium, guards.isEmpty, let doneAt else { return false }
        if kind == .incident { return true }
        guard let due else { return false }
        return doneAt >= due.deadline(in: Self.earliestZone)
    }

    /// The zone whose days end first.
    private static let earliestZone = TimeZone(secondsFromGMT: 14 * 3600) ?? .gmt
}
