import OwnCore

/// A loop's wait for approval, read from its events: who made it wait, and the key of the request
/// for this wait. An approval taken back makes the loop wait again, and that is a new request (its
/// key names the undo): every lead is asked again, unread, and the channels hear of it, where the
/// first request's key kept both to what was sent before.
struct ApprovalWait: Equatable {
    /// The author of the event from which it waits (its creation, a hand-off, a raise of its stakes).
    var asker: String
    /// `approval:<loop key>`, or `approval:<loop key>~<undo id>` after an approval taken back.
    var key: String

    /// The wait of `loop`, from all of its events (retractions included).
    init(_ loop: Loop, events: [Event]) {
        let ordered = Event.inFoldOrder(events)
        var folded: Loop?
        var asker = loop.owner
        for event in Event.withoutRetracted(ordered) {
            let waited = folded?.awaitsApproval ?? false
            if folded == nil { folded = Loop(first: event) } else { folded?.apply(event) }
            if !waited, folded?.awaitsApproval == true { asker = event.by }
        }
        self.asker = asker
        key = Self.key(loop.key, events: ordered)
    }

    /// The key of the request for a loop's current wait, from its events in fold order.
    static func key(_ loop: String, events ordered: [Event]) -> String {
        let approvals = Set(ordered.filter { $0.type == .approved }.map(\.id))
        let takenBack = Event.takenBack(ordered)
        let undo = ordered.last { event in
            event.retractedID.map { approvals.contains($0) && takenBack.contains($0) } ?? false
        }
        return "approval:\(loop)" + (undo.map { "~" + $0.id } ?? "")
    }
}
