import Foundation
import OwnCore

/// What appending a batch of events to a team means, worked out in memory from what the store
/// already holds: which events are new and their `seq`, which are repeats, and each touched loop as
/// folded so far. An engine reads what the plan needs (the team's counters, the stored lines of the
/// batch's ids, the stored loops of its keys), writes what it says, and folds again from the store
/// the loops it marks (`refold`), all in one transaction.
struct AppendPlan {
    /// An event to store.
    struct NewEvent {
        var seq: Int64
        var event: Event
        var line: String
    }

    /// New events, in the order they are numbered.
    private(set) var inserts: [NewEvent] = []
    /// Events already stored with the same content.
    private(set) var skipped = 0
    /// The team's counters after the batch.
    private(set) var lastSeq: Int64
    private(set) var lastNumber: Int
    /// Every touched loop as folded so far, by key, and the keys in the order first touched.
    private(set) var loops: [String: Loop] = [:]
    private(set) var order: [String] = []
    /// Loops that got an event no later than their last one: fold order is (`at`, `id`), so such an
    /// event may belong before others, and the loop is folded again from all its stored events.
    private(set) var refold: Set<String> = []

    /// Plans a batch. `storedLines` holds the lines already stored under the batch's ids,
    /// `storedLoops` the stored loops of its keys. Throws `conflictingEvent` for an id stored (or
    /// repeated in the batch) with other content, and whatever `check` throws, unchanged.
    init(
        _ events: [Event],
        lastSeq: Int64,
        lastNumber: Int,
        storedLines: [String: String],
        storedLoops: [String: Loop],
        check: (Loop?, Event) throws -> Void
    ) throws {
        self.lastSeq = lastSeq
        self.lastNumber = lastNumber
        var seen = storedLines
        var known = Set<String>()
        // When each loop the batch creates was created: a batch may hold a loop's note before its
        // `created` (an import keeps a file's order), and the fold orders them by `at` anyway.
        var createdInBatch: [String: Date] = [:]
        for event in events where event.type == .created && createdInBatch[event.loop] == nil {
            createdInBatch[event.loop] = event.at
        }
        var created = Set<String>()
        for event in events {
            let line = event.jsonLine
            if let previous = seen[event.id] {
                // The same event, stored by an older server as it read it then (a name with blanks
                // around it, a key as written): the line reads as this event now.
                guard
                    previous == line || (try? Event(jsonLine: previous, checkingFields: false, makeID: { "" })) == event
                else { throw TeamStoreError.conflictingEvent(id: event.id) }
                skipped += 1
                continue
            }
            seen[event.id] = line
            if known.insert(event.loop).inserted {
                order.append(event.loop)
                loops[event.loop] = storedLoops[event.loop]
            }
            // Who may write it first: an event pushed with another person's token is refused as theirs
            // to write (a 403, which a ledger pushes again later), not as a conflict with the team's
            // history (a 409, which a ledger keeps to itself for good).
            try check(loops[event.loop], event)
            try Self.checkHistory(
                event,
                stored: storedLoops[event.loop],
                createdAt: storedLoops[event.loop]?.createdAt ?? createdInBatch[event.loop],
                createdBefore: created.contains(event.loop)
            )
            if event.type == .created { created.insert(event.loop) }
            self.lastSeq += 1
            inserts.append(NewEvent(seq: self.lastSeq, event: event, line: line))
            // Time off and declines are facts about people, kept as events under reserved keys, as
            // the CLI's ledger keeps them: no loop, no number, nothing for the doctor to judge.
            if Event.personalKeys.contains(event.loop) { continue }
            if var loop = loops[event.loop] {
                if event.at <= loop.lastEventAt || event.type.needsRefold { refold.insert(event.loop) }
                loop.apply(event)
                loops[event.loop] = loop
            } else {
                self.lastNumber += 1
                var loop = Loop(first: event)
                loop.number = self.lastNumber
                loops[event.loop] = loop
            }
        }
    }

    /// The history a ledger's import checks (`own import`, and so every teammate's `own sync`): one
    /// `created` a loop, no event dated before it. `stored` is the loop as stored, `createdAt` when it
    /// was created (stored, or by the batch), `createdBefore` whether the batch created it already.
    /// Time off and declines are no loop.
    static func checkHistory(_ event: Event, stored: Loop?, createdAt: Date?, createdBefore: Bool) throws {
        if Event.personalKeys.contains(event.loop) { return }
        let key = TextEscaping.quoted(event.loop)
        if event.type == .created {
            guard stored != nil || createdBefore else { return }
            throw TeamStoreError.brokenHistory(
                id: event.id,
                reason: "loop \(key) already has a created event"
                    + (stored.map { " (by \($0.createdBy))" } ?? "") + "; give this loop another key"
            )
        }
        guard let createdAt else {
            throw TeamStoreError.brokenHistory(
                id: event.id,
                reason: "loop \(key) has no created event on the server; every loop starts with one"
            )
        }
        if event.at < createdAt {
            throw TeamStoreError.brokenHistory(
                id: event.id,
                reason: "this event is dated before loop \(key) was created (\(Timestamp.format(createdAt))); "
                    + "check its \"at\""
            )
        }
    }

    /// The loops to write, in the order first touched: those marked `refold` folded again from
    /// `refolded` (every stored event of the loop, the batch's included), the others as planned.
    func loopsToWrite(refolded: [String: [Event]]) -> [Loop] {
        order.compactMap { key in
            guard let loop = loops[key] else { return nil }
            guard refold.contains(key), let events = refolded[key] else { return loop }
            return FoldOrder.fold(events, number: loop.number) ?? loop
        }
    }
}
