public import Foundation

/// The fold: how each event changes a loop. Tolerant of any order an import brings, since the
/// ledger records facts; the CLI is where wrong-state commands are refused.
extension Loop {
    /// Folds a loop's events, in order, into its current shape. Returns nil for no events.
    /// An event that a `retracted` event among them takes back is skipped (see `Event.withoutRetracted`).
    public static func fold(_ events: some Sequence<Event>) -> Loop? {
        var loop: Loop?
        for event in Event.withoutRetracted(events, keepingRetractions: true) {
            if loop == nil { loop = Loop(first: event) } else { loop!.apply(event) }
        }
        return loop
    }

    /// The changes of owner and approvals among a loop's events (in fold order) that change nothing
    /// where they fold, each with why (`apply`): a hand-off by someone who did not own the loop then,
    /// an edit of its owner by someone who could not make it, an approval by its owner then (recorded
    /// offline after a hand-off to them, say). `own show` marks them, as it marks an undo that takes
    /// nothing back.
    public static func eventsChangingNothing(_ events: [Event]) -> [String: String] {
        var voided: [String: String] = [:]
        var loop: Loop?
        for event in Event.withoutRetracted(events, keepingRetractions: true) {
            // What the judgement reads of the loop before the event, not a copy of it: a copy kept
            // its notes and history shared, so applying the event copied them, every event (a loop of
            // 40,000 notes took 6.5 s to show).
            guard let owner = loop?.owner else {
                loop = Loop(first: event)
                continue
            }
            let wasTakenUp = loop?.handedOffAt != nil && loop?.acceptedAt != nil
            loop?.apply(event)
            if event.type == .approved, event.by == owner {
                voided[event.id] = "\(owner) owned it then, and an approval counts only from someone else"
                continue
            }
            // Found by the fold itself (`apply` decides): an event asking for another owner that left
            // the owner as it was.
            let asked = event.type == .handedOff ? event.string("to") : event.string("owner")
            guard [.handedOff, .edited].contains(event.type), let asked, !asked.isEmpty, asked != owner,
                loop?.owner == owner
            else { continue }
            voided[event.id] =
                event.type == .handedOff
                ? "\(owner) owned it then, and only its owner hands it off"
                : wasTakenUp && asked == event.by
                    ? "\(owner) had taken it up already"
                    : "\(owner) owned it then, and only its owner gives it another owner"
        }
        return voided
    }

    /// The fold of one event, the first of a loop's (`fold([event])` without the arrays an import
    /// made for each of its loops).
    public init(first event: Event) {
        if event.type == .created {
            self.init(created: event)
        } else {
            self.init(key: event.loop, firstEvent: event)
            apply(event)
        }
    }

    /// A loop as it was at an instant: folded from its events at or before `asOf` only, so a read at a
    /// past instant shows that past and not what happened after it. Nil when it had no event by then
    /// (it was created later). Every store reads the past through this one definition.
    public static func fold(_ events: some Sequence<Event>, asOf: Date) -> Loop? {
        fold(events.lazy.filter { $0.at <= asOf })
    }

    /// Applies one event, which must be later than (or as late as) every event applied before.
    public mutating func apply(_ event: Event) {
        eventCount += 1
        if event.at > lastEventAt { lastEventAt = event.at }
        switch event.type {
        case .created:
            // A created event that arrives after others (import order): it sets the fields.
            assign(event)
            createdBy = event.by
            createdAt = min(createdAt, event.at)
            if state == .open || state == .proposed { state = needsApproval && approvedAt == nil ? .proposed : .open }
        case .edited:
            // Its owner never takes a loop out of waiting for approval: an owner's edit that lowers the
            // stakes or raises the autonomy of a loop awaiting approval keeps the former ones. The CLI
            // and the server refuse such an edit; an import (a Taskwarrior priority lowered) carried it.
            let awaiting = event.by == owner && needsApproval && approvedAt == nil
            let (stakesBefore, autonomyBefore) = (stakes, autonomyOverride)
            if let taken = event.string("owner"), !ownerMayBeChanged(to: taken, by: event.by) {
                // An owner change by someone who may not make it where it folds (the new owner took the
                // hand-off up before it, in a ledger pulled later) changes nothing, on every ledger and
                // the server alike: two offline takes of one hand-off leave it the first one's.
                var kept = event
                kept.fields["owner"] = nil
                assign(kept)
            } else {
                let before = owner
                assign(event)
                if owner != before { (ownedSince, ownedFrom) = (event.at, before) }
                // Back with whoever handed it off (taken back before anyone took it up, or given back):
                // it is theirs again, delegated to no one.
                if owner != before, owner == delegatedBy {
                    (delegatedBy, handedOffTo, handedOffAt, acceptedAt) = (nil, nil, nil, nil)
                }
            }
            if awaiting, !needsApproval { (stakes, autonomyOverride) = (stakesBefore, autonomyBefore) }
            if state == .open || state == .proposed { state = needsApproval && approvedAt == nil ? .proposed : .open }
        case .approved:
            if event.by != owner {
                approvedAt = event.at
                approvedBy = event.by
                if state == .proposed { state = .open }
            }
        case .started:
            if startedAt == nil {
                startedAt = event.at
                startedWithoutQuestions = stakes >= .high && !hasThreeAnswers
            }
            noteProgressBeforeApproval(event)
            if state == .open || state == .proposed { state = .active }
            lastProgressAt = event.at
        case .noted:
            if let note = event.string("note") { notes.append(note) }
            // A note on a loop nobody started is word on it, not progress: what going-dark asks of the
            // owner of a loop waiting for approval, which a later approval would never have cleared.
            if startedAt != nil { noteProgressBeforeApproval(event) }
            lastProgressAt = event.at
        case .blocked:
            // A block an import or a pull brings after the loop ended (two people's offline work)
            // blocks nothing: an ended loop is in no block, and `own list --grep` finds a loop by the
            // words of the block it is in now.
            guard state.isLive else { break }
            state = .blocked
            blockedAt = event.at
            blockReason = event.string("reason")
            helpAskedAt = nil
            helpAskedFrom = nil
        case .helpAsked:
            // Asked of its owner, it is no help asked (`own ask --from` the owner is refused; one an
            // import or a push brings stays in the history and clears no `stuck-alone`).
            guard let from = event.string("from"), Event.nameForm(from) != owner else { break }
            helpAskedAt = event.at
            helpAskedFrom = from
        case .unblocked:
            if state == .blocked {
                state = startedAt == nil ? (needsApproval && approvedAt == nil ? .proposed : .open) : .active
            }
            blockedAt = nil
            blockReason = nil
            lastProgressAt = event.at
        case .risk, .scopeChanged, .dueChanged:
            let previous: String? =
                switch event.type {
                case .dueChanged: due?.json
                case .scopeChanged: estimateHours.map { JSONWriter.string(.number($0)) }
                default: nil
                }
            // `due` null: the date removed, which its owner had promised (a change to plan all the same).
            if event.type == .dueChanged, let value = event.fields["due"] {
                due = value.stringValue.flatMap(Due.init(json:))
            }
            if event.type == .scopeChanged, let hours = event.number("estimateHours") { estimateHours = hours }
            let value: String? =
                switch event.type {
                case .dueChanged: event.string("due")
                case .scopeChanged: event.number("estimateHours").map { JSONWriter.string(.number($0)) }
                default: nil
                }
            changes.append(
                PlanChange(
                    id: event.id,
                    type: event.type,
                    at: event.at,
                    by: event.by,
                    note: event.string("note") ?? event.string("reason"),
                    told: event.strings("told"),
                    value: value,
                    previous: previous
                )
            )
        case .staged:
            if let text = event.string("stage"), let value = Stage.names.member(named: text) { stage = value }
            lastProgressAt = event.at
        case .reported:
            if let text = event.string("channel"), let channel = ReportChannel.names.member(named: text) {
                reports.append(
                    Report(
                        at: event.at,
                        channel: channel,
                        covers: event.fields["covers"]?.arrayValue?.compactMap(\.stringValue)
                    )
                )
            }
        case .done:
            noteProgressBeforeApproval(event)
            state = .done
            doneAt = event.at
            outcome = event.string("outcome")
            verified = event.bool("verified") ?? false
            monitoredBy = event.string("monitoredBy")
            if let text = event.string("guard"), !text.isEmpty {
                guards.append(Guard(at: event.at, by: event.by, text: text))
            }
            (blockedAt, blockReason) = (nil, nil)
            lastProgressAt = event.at
            // Ended once: a drop before it (two people's offline work, synced) is taken back.
            closedAt = nil
            closeReason = nil
        case .dropped:
            state = .dropped
            closedAt = event.at
            closeReason = event.string("reason")
            (blockedAt, blockReason) = (nil, nil)
            // A completion before it (offline, by someone else) is taken back: a dropped loop that
            // kept its outcome counted in `own record` as a promise kept.
            doneAt = nil
            outcome = nil
            verified = false
        case .reopened:
            // Only an ended loop reopens; a reopen that an import brings to a live loop changes nothing.
            if state == .done || state == .dropped {
                state = needsApproval && approvedAt == nil ? .proposed : .open
                doneAt = nil
                outcome = nil
                verified = false
                closedAt = nil
                closeReason = nil
            }
        case .handedOff:
            // The recipient owns it now, open for them with the history kept; the previous owner is
            // who delegated it. The silence the doctor counts starts again with the new owner.
            // Only its owner hands a loop off: a hand-off by someone else where it folds (recorded
            // offline after an undo that took the loop back from them, say) changes nothing.
            guard let to = event.string("to"), !to.isEmpty, to != owner, event.by == owner else { break }
            delegatedBy = owner
            (ownedSince, ownedFrom) = (event.at, owner)
            owner = to
            handedOffTo = to
            handedOffAt = event.at
            acceptedAt = nil
            if state.isLive || state == .handedOff {
                state = needsApproval && approvedAt == nil ? .proposed : .open
            }
            blockedAt = nil
            blockReason = nil
            helpAskedAt = nil
            helpAskedFrom = nil
            lastCommunicationAt = max(lastCommunicationAt, event.at)
        case .away, .awayCancelled, .declined:
            // Facts about people, not loops (see `TimeOff` and `Decline`).
            break
        case .retracted:
            // The event it takes back is skipped by `fold`; the store folds the loop again.
            break
        case .guarded:
            if let text = event.string("guard"), !text.isEmpty {
                guards.append(Guard(at: event.at, by: event.by, text: text))
            }
        }
        if event.type.isCommunication, event.by == owner, event.at > lastCommunicationAt {
            lastCommunicationAt = event.at
        }
        // Taking back one's own event (`own undo`) is not taking the loop up: what it took back never happened.
        if handedOffAt != nil, acceptedAt == nil, event.by == owner, event.type != .handedOff,
            event.type != .retracted
        {
            acceptedAt = event.at
        }
    }

    /// The owner's work only: the server's note on an incident that waits for a lead ("failed again")
    /// or a teammate's is no owner acting before approval, which a later approval never clears.
    private mutating func noteProgressBeforeApproval(_ event: Event) {
        if needsApproval, approvedAt == nil, actedBeforeApprovalAt == nil, event.by == owner {
            actedBeforeApprovalAt = event.at
        }
    }
}
