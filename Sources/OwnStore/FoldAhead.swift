import OwnCore

/// A loop folded on the thread that reads an import's file, from a run of its events: its `created`
/// event and the events after it in the file, one after another, each later than the one before.
/// The writing thread, which folds every other event and does all of SQLite's work, takes the loop
/// instead of folding them (`Importer.add`): the fold moved to the thread that waits on it.
final class FoldedRun: @unchecked Sendable {
    /// Taken by the writing thread (moved out, not copied), once the run's batch is handed over.
    var loop: Loop?
    /// The events folded, the `created` one included.
    let count: Int

    init(loop: consuming Loop, count: Int) {
        self.loop = loop
        self.count = count
    }
}

/// Reads an import's events a run at a time: a `created` event and the events of the same loop that
/// follow it, each later than the last and not a retraction (`EventType.needsRefold`), up to
/// `longestRun`. The run's loop is folded here and goes with its `created` event (`folded`); the
/// events come out in the file's order, and the source's error after the events read before it.
struct FoldAhead {
    private let source: () throws -> ImportedEvent?
    /// The run read ahead, in order, and how many of it came out: each is moved out (`take`), not
    /// copied, as it is moved in (reversing the run copied each event, and released it).
    private var run: [ImportedEvent?] = []
    private var taken = 0
    /// The event that ended the last run: the first of the next.
    private var next: ImportedEvent?
    private var failure: (any Error)?

    /// Events a run holds at most: a loop with more has the rest folded by the writing thread. It
    /// sets how the fold is shared between the two threads, and bounds the run held in memory. Six
    /// shared it evenly once; since the reading thread got faster (member names read in place), whole
    /// runs do: on the million-event file from `Benchmarks/generate_ledger.py` (about ten events a
    /// loop), instructions per 100,000 events were 1.39 G reading and 1.49 G writing with six, 1.42 G
    /// and 1.43 G with 64 (callgrind), and the import's wall time 4.40 s and 4.06 s (medians of three).
    static let longestRun = 64

    init(_ source: @escaping () throws -> ImportedEvent?) {
        self.source = source
    }

    mutating func callAsFunction() throws -> ImportedEvent? {
        if taken < run.count {
            defer { taken += 1 }
            return run[taken].take()
        }
        run.removeAll(keepingCapacity: true)
        taken = 0
        if let failure { throw failure }
        guard var first = try next.take() ?? source() else { return nil }
        guard first.event.type == .created else { return first }
        var loop = Loop(first: first.event)
        do {
            while run.count + 1 < Self.longestRun, let event = try source() {
                guard event.event.loop == first.event.loop, event.event.at > loop.lastEventAt,
                    event.event.type != .created, !event.event.type.needsRefold
                else {
                    next = consume event
                    break
                }
                loop.apply(event.event)
                run.append(consume event)
            }
        } catch {
            // Thrown once the events read before it have come out.
            failure = error
        }
        first.folded = FoldedRun(loop: loop, count: run.count + 1)
        return first
    }
}
