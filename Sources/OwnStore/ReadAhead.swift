import Foundation

/// Runs an import's source of events (reading and parsing the file's lines) on a thread of its own,
/// a few batches ahead of the transaction that writes them: parsing and SQLite's work run side by
/// side on two cores instead of taking turns on one. The queue between them is bounded, so memory
/// stays a few batches whatever the file's size; the events and the source's error come out in order.
final class ReadAhead: @unchecked Sendable {
    /// Events handed over at a time: one lock and one wake-up for each batch, not each event.
    static let batchSize = 256
    /// Batches read ahead at most.
    static let batchesAhead = 16

    /// Guards every property below.
    private let condition = NSCondition()
    private var batches: [[ImportedEvent]] = []
    private var failure: (any Error)?
    /// The source has ended (or failed): no more batches come.
    private var finished = false
    /// The writer has stopped taking events (done, or failed): the reader stops too.
    private var stopped = false
    /// The reader's thread has returned and no longer holds the source.
    private var exited = false
    private var source: (() throws -> ImportedEvent?)?

    private init() {}

    /// Calls `body` with a `next` that yields what `source` yields, in order, read on another thread;
    /// `source`'s error is thrown where it was met. `source` is done with when this returns.
    static func run<T>(
        _ source: () throws -> ImportedEvent?,
        _ body: (() throws -> ImportedEvent?) throws -> T
    ) throws -> T {
        try withoutActuallyEscaping(source) { source in
            let reader = ReadAhead()
            reader.source = source
            Thread.detachNewThread { reader.read() }
            defer { reader.stop() }
            // Each batch reversed, so that its events are moved out from the end, not copied.
            var batch: [ImportedEvent] = []
            return try body {
                if batch.isEmpty {
                    guard let next = try reader.take() else { return nil }
                    batch = next
                    batch.reverse()
                }
                return batch.popLast()
            }
        }
    }

    /// The reader's thread: calls the source until it ends, fails, or the writer stops.
    private func read() {
        var batch: [ImportedEvent] = []
        batch.reserveCapacity(Self.batchSize)
        var failure: (any Error)?
        var writing = true
        while writing {
            do {
                // swift-format-ignore: NeverForceUnwrap
                // Set before the thread starts, cleared only after it exits.
                guard let event = try source!() else { break }
                batch.append(event)
            } catch {
                failure = error
                break
            }
            if batch.count == Self.batchSize {
                writing = put(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        condition.lock()
        if writing, !batch.isEmpty { batches.append(batch) }
        self.failure = failure
        finished = true
        source = nil
        exited = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false when the writer has stopped.
    private func put(_ batch: [ImportedEvent]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.batchesAhead, !stopped { condition.wait() }
        guard !stopped else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, waiting for the reader; nil at the end, the source's error after the last batch.
    private func take() throws -> [ImportedEvent]? {
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

    /// Stops the reader and waits until its thread no longer holds the source.
    private func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !exited { condition.wait() }
        source = nil
        condition.unlock()
    }
}
