import Foundation
import GRDB
import OwnCore
import Testing

@testable import OwnStore

/// An import into an empty ledger folds its loops as their events come, several rows to an insert:
/// every loop reads as the fold of its stored events, numbered in order of first appearance,
/// whatever the runs look like.
@Suite("An import's loops")
struct ImporterTests {
    /// Loops A (a repeated line inside its run), B (seen again after C), D (events out of order),
    /// E (a run longer than several inserts), then time off (no loop).
    static func events() -> [Event] {
        let noted = event(.noted, "2026-11-23T10:00:00Z", loop: "A", id: "a2", ["note": "x"])
        var events = [
            event(.created, "2026-11-23T09:00:00Z", loop: "A", id: "a1", ["title": "A"]), noted, noted,
            event(.started, "2026-11-23T11:00:00Z", loop: "A", id: "a3"),
            event(.created, "2026-11-23T09:00:00Z", loop: "B", id: "b1", ["title": "B"]),
            event(.created, "2026-11-23T09:00:00Z", loop: "C", id: "c1", ["title": "C"]),
            event(.started, "2026-11-23T12:00:00Z", loop: "B", id: "b2"),
            event(.created, "2026-11-23T09:00:00Z", loop: "D", id: "d1", ["title": "D"]),
            event(.noted, "2026-11-23T12:00:00Z", loop: "D", id: "d2", ["note": "late"]),
            event(.started, "2026-11-23T10:00:00Z", loop: "D", id: "d3"),
            event(.created, "2026-11-23T09:00:00Z", loop: "E", id: "e0", ["title": "E"]),
        ]
        for index in 1...(Importer.rowsPerInsert * 3 + 5) {
            let at = Date(timeIntervalSince1970: 1_795_424_400 + Double(index))
            events.append(
                Event(
                    id: "e\(index)",
                    loop: "E",
                    at: at,
                    by: "ana",
                    type: .noted,
                    fields: ["note": .string("n\(index)")]
                )
            )
        }
        events.append(
            event(
                .away,
                "2026-11-23T09:00:00Z",
                loop: TimeOff.ledgerKey,
                id: "t1",
                ["person": "ana", "from": "2026-12-01", "until": "2026-12-02"]
            )
        )
        return events
    }

    @Test func eachLoopReadsAsTheFoldOfItsStoredEvents() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        let events = Self.events()
        let imported = events.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }
        let summary = try ledger.importEvents(imported)
        #expect(summary == ImportSummary(added: events.count - 1, skipped: 1, loops: 5), "A to E; time off is no loop")
        for (number, key) in ["A", "B", "C", "D", "E"].enumerated() {
            let stored = try ledger.events(ofLoop: key)
            var folded = try #require(Loop.fold(Event.inFoldOrder(stored)))
            folded.number = number + 1
            #expect(try ledger.loop(key) == folded, "loop \(key)")
        }
        #expect(try ledger.loop("A")?.eventCount == 3, "the repeated line counts once")
        #expect(try ledger.loop("B")?.state == .active)
        #expect(try ledger.loop("6") == nil, "time off takes no number")
    }

    /// A file whose events come a loop at a time keeps the events' index by loop as it imports (it
    /// grows at its end); one in time order has it built at the end. Either way the ledger ends with
    /// every index, and each loop's events read in order through it.
    @Test func theIndexByLoopIsKeptForAFileHeldByLoopAndBuiltAfterOtherwise() throws {
        func events(heldByLoop: Bool) -> [Event] {
            let loops = (0..<40).map { "L\($0)" }
            let made = loops.enumerated().flatMap { number, key in
                [event(.created, "2026-11-23T09:00:00Z", loop: key, id: key + "-0", ["title": "T"])]
                    + (1...6).map { step in
                        event(.noted, "2026-11-23T1\(step):00:00Z", loop: key, id: key + "-\(step)", ["note": "n"])
                    }
            }
            return heldByLoop ? made : made.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        }
        for held in [true, false] {
            let imported = events(heldByLoop: held).enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }
            #expect(imported.withUnsafeBufferPointer(Importer.heldByLoop) == held)
            let file = TemporaryLedger()
            let ledger = try file.open()
            _ = try ledger.importEvents(imported)
            #expect(try ledger.events(ofLoop: "L7").map(\.id) == (0...6).map { "L7-\($0)" }, "\(held)")
            let indexes = try DatabaseQueue(path: file.path).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            }
            #expect(indexes.contains("events_by_loop") && indexes.contains("loops_by_owner"), "\(held): \(indexes)")
        }
    }

    /// A file in time order comes to a different loop at almost every event; with more loops than
    /// memory holds, the loops least recently come to are written and read back when they come
    /// again. Every loop still reads as the fold of its events, numbered in order of appearance.
    @Test func loopsComeToInTurnReadAsTheFoldOfTheirEvents() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        let count = Importer.loopsInMemory + 500
        var events: [Event] = []
        for (type, hour) in [(EventType.created, 9), (.noted, 10), (.started, 11)] {
            for index in 0..<count {
                let at = String(format: "2026-11-23T%02d:%02d:%02dZ", hour, index / 60 % 60, index % 60)
                let fields: EventFields = type == .created ? ["title": .string("T\(index)")] : ["note": "n"]
                events.append(event(type, at, loop: "L\(index)", id: "\(type.rawValue)-\(index)", fields))
            }
        }
        let summary = try ledger.importEvents(events.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) })
        #expect(summary == ImportSummary(added: 3 * count, skipped: 0, loops: count))
        for index in [0, 1, count / 2, count - 1] {
            let stored = try ledger.events(ofLoop: "L\(index)")
            var folded = try #require(Loop.fold(Event.inFoldOrder(stored)))
            folded.number = index + 1
            #expect(try ledger.loop("L\(index)") == folded, "loop \(index)")
            #expect(folded.eventCount == 3 && folded.state == .active)
        }
    }
}
