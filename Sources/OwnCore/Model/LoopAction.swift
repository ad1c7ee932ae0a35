/// What a person may do to a loop, and which states (and people) allow it: the one place the CLI
/// and the team server ask before they record an event.
public enum LoopAction: String, Sendable, CaseIterable {
    case start, note, block, askForHelp, unblock, risk, rescope, moveDue, stage, approve, handOff, done, drop, edit
    /// Records a guard: what now prevents a repeat.
    case guardAgainstRepeat
    /// Takes a done or dropped loop back to open.
    case reopen

    /// The event the action records.
    public var eventType: EventType {
        switch self {
        case .start: .started
        case .note: .noted
        case .block: .blocked
        case .askForHelp: .helpAsked
        case .unblock: .unblocked
        case .risk: .risk
        case .rescope: .scopeChanged
        case .moveDue: .dueChanged
        case .stage: .staged
        case .approve: .approved
        case .handOff: .handedOff
        case .done: .done
        case .drop: .dropped
        case .edit: .edited
        case .guardAgainstRepeat: .guarded
        case .reopen: .reopened
        }
    }

    /// The words for "cannot …": what the action does to the loop.
    private var verb: String {
        switch self {
        case .start: "start it"
        case .note: "note on it"
        case .block: "block it"
        case .askForHelp: "ask for help on it"
        case .unblock: "unblock it"
        case .risk: "flag a risk on it"
        case .rescope: "rescope it"
        case .moveDue: "move it"
        case .stage: "stage it"
        case .approve: "approve it"
        case .handOff: "hand it off"
        case .done: "close it"
        case .drop: "drop it"
        case .edit: "edit it"
        case .guardAgainstRepeat: "guard it"
        case .reopen: "reopen it"
        }
    }

    /// Refuses the action when the loop's state, or who asks for it, does not allow it; the message
    /// says what to do instead. Notes, edits and guards are allowed in every state (a late word on a closed
    /// loop is still history); a reopen needs a done or dropped loop; every other action needs a live
    /// loop, and some a particular state.
    public func check(_ loop: Loop, by actor: String) throws(CoreError) {
        let name = "#\(loop.number)"
        switch (self, loop.state) {
        case (.note, _), (.edit, _), (.guardAgainstRepeat, _), (.reopen, .done), (.reopen, .dropped):
            return
        case (.reopen, let state):
            throw .notAllowed("\(name) is \(state.rawValue); only a done or dropped loop can be reopened")
        case (.start, .active):
            throw .notAllowed("\(name) is already active")
        case (.start, .blocked):
            throw .notAllowed("\(name) is blocked; `own unblock \(loop.number)` first")
        case (.block, .blocked):
            throw .notAllowed("\(name) is already blocked")
        case (.unblock, let state) where state != .blocked:
            throw .notAllowed("\(name) is \(state.rawValue), not blocked")
        case (.done, .done):
            throw .notAllowed("\(name) is already done")
        case (.drop, .dropped):
            throw .notAllowed("\(name) is already dropped")
        case (.approve, _) where loop.owner == actor:
            throw .notAllowed("\(actor) owns \(name); someone else must approve it (`--by NAME`)")
        case (.approve, _) where loop.approvedAt != nil:
            throw .notAllowed("\(name) was already approved by \(loop.approvedBy ?? "someone")")
        case (.approve, let state) where state != .proposed && !loop.needsApproval:
            throw .notAllowed(
                "\(name) needs no approval: at autonomy \(loop.autonomy) its owner goes ahead without one"
            )
        case (.handOff, _) where loop.owner != actor:
            // Whoever hands a loop off follows it up (its delegator): its owner, who can say where it
            // stands. Handed off by someone else, the follow-up went to the previous owner. A hand-off
            // nobody has taken up yet (to a team, say) is anyone's to take first.
            let take =
                loop.waitsToBeTakenUp
                ? ", or take it yourself first (`own edit \(loop.number) --owner \(TextEscaping.shellWord(actor))`)"
                : ""
            throw .notAllowed(
                "\(name) is \(loop.owner)'s: only its owner hands it off; ask \(loop.owner) to hand it off\(take)"
            )
        default:
            break
        }
        guard loop.state.isLive else {
            // A closed loop can be taken back first; say how.
            let reopen = [.done, .dropped].contains(loop.state) ? "; `own reopen \(loop.number) REASON` first" : ""
            throw .notAllowed("\(name) is \(loop.state.rawValue); cannot \(verb)\(reopen)")
        }
    }
}

extension Loop {
    /// Whether `actor` may give this loop the owner `owner` by an edit: its owner may; anyone else may
    /// not (an edit of the owner is a hand-off without its follow-up, and only its owner hands a loop
    /// off), so a loop is not taken from its owner behind their back. But a hand-off its new owner
    /// has not taken up (`waitsToBeTakenUp`) anyone may take as their own: a loop handed to a team,
    /// whose name records no event, waits for one of its people to. The CLI and the server ask this.
    public func ownerMayBeChanged(to owner: String, by actor: String) -> Bool {
        owner == self.owner || actor == self.owner || (owner == actor && waitsToBeTakenUp)
    }

    /// A live loop handed off whose new owner has recorded nothing on it since (`acceptedAt`).
    public var waitsToBeTakenUp: Bool {
        state.isLive && handedOffAt != nil && acceptedAt == nil
    }

    /// Whether an edit of `fields` would take this loop out of waiting for approval (a raised autonomy,
    /// lowered stakes), proposed or started without it: an approval, which only whoever may approve
    /// the loop may give; its owner never may. The CLI and the server ask this of an edit by anyone
    /// who may not approve.
    public func editApproves(_ fields: EventFields) -> Bool {
        guard needsApproval, approvedAt == nil else { return false }
        var edited = self
        // As someone else's edit: the fold keeps an owner's edit from approving (see `apply`).
        edited.apply(Event(id: "", loop: key, at: lastEventAt, by: "", type: .edited, fields: fields))
        return !edited.needsApproval
    }
}
