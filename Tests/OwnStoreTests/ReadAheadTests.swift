import Foundation
import OwnCore
import Synchronization
import Testing

@testable import OwnStore

/// The thread that reads an import's file ahead of its transaction: same events, same order, same
/// error, and it stops when the transaction does.
@Suite("An import's file read ahead on another thread")
struct ReadAheadTests {
    /// A source of `count` noted events, counting how many it was asked for; fails at `failingAt`.
    final class Source: Sendable {
        let count: Int
        let failingAt: Int?
        let asked = Atomic<Int>(0)
        struct Bad: Error, Equatable { let line: Int }

        init(count: Int, failingAt: Int? = nil) {
            self.count = count
            self.failingAt = failingAt
        }

        func next() throws -> ImportedEvent? {
            let line = asked.add(1, ordering: .relaxed).newValue
            if line == failingAt { throw Bad(line: line) }
            guard line <= count else { return nil }
            return ImportedEvent(event: event(.noted, "2026-11-23T09:00:00Z", id: "n\(line)"), line: line)
        }
    }

    @Test func eventsComeInOrderAcrossBatchesThenTheEnd() throws {
        let count = ReadAhead.batchSize * 3 + 7
        let source = Source(count: count)
        let lines = try ReadAhead.run(source.next) { forEach in
            var lines: [Int] = []
            try forEach { lines += $0.map(\.line) }
            try forEach { lines += $0.map { -$0.line } }
            return lines
        }
        // Once through: the end stays the end.
        #expect(lines == Array(1...count))
    }

    @Test func theSourcesErrorComesAfterEveryEventBeforeIt() throws {
        let source = Source(count: 10_000, failingAt: ReadAhead.batchSize + 5)
        var lines: [Int] = []
        #expect(throws: Source.Bad(line: ReadAhead.batchSize + 5)) {
            try ReadAhead.run(source.next) { forEach in try forEach { lines += $0.map(\.line) } }
        }
        #expect(lines == Array(1..<(ReadAhead.batchSize + 5)))
        #expect(source.asked.load(ordering: .relaxed) == ReadAhead.batchSize + 5, "nothing read after the error")
    }

    @Test func aWriterThatStopsStopsTheReaderWithinTheQueuesBound() throws {
        struct Refused: Error {}
        let source = Source(count: 1_000_000)
        #expect(throws: Refused.self) {
            try ReadAhead.run(source.next) { forEach in try forEach { _ in throw Refused() } }
        }
        let asked = source.asked.load(ordering: .relaxed)
        // The queue's batches, the one being filled and the one taken: never the whole source.
        #expect(asked <= ReadAhead.batchSize * (ReadAhead.batchesAhead + 2) + 1)
        // The reader has returned: it asks for nothing more once `run` has.
        #expect(source.asked.load(ordering: .relaxed) == asked)
    }

    /// Whether each item was freed by the thread that made it, in the order they were freed.
    final class Frees: Sendable {
        let byMaker = Mutex<[Bool]>([])
        /// Items made so far.
        let made = Atomic<Int>(0)
        /// For each item its maker freed, how many had been made then.
        let madeWhenFreedByMaker = Mutex<[Int]>([])
    }

    /// An item that notes, when it is freed, whether the thread that made it freed it.
    final class Made: Sendable {
        let thread = pthread_self()
        let frees: Frees
        init(_ frees: Frees) {
            self.frees = frees
            frees.made.add(1, ordering: .relaxed)
        }
        deinit {
            let same = pthread_equal(thread, pthread_self()) != 0
            frees.byMaker.withLock { $0.append(same) }
            if same {
                let made = frees.made.load(ordering: .relaxed)
                frees.madeWhenFreedByMaker.withLock { $0.append(made) }
            }
        }
    }

    /// What the taking thread is done with goes back to the reading thread to be freed: freed on the
    /// taking thread, memory went back to the reader's malloc arena under its lock while the reader
    /// allocated from it, and the two threads queued on that lock.
    @Test func whatTheWriterIsDoneWithIsFreedOnTheReadingThread() throws {
        let frees = Frees()
        let count = ReadAhead.batchSize * 40
        let made = Atomic<Int>(0)
        let source = { () -> Made? in made.add(1, ordering: .relaxed).newValue <= count ? Made(frees) : nil }
        let taken = try ReadAhead.run(source) { forEach in
            var taken = 0
            try forEach { taken += $0.count }
            return taken
        }
        #expect(taken == count)
        let freed = frees.byMaker.withLock { $0 }
        #expect(freed.count == count, "every item freed once run returns")
        // The batches given back while the reader still read: all but the last few, freed by the
        // writer when the reader had ended.
        let byMaker = freed.filter { $0 }.count
        #expect(byMaker >= count - ReadAhead.batchSize * (ReadAhead.batchesAhead + 2), "\(byMaker) of \(count)")
    }

    /// So is what the taking thread makes of the items and gives back (an import's loops, which hold
    /// its events' strings): here the items of the first half of the source, held past their batches
    /// and given back while the reader still reads.
    @Test func whatTheWriterGivesBackIsFreedOnTheReadingThread() throws {
        let frees = Frees()
        let half = ReadAhead.batchSize * 20
        let made = Atomic<Int>(0)
        let source = { () -> Made? in made.add(1, ordering: .relaxed).newValue <= 2 * half ? Made(frees) : nil }
        try ReadAhead.run(source) { forEach, giveBack in
            var kept: [Made] = []
            try forEach { batch in
                kept += batch
                if kept.count == half {
                    giveBack(kept)
                    kept = []
                }
            }
        }
        let freed = frees.byMaker.withLock { $0 }
        #expect(freed.count == 2 * half, "every item freed once run returns")
        let byMaker = freed.filter { $0 }.count
        #expect(byMaker >= half, "\(byMaker) of \(2 * half)")
    }

    /// The reading thread frees what it is given back an item for each item it makes, not a batch
    /// at once: the memory an item held is then at hand for the next one, in malloc's cache of the
    /// thread's recent frees (a whole batch freed at once overflowed it, and a million-event import
    /// took 10% longer).
    @Test func theReadingThreadFreesAnItemForEachItemItMakes() throws {
        let frees = Frees()
        let count = ReadAhead.batchSize * 40
        let source = { () -> Made? in frees.made.load(ordering: .relaxed) < count ? Made(frees) : nil }
        try ReadAhead.run(source) { forEach, giveBack in
            var kept: [Made] = []
            try forEach { batch in
                kept += batch.prefix(8)
                if kept.count == 64 {
                    giveBack(kept)
                    kept = []
                }
            }
        }
        // While it still read (fewer than `count` made), at most one item of the batches and one of
        // what else was given back went at each item made.
        let whileReading = frees.madeWhenFreedByMaker.withLock { $0 }.filter { $0 < count }
        let mostAtOnce = Dictionary(grouping: whileReading, by: { $0 }).values.map(\.count).max() ?? 0
        #expect(whileReading.count >= ReadAhead.batchSize * 8, "\(whileReading.count) freed while reading")
        #expect(mostAtOnce <= 2, "\(mostAtOnce) items freed at once")
    }
}
