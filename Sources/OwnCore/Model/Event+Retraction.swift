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
    ///
    /// A retraction takes back only what it could have been recorded for among the events of its loop
    /// before it in this order (`retractionRefusal`): one made offline, after someone else had built on
    /// the event (a hand-off taken back after its recipient started the loop), takes back nothing, in
    /// every ledger and on the server alike, instead of leaving its author's ledger alone in believing it.
    public static func withoutRetracted(
        _ events: some Sequence<Event>,
        keepingRetractions: Bool = false
    ) -> [Event] {
        let all = Array(events)
        guard all.contains(where: { $0.type == .retracted }) else { return all }
        var retracted: Set<String> = []
        var earlier: [String: [Event]] = [:]
        // Judged in fold order whatever order the events come in: "before it" is where it folds.
        let folded = zip(all, all.dropFirst()).allSatisfy { !foldsBefore($1, $0) } ? all : inFoldOrder(all)
        for event in folded {
            if let id = event.retractedID, event.retractionRefusal(among: earlier[event.loop] ?? []) == nil {
                retracted.insert(id)
            }
            earlier[event.loop, default: []].append(event)
        }
        guard !retracted.isEmpty else { return keepingRetractions ? all : all.filter { $0.type != .retracted } }
        return all.filter { event in
            event.type == .retracted
                ? keepingRetractions : !(event.isRetractable && retracted.contains(event.id))
        }
    }

    /// What a notice tells of: a loop's events (its whole history, which judging a hand-off needs)
    /// without those taken back (`withoutRetracted`) and without the hand-offs that change nothing
    /// where they fold (`Loop.eventsChangingNothing`: one by someone who did not own the loop then),
    /// which it listed as done.
    public static func standing(_ events: some Sequence<Event>) -> [Event] {
        let kept = withoutRetracted(events)
        // Only the few loops with a hand-off are folded: a report reads thousands of events.
        let handedOff = Set(kept.lazy.filter { $0.type == .handedOff }.map(\.loop))
        guard !handedOff.isEmpty else { return kept }
        var voided: Set<String> = []
        for (_, history) in Dictionary(grouping: kept.filter { handedOff.contains($0.loop) }, by: \.loop) {
            voided.formUnion(Loop.eventsChangingNothing(inFoldOrder(history)).keys)
        }
        return voided.isEmpty ? kept : kept.filter { $0.type != .handedOff || !voided.contains($0.id) }
    }

    /// The retractions among a loop's events (in fold order) that take back nothing, each with why:
    /// one naming an event the loop does not have, one made after someone else built on the event,
    /// one of an event taken back already. `own show` and the dashboard's loop page say the same.
    public static func voidedRetractions(_ events: [Event]) -> [String: String] {
        var voided: [String: String] = [:]
        let ids = Set(events.map(\.id))
        for (index, event) in events.enumerated() {
            guard let id = event.retractedID else { continue }
            guard ids.contains(id) else {
                // A retraction names an event of its own loop: one naming another takes back nothing.
                voided[event.id] = "this loop has no event \(id)"
                continue
            }
            // One made after someone else built on the event (offline, say) takes back nothing.
            switch event.retractionRefusal(among: Array(events[..<index])) {
            case .builtUpon(_, let later)?:
                voided[event.id] = "\(later.by) recorded \(later.type.words) after it first"
            case let refusal?: voided[event.id] = refusal.description
            case nil: continue
            }
        }
        return voided
    }

    /// The ids of the events a standing retraction among `events` takes back (`withoutRetracted`'s
    /// rule): what a history marks "undone", and an inbox leaves out.
    public static func takenBack(_ events: [Event]) -> Set<String> {
        guard events.contains(where: { $0.type == .retracted }) else { return [] }
        let stands = Set(withoutRetracted(events, keepingRetractions: true).map(\.id))
        return Set(events.lazy.filter { !stands.contains($0.id) }.map(\.id))
    }

    /// Whether this event, recorded after `earlier` on its loop, builds on it, so that `earlier` is no
    /// longer its author's to take back: an event by someone else, other than a retraction or a
    /// `reported` mark (which says only that people were told; the server records one seconds after
    /// a change it announces, and a mistake announced is still its author's to take back).
    public func buildsOn(_ earlier: Event) -> Bool {
        // Time off and declines are facts about people, each their own: another's builds on none.
        loop == earlier.loop && by != earlier.by && type != .retracted && type != .reported
            && !Event.personalKeys.contains(loop)
    }

    /// Why a retraction may not stand, given its loop's events recorded before it (in the order they
    /// were recorded); nil when it may. The rules `own undo` follows, for every writer: only who
    /// recorded an event takes it back, never a loop's creation nor a retraction, and never once
    /// someone else has recorded something on the loop after it (they built on it, `buildsOn`).
    ///
    /// A retraction that folds before the event it names (dated earlier, by an import or a push the server
    /// refused) takes back nothing: the server refuses it, and a ledger that let it stand disagreed with
    /// the team for good.
    public func retractionRefusal(among earlier: [Event]) -> RetractionRefusal? {
        guard let id = retractedID else { return nil }
        guard let index = earlier.firstIndex(where: { $0.id == id }) else { return .notEarlier(id) }
        let target = earlier[index]
        guard target.isRetractable else { return .notRetractable(target) }
        guard target.by == by else { return .notTheirs(target) }
        let retracted = Set(earlier.compactMap(\.retractedID))
        // `own undo` takes an event back once: a second retraction of it takes back nothing more.
        if retracted.contains(target.id) { return .alreadyTakenBack(target) }
        if let later = earlier[(index + 1)...].first(where: { $0.buildsOn(target) && !retracted.contains($0.id) }) {
            return .builtUpon(target, by: later)
        }
        return nil
    }
}

/// Why a retraction may not stand (`Event.retractionRefusal(among:)`).
public enum RetractionRefusal: Sendable, Equatable {
    /// The event taken back is a loop's creation or a retraction.
    case notRetractable(Event)
    /// Someone else recorded the event.
    case notTheirs(Event)
    /// Someone else recorded an event on the loop after it.
    case builtUpon(Event, by: Event)
    /// An earlier retraction took the event back already.
    case alreadyTakenBack(Event)
    /// No event of the loop with the id named folds before the retraction.
    case notEarlier(String)

    /// The reason, in words.
    public var description: String {
        switch self {
        case .notRetractable(let event):
            event.type == .created
                ? "a loop's created event is not taken back (drop the loop instead: others may name it)"
                : "a retraction is not taken back"
        case .notTheirs(let event):
            "\(event.by) recorded \(event.type.words) \(event.id): only who recorded an event takes it back"
        case .alreadyTakenBack(let event):
            "\(event.type.words) \(event.id) was taken back already"
        case .notEarlier(let id):
            "\(id) folds after this retraction (dated later, or at its instant with an id that sorts after): "
                + "an undo takes back an event before it"
        case .builtUpon(let event, let later):
            "\(later.by) recorded \(later.type.words) on \(event.loop) after \(event.type.words) \(event.id): "
                + "taking it back would take back what they built on; record the correction instead"
        }
    }
}
