import Foundation
import GRDB
import OwnCore
import Testing

@testable import OwnStore

@Suite("A long read decodes its loops on two threads and loses none")
struct SharedDecodingTests {
    /// A ledger with more loops than a read decodes alone, and then several runs more: some runs are
    /// decoded on the reading thread, the others on the second.
    static let count = SharedDecoding.decodedAlone + 5 * SharedDecoding.runLength + 7

    func ledger(_ file: borrowing TemporaryLedger) throws -> SQLiteLedger {
        let ledger = try file.open()
        let events = (0..<Self.count).map { index in
            ImportedEvent(
                event: event(
                    .created,
                    "2026-11-23T09:00:00Z",
                    loop: "L\(index)",
                    id: "c\(index)",
                    ["title": .string("Loop \(index)"), "stakes": index % 2 == 0 ? "low" : "high"]
                ),
                line: index + 1
            )
        }
        #expect(try ledger.importEvents(events).loops == Self.count)
        return ledger
    }

    @Test func everyLoopIsReadOnceInNumberOrder() throws {
        let file = TemporaryLedger()
        let ledger = try ledger(file)
        let loops = try ledger.loops(LoopQuery(), asOf: nil)
        #expect(loops.count == Self.count)
        #expect(loops.map(\.number) == Array(1...Self.count))
        #expect(loops.map(\.key) == (0..<Self.count).map { "L\($0)" })
        #expect(loops.map(\.title) == (0..<Self.count).map { "Loop \($0)" })
        let high = try ledger.loops(LoopQuery(stakes: [.high]), asOf: nil)
        #expect(high.map(\.key) == (0..<Self.count).filter { $0 % 2 == 1 }.map { "L\($0)" })
    }

    @Test func aBrokenBodyInEitherThreadsRunsIsAnError() throws {
        // The last loop is in the last run, sent to the second thread; the one before the first
        // shared run's end is decoded here.
        for broken in [Self.count, SharedDecoding.decodedAlone + 1, SharedDecoding.decodedAlone + 300] {
            let file = TemporaryLedger()
            let ledger = try ledger(file)
            try DatabaseQueue(path: file.path).write { db in
                try db.execute(sql: "UPDATE loops SET body = '{}' WHERE number = ?", arguments: [broken])
            }
            #expect(throws: LedgerError.notALedger(path: file.path)) { try ledger.loops(LoopQuery(), asOf: nil) }
        }
    }
}
