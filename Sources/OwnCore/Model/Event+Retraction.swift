/// Taking an event back: a `retracted` event names the id of an earlier event of the same loop, and
/// every view folded from the ledger (the loop, the reports, the doctor) skips both. The ledger
/// itself stays append-only, so a retraction syncs and exports like any other event.
extension Event {
    /// The id of the event this one takes back, when it is a retraction.
    public var retractedID: String? {
        type == .retracted ? string("retracts") : nil
    }

    /// Whether a retraction may take this event back: not a `created` event (drop the loop instead,
    /// since other events and people may already name it) and not another retraction (no redo).
    public var isRetractable: Bool {
        type != .created && type != .retracted
    }

    /// The events as if the retracted ones had never happened: each event a retraction among them
    /// takes back is left out, and so are the retractions unless `keepingRetractions` (the fold keeps
    /// them, so a loop's last event and event count include them). Order is kept.
    public static func withoutRetracted(
        _ events: some Sequence<Event>,
        keepingRetractions: Bool = false
    ) -> [Event] {
        var retracted: Set<String> = []
        var all: [Event] = []
        for event in events {
            if let id = event.retractedID { retracted.insert(id) }
            all.append(event)
        }
        guard !retracted.isEmpty else { return all }
        return all.filter { event in
            event.type == .retracted
                ? keepingRetractions : !(event.isRetractable && retracted.contains(event.id))
        }
    }
}
