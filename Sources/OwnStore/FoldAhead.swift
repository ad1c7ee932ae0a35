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
    /// sets how the fold is shared between the two threads, and six shares it evenly here: on the
    /// million-event file from `Benchmarks/generate_ledger.py` (about ten events a loop), each
    /// thread's CPU clock while the file is read was 1.70 s reading and 2.22 s writing with no run
    /// folded ahead, 1.99 and 1.75 with whole runs, 1.88 and 1.87 with six.
    static let longestRun = 6

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
