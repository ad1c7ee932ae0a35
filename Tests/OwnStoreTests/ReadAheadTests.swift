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
        let lines = try ReadAhead.run(source.next) { next in
            var lines: [Int] = []
            while let imported = try next() { lines.append(imported.line) }
            #expect(try next() == nil, "the end stays the end")
            return lines
        }
        #expect(lines == Array(1...count))
    }

    @Test func theSourcesErrorComesAfterEveryEventBeforeIt() throws {
        let source = Source(count: 10_000, failingAt: ReadAhead.batchSize + 5)
        var lines: [Int] = []
        #expect(throws: Source.Bad(line: ReadAhead.batchSize + 5)) {
            try ReadAhead.run(source.next) { next in
                while let imported = try next() { lines.append(imported.line) }
            }
        }
        #expect(lines == Array(1..<(ReadAhead.batchSize + 5)))
        #expect(source.asked.load(ordering: .relaxed) == ReadAhead.batchSize + 5, "nothing read after the error")
    }

    @Test func aWriterThatStopsStopsTheReaderWithinTheQueuesBound() throws {
        struct Refused: Error {}
        let source = Source(count: 1_000_000)
        #expect(throws: Refused.self) {
            try ReadAhead.run(source.next) { next in
                _ = try next()
                throw Refused()
            }
        }
        let asked = source.asked.load(ordering: .relaxed)
        // The queue's batches, the one being filled and the one taken: never the whole source.
        #expect(asked <= ReadAhead.batchSize * (ReadAhead.batchesAhead + 2) + 1)
        // The reader has returned: it asks for nothing more once `run` has.
        #expect(source.asked.load(ordering: .relaxed) == asked)
    }
}
