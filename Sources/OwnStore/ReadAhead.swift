import Foundation

/// Runs an import's source of events (reading and parsing the file's lines) on a thread of its own,
/// a few batches ahead of the transaction that writes them: parsing and SQLite's work run side by
/// side on two cores instead of taking turns on one. The queue between them is bounded, so memory
/// stays a few batches whatever the file's size; the events and the source's error come out in order.
enum ReadAhead {
    /// Events handed over at a time: one lock and one wake-up for each batch, not each event.
    static let batchSize = 256
    /// Batches read ahead at most.
    static let batchesAhead = 16

    /// Calls `body` with a `forEachBatch` that hands the elements `source` yields, in order and a
    /// batch at a time, read on another thread; `source`'s error is thrown after the elements before
    /// it. `source` is done with when this returns.
    ///
    /// Each batch is lent where the queue holds it, not copied out (a copy retained every string of
    /// an event once more, on the thread that did not make them). A batch taken in full is given
    /// back to the reading thread and freed there (see `ReadAheadQueue.giveBack`); so is what `body`
    /// passes to its `giveBack` (the loops an import folded from the events, holding their strings).
    static func run<Element, Spent, T>(
        _ source: () throws -> Element?,
        _ body: (
            _ forEachBatch: ((UnsafeBufferPointer<Element>) throws -> Void) throws -> Void,
            _ giveBack: @escaping (consuming [Spent]) -> Void
        ) throws -> T
    ) throws -> T {
        try withoutActuallyEscaping(source) { source in
            let reader = ReadAheadQueue<Element, Spent>(source)
            Thread.detachNewThread { reader.read() }
            defer { reader.stop() }
            return try body(
                { each in
                    while let batch = try reader.take() {
                        try batch.withUnsafeBufferPointer(each)
                        reader.giveBack(batch)
                    }
                },
                { reader.giveBack(other: $0) }
            )
        }
    }

    /// `run` for a `body` that gives nothing back but the batches.
    static func run<Element, T>(
        _ source: () throws -> Element?,
        _ body: (_ forEachBatch: ((UnsafeBufferPointer<Element>) throws -> Void) throws -> Void) throws -> T
    ) throws -> T {
        try withoutActuallyEscaping(body) { body in
            try run(source) { (forEachBatch, _: (consuming [Element]) -> Void) in try body(forEachBatch) }
        }
    }
}

/// The queue between `ReadAhead`'s reading thread and the thread that takes its batches.
private final class ReadAheadQueue<Element, Spent>: @unchecked Sendable {
    /// Guards every property below.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    /// Batches of events the writer is done with, to be freed by the reader (`giveBack`), and
    /// values made of their parts.
    private var returned: [[Element]] = []
    private var returnedOther: [[Spent]] = []
    private var failure: (any Error)?
    /// The source has ended (or failed): no more batches come.
    private var finished = false
    /// The writer has stopped taking events (done, or failed): the reader stops too.
    private var stopped = false
    /// The reader's thread has returned and no longer holds the source.
    private var exited = false
    private var source: (() throws -> Element?)?

    init(_ source: @escaping () throws -> Element?) {
        self.source = source
    }

    /// The reader's thread: calls the source until it ends, fails, or the writer stops.
    func read() {
        var batch: [Element] = []
        batch.reserveCapacity(ReadAhead.batchSize)
        // What the writer gave back, freed an element (and a value made of them) for each element
        // read: the memory an element held is then at hand for the next one, in malloc's cache of
        // the thread's recent frees. A whole batch freed at once overflowed that cache into the lists
        // malloc sorts and merges (a million-event import took 10% longer). Whatever is left goes
        // when this returns, still on this thread.
        var spent = SpentArrays<Element>()
        var spentOther = SpentArrays<Spent>()
        var failure: (any Error)?
        var writing = true
        while writing {
            do {
                // swift-format-ignore: NeverForceUnwrap
                // Set before the thread starts, cleared only after it exits.
                guard let event = try source!() else { break }
                // Moved in: a copy retained each of the event's strings once more (and released them).
                batch.append(consume event)
            } catch {
                failure = error
                break
            }
            spent.freeOne()
            spentOther.freeOne()
            if batch.count == ReadAhead.batchSize {
                writing = put(batch, freeing: &spent, &spentOther)
                batch.removeAll(keepingCapacity: true)
            }
        }
        // Freed before the writer can learn this thread is done: `run` returns with nothing left.
        (spent, spentOther) = (SpentArrays(), SpentArrays())
        condition.lock()
        if writing, !batch.isEmpty { batches.append(batch) }
        self.failure = failure
        finished = true
        source = nil
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false when the writer has stopped. Moves
    /// what the writer gave back to `spent` and `spentOther`, to be freed by this thread.
    private func put(
        _ batch: [Element],
        freeing spent: inout SpentArrays<Element>,
        _ spentOther: inout SpentArrays<Spent>
    ) -> Bool {
        condition.lock()
        while batches.count >= ReadAhead.batchesAhead, !stopped { condition.wait() }
        spent.add(&returned)
        spentOther.add(&returnedOther)
        guard !stopped else {
            condition.unlock()
            return false
        }
        batches.append(batch)
        condition.broadcast()
        condition.unlock()
        return true
    }

    /// Events the writer is done with, handed back so their memory is freed on the thread that
    /// allocated it. Freed on the writer's thread, each string and dictionary of an event went back
    /// to the reader's malloc arena under that arena's lock, while the reader allocated from it:
    /// the two threads queued on the lock (measured: a tenth of the import's CPU in the kernel's
    /// futex waits and wake-ups).
    func giveBack(_ events: consuming [Element]) {
        condition.lock()
        returned.append(events)
        condition.unlock()
    }

    /// Values made of the events' parts, freed on the reader's thread as they are.
    func giveBack(other: consuming [Spent]) {
        condition.lock()
        returnedOther.append(other)
        condition.unlock()
    }

    /// The next batch, waiting for the reader; nil at the end, the source's error after the last batch.
    func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished { condition.wait() }
        if !batches.isEmpty {
            condition.broadcast()
            return batches.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reader and waits until its thread no longer holds the source. The batches not
    /// taken, and those given back since the reader's last `put`, are freed now, not whenever the
    /// last reference to the queue goes.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !exited { condition.wait() }
        source = nil
        batches = []
        (returned, returnedOther) = ([], [])
        condition.unlock()
    }
}

/// Arrays given back to `ReadAheadQueue`'s reading thread, freed an element at a time.
private struct SpentArrays<Element> {
    private var arrays: [[Element]] = []

    /// Takes the arrays, leaving `given` empty.
    mutating func add(_ given: inout [[Element]]) {
        for index in given.indices where !given[index].isEmpty { arrays.append(given[index]) }
        given = []
    }

    /// Frees one element, if any is left.
    mutating func freeOne() {
        guard let last = arrays.indices.last else { return }
        arrays[last].removeLast()
        if arrays[last].isEmpty { arrays.removeLast() }
    }
}
