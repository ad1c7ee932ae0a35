import Foundation
import GRDB
import OwnCore
import Testing

@testable import OwnStore

/// A fresh ledger file in a temporary folder, removed at the end of the test.
struct TemporaryLedger: ~Copyable {
    let folder: String
    var path: String { folder + "/ledger.sqlite" }

    init() {
        folder = NSTemporaryDirectory() + "own-store-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func open() throws -> SQLiteLedger {
        try SQLiteLedger(path: path)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

func event(
    _ type: EventType,
    _ at: String,
    loop: String = "L1",
    id: String? = nil,
    by: String = "ana",
    _ fields: EventFields = [:]
)
    -> Event
{
    Event(id: id ?? UUID().uuidString, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
}

@Suite("The SQLite ledger: append, projection, reopen, import")
struct SQLiteLedgerTests {
    @Test func appendUpdatesTheProjectionAndSurvivesReopening() throws {
        let file = TemporaryLedger()
        do {
            let ledger = try file.open()
            let loop = try ledger.append([event(.created, "2026-11-23T09:00:00Z", ["title": "Fix", "stakes": "low"])])
            #expect(loop.number == 1)
            try ledger.append([
                event(.started, "2026-11-23T10:00:00Z"), event(.noted, "2026-11-23T11:00:00Z", ["note": "x"]),
            ])
            let second = try ledger.append([event(.created, "2026-11-23T12:00:00Z", loop: "L2", ["title": "Other"])])
            #expect(second.number == 2)
        }
        let reopened = try file.open()
        let loop = try #require(try reopened.loop("1"))
        #expect(loop.state == .active)
        #expect(loop.eventCount == 3)
        #expect(try reopened.loop("#2")?.key == "L2")
        #expect(try reopened.loop("L2")?.number == 2)
        #expect(try reopened.loop("3") == nil)
        #expect(try reopened.events(ofLoop: "L1").map(\.type) == [.created, .started, .noted])
    }

    @Test func aRefusedWriteChangesNothing() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", ["title": "Fix"])])
        struct Refused: Error {}
        #expect(throws: Refused.self) {
            try ledger.append([event(.done, "2026-11-23T10:00:00Z")]) { _, _ in throw Refused() }
        }
        #expect(try ledger.loop("1")?.state == .open)
        #expect(try ledger.events(ofLoop: "L1").count == 1)
    }

    @Test func anEventEarlierThanTheLastRefoldsInTimeOrder() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", ["title": "Fix"])])
        try ledger.append([event(.blocked, "2026-11-25T09:00:00Z", ["reason": "r"])])
        try ledger.append([event(.started, "2026-11-24T09:00:00Z")])
        let loop = try #require(try ledger.loop("1"))
        #expect(loop.state == .blocked)
        #expect(loop.startedAt == Timestamp.parse("2026-11-24T09:00:00Z"))
    }

    @Test func queriesFilterByOwnerStateAndSettlement() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "A", ["title": "a", "due": "2026-11-30"])])
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "B", ["title": "b", "owner": "lee"])])
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "C", ["title": "c"])])
        try ledger.append([event(.dropped, "2026-11-24T09:00:00Z", loop: "C")])
        #expect(try ledger.loops(LoopQuery(owners: ["ana"])).map(\.key) == ["A", "C"])
        #expect(try ledger.loops(LoopQuery(states: [.open])).map(\.key) == ["A", "B"])
        #expect(try ledger.loops(LoopQuery(settled: false)).map(\.key) == ["A", "B"])
        #expect(try ledger.loops(LoopQuery(dueBefore: Timestamp.parse("2026-12-01T00:00:00Z"))).map(\.key) == ["A"])
        #expect(try ledger.loops(LoopQuery(changedSince: Timestamp.parse("2026-11-24T00:00:00Z"))).map(\.key) == ["C"])
    }

    @Test func importIsAllOrNothingAndIdempotent() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        let events = [
            event(.created, "2026-11-23T09:00:00Z", id: "e1", ["title": "Fix", "color": "blue"]),
            event(.started, "2026-11-23T10:00:00Z", id: "e2"),
            event(.created, "2026-11-23T11:00:00Z", loop: "L2", id: "e3", ["title": "Two"]),
        ]
        let imported = events.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }
        #expect(try ledger.importEvents(imported) == ImportSummary(added: 3, skipped: 0, loops: 2))
        #expect(try ledger.importEvents(imported) == ImportSummary(added: 0, skipped: 3, loops: 0, eventsBefore: 3))
        var lines: [String] = []
        try ledger.exportEvents { lines.append($0) }
        #expect(lines == events.map(\.jsonLine))

        var changed = events[1]
        changed.fields["note"] = "different"
        #expect(throws: LedgerError.conflictingEvent(id: "e2", line: 2, inFile: false)) {
            try ledger.importEvents([
                ImportedEvent(event: event(.noted, "2026-11-23T12:00:00Z", id: "e9", ["note": "n"]), line: 1),
                ImportedEvent(event: changed, line: 2),
            ])
        }
        #expect(try ledger.events(ofLoop: "L1").count == 2, "the first line of the failed import did not land")

        struct BadLine: Error {}
        var count = 0
        #expect(throws: BadLine.self) {
            try ledger.importEvents {
                count += 1
                if count == 2 { throw BadLine() }
                return ImportedEvent(
                    event: event(.noted, "2026-11-24T12:00:00Z", id: "n\(count)", ["note": "n"]),
                    line: count
                )
            }
        }
        #expect(try ledger.events(ofLoop: "L1").count == 2)
    }

    /// Rows go in several to a statement: a statement whose rows are partly stored already (in the
    /// ledger, or earlier in the same statement) adds each new event once and skips the rest.
    @Test func aReimportMixingStoredAndNewEventsAddsEachNewEventOnce() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        var events: [Event] = []
        for loop in 0..<10 {
            events.append(event(.created, "2026-11-23T09:00:00Z", loop: "L\(loop)", id: "c\(loop)", ["title": "T"]))
            for note in 1..<10 {
                let at = String(format: "2026-11-23T%02d:00:00Z", 9 + note)
                events.append(event(.noted, at, loop: "L\(loop)", id: "n\(loop)-\(note)", ["note": "n"]))
            }
        }
        // Every other event first (each loop's created among them), then all with one line twice.
        let first = events.enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element)
        #expect(try ledger.importEvents(first.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }).added == 50)
        var again = events
        again.insert(events[41], at: 43)
        let summary = try ledger.importEvents(again.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) })
        #expect(summary == ImportSummary(added: 50, skipped: 51, loops: 10, eventsBefore: 50))
        for loop in 0..<10 {
            let stored = try ledger.events(ofLoop: "L\(loop)")
            #expect(Set(stored.map(\.id)).count == 10 && stored.count == 10, "loop \(loop)")
            var folded = try #require(Loop.fold(Event.inFoldOrder(stored)))
            folded.number = loop + 1
            #expect(try ledger.loop("L\(loop)") == folded, "loop \(loop)")
        }
    }

    @Test func aLedgerKeptOpenLeavesLittleWALAndAnImportNone() throws {
        let file = TemporaryLedger()
        let ledger = try SQLiteLedger(path: file.path, keptOpen: true)
        func walBytes() throws -> Int {
            try FileManager.default.attributesOfItem(atPath: file.path + "-wal")[.size] as? Int ?? 0
        }
        // Small commits stay in the WAL until one leaves it past 128 KiB, which empties it.
        for index in 0..<60 {
            let title = JSONValue.string("Loop \(index)")
            try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "L\(index)", ["title": title])])
        }
        #expect(try walBytes() < 192 * 1024)
        // Another connection (another process) sees every commit.
        #expect(try file.open().loops(LoopQuery()).count == 60)
        let events = (0..<3000).map { index in
            ImportedEvent(
                event: event(.noted, "2026-11-24T09:00:00Z", loop: "L\(index % 60)", id: "n\(index)", ["note": "n"]),
                line: index + 1
            )
        }
        #expect(try ledger.importEvents(events).added == 3000)
        #expect(try walBytes() == 0)
    }

    @Test func aNewLedgerTakesLargerPagesAndAnOlderOneKeepsItsOwn() throws {
        func pageSize(_ path: String) throws -> Int? {
            try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") }
        }
        let new = TemporaryLedger()
        try new.open().append([event(.created, "2026-11-23T09:00:00Z", loop: "L1", ["title": "One"])])
        #expect(try pageSize(new.path) == 8192)
        // A file begun with SQLite's default pages, as every ledger before: migrated and written as it is.
        let old = TemporaryLedger()
        try DatabaseQueue(path: old.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096; CREATE TABLE scratch (x); DROP TABLE scratch")
        }
        let ledger = try old.open()
        try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "L1", ["title": "One"])])
        #expect(try ledger.loop("L1")?.title == "One")
        #expect(try pageSize(old.path) == 4096)
    }

    @Test func anImportIntoAnEmptyLedgerLeavesItInWALModeStampedAndIndexed() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        func header() throws -> [String] {
            try DatabaseQueue(path: file.path).read { db in
                [
                    try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "",
                    try String.fetchOne(
                        db,
                        sql:
                            "SELECT application_id || ' ' || user_version FROM pragma_application_id, pragma_user_version"
                    ) ?? "",
                ]
                    + (try String.fetchAll(
                        db,
                        sql:
                            "SELECT name || ' ' || IFNULL(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name"
                    ))
            }
        }
        let before = try header()
        #expect(before.first == "wal")
        // A failed import into the empty ledger changes nothing, its header and indexes included.
        struct BadLine: Error {}
        #expect(throws: BadLine.self) {
            var count = 0
            _ = try ledger.importEvents {
                count += 1
                if count == 3 { throw BadLine() }
                return ImportedEvent(
                    event: event(.created, "2026-11-23T09:00:00Z", loop: "L\(count)", ["title": "x"]),
                    line: count
                )
            }
        }
        #expect(try ledger.loops(LoopQuery()).isEmpty)
        #expect(try header() == before)
        let events = (0..<50).map { index in
            ImportedEvent(
                event: event(.created, "2026-11-23T09:00:00Z", loop: "L\(index)", ["title": "x"]),
                line: index + 1
            )
        }
        #expect(try ledger.importEvents(events) == ImportSummary(added: 50, skipped: 0, loops: 50))
        #expect(try header() == before)
        var query = LoopQuery()
        query.owners = ["ana"]
        #expect(try file.open().loops(query).map(\.number) == Array(1...50))
    }

    @Test func anEmptyLedgerOpenElsewhereIsImportedThroughTheWAL() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        let other = try DatabaseQueue(path: file.path)
        try other.read { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM loops") }
        let imported = [ImportedEvent(event: event(.created, "2026-11-23T09:00:00Z", ["title": "x"]), line: 1)]
        #expect(try ledger.importEvents(imported).added == 1)
        #expect(try other.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM loops") } == 1)
    }

    @Test func aLedgerLeftWithARollbackJournalOpensBackInWALMode() throws {
        let file = TemporaryLedger()
        try file.open().append([event(.created, "2026-11-23T09:00:00Z", ["title": "x"])])
        // What a bulk import cut short leaves once its journal is rolled back: no stamp, no WAL.
        try DatabaseQueue(path: file.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA user_version = 0; PRAGMA journal_mode = DELETE")
        }
        #expect(try file.open().loops(LoopQuery()).map(\.title) == ["x"])
        let header = try DatabaseQueue(path: file.path).read { db in
            [try String.fetchOne(db, sql: "PRAGMA journal_mode"), try String.fetchOne(db, sql: "PRAGMA user_version")]
        }
        #expect(header == ["wal", "13"])
    }

    @Test func anImportKeepsTextExactly() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        let created = event(.created, "2026-11-23T09:00:00Z", loop: "Lé—1", id: "é😀x", ["title": "t"])
        #expect(try ledger.importEvents([ImportedEvent(event: created, line: 1)]).added == 1)
        #expect(try ledger.importEvents([ImportedEvent(event: created, line: 1)]).skipped == 1)
        #expect(try ledger.events(ofLoop: "Lé—1").map(\.id) == ["é😀x"])
        #expect(try ledger.events(ofLoop: "Lé").isEmpty)
    }

    @Test func importOntoAnExistingLoopFoldsInTimeOrder() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", ["title": "Fix"]), event(.done, "2026-11-26T09:00:00Z"),
        ])
        _ = try ledger.importEvents([ImportedEvent(event: event(.started, "2026-11-24T09:00:00Z"), line: 1)])
        let loop = try #require(try ledger.loop("1"))
        #expect(loop.state == .done)
        #expect(loop.startedAt == Timestamp.parse("2026-11-24T09:00:00Z"))
    }

    @Test func aRetractionAppendedOrImportedFoldsTheLoopAgainWithoutTheEvent() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", ["title": "Fix"]), event(.started, "2026-11-23T10:00:00Z"),
            event(.done, "2026-11-23T11:00:00Z", id: "d"),
        ])
        let undone = try ledger.append([event(.retracted, "2026-11-23T11:30:00Z", ["retracts": "d"])])
        #expect(undone.state == .active)
        #expect(try ledger.loop("1")?.state == .active)
        #expect(try ledger.loop("1", asOf: Timestamp.parse("2026-11-23T11:10:00Z"))?.state == .done)
        // The ledger keeps every event: the retraction takes back, it does not delete.
        #expect(try ledger.events(ofLoop: "L1").count == 4)
        _ = try ledger.importEvents([
            ImportedEvent(event: event(.retracted, "2026-11-23T11:40:00Z", ["retracts": "s-missing"]), line: 1),
            ImportedEvent(event: event(.noted, "2026-11-23T11:50:00Z", id: "n", ["note": "x"]), line: 2),
            ImportedEvent(event: event(.retracted, "2026-11-23T11:55:00Z", ["retracts": "n"]), line: 3),
        ])
        let loop = try #require(try ledger.loop("1"))
        #expect(loop.state == .active)
        #expect(loop.lastProgressAt == Timestamp.parse("2026-11-23T10:00:00Z"))
        #expect(loop.eventCount == 5, "the two events taken back no longer shape the loop")
    }

    @Test func aFileThatIsNotALedgerIsRefusedAndLeftAlone() throws {
        let file = TemporaryLedger()
        let text = "just some notes\n"
        try text.write(toFile: file.path, atomically: true, encoding: .utf8)
        #expect(throws: LedgerError.notALedger(path: file.path)) { try file.open() }
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == text)
    }

    @Test func aLedgerIsStampedInItsHeaderAndAnOlderOneIsStampedOnce() throws {
        let file = TemporaryLedger()
        _ = try file.open()
        let header = "SELECT * FROM pragma_application_id, pragma_user_version"
        func stamp() throws -> [Int] {
            try DatabaseQueue(path: file.path).read { db in
                try Row.fetchOne(db, sql: header).map { [$0[0], $0[1]] } ?? []
            }
        }
        #expect(try stamp() == [0x6F77_6E31, 13])
        // A ledger from before the stamp opens as it is, and is stamped on the way.
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "PRAGMA application_id = 0; PRAGMA user_version = 0")
        }
        try file.open().append([event(.created, "2026-11-23T09:00:00Z", ["title": "x"])])
        #expect(try stamp() == [0x6F77_6E31, 13])
        #expect(try file.open().loops(LoopQuery()).map(\.title) == ["x"])
    }

    @Test func aLedgerFromBeforeTagsAndNotesIsFoldedAgainOnce() throws {
        let file = TemporaryLedger()
        try file.open().append([
            event(.created, "2026-11-23T09:00:00Z", ["title": "x", "tags": ["pci"]]),
            event(.noted, "2026-11-23T10:00:00Z", ["note": "the HSM path"]),
        ])
        // As a version-2 ledger wrote it: a body without tags or notes, and no v3 migration.
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "UPDATE loops SET body = json_remove(body, '$.tags', '$.notes')")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3:%'")
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        let loop = try #require(try file.open().loops(LoopQuery()).first)
        #expect(loop.tags == ["pci"])
        #expect(loop.notes == ["the HSM path"])
        #expect(try file.open().loops(LoopQuery(text: "hsm")).count == 1)
    }

    /// A loop done, then dropped by someone else offline, kept its completion beside the drop (and
    /// counted as a promise kept): a ledger from before is folded again once.
    @Test func aLoopEndedTwiceKeepsItsLastEndingOnly() throws {
        let file = TemporaryLedger()
        try file.open().append([
            event(.created, "2026-11-23T09:00:00Z", ["title": "x"]),
            event(.done, "2026-11-24T09:00:00Z", ["outcome": "shipped"]),
            event(.dropped, "2026-11-24T09:00:01Z", ["reason": "not needed"]),
        ])
        #expect(try file.open().loops(LoopQuery()).first?.doneAt == nil)
        let stale = try #require(try file.open().loops(LoopQuery()).first)
        var kept = stale
        kept.doneAt = Timestamp.parse("2026-11-24T09:00:00Z")
        kept.outcome = "shipped"
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(
                sql: "UPDATE loops SET done = ?, body = ?",
                arguments: [kept.doneAt?.timeIntervalSince1970, kept.storageJSON]
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v8:%'")
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        let loop = try #require(try file.open().loops(LoopQuery()).first)
        #expect(loop.state == .dropped && loop.doneAt == nil && loop.outcome == nil)
        #expect(loop.closeReason == "not needed")
        #expect(try file.open().loops(LoopQuery(doneSince: Timestamp.parse("2026-11-01T00:00:00Z"))).isEmpty)
    }

    /// A ledger from before v10, as an older `own` left it: a loop filed under a decomposed key that a
    /// later note (filed composed) split in two, an owner named with blanks around them, and an owner's
    /// edit that took a loop out of waiting for approval. Opened now, each is as a fresh ledger folds it.
    @Test func aLedgerFromBeforeComposedKeysAndTrimmedNamesIsMadeWhole() throws {
        let file = TemporaryLedger()
        let (composed, decomposed) = ("caf\u{E9}", "cafe\u{301}")
        let ledger = try file.open()
        _ = try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", loop: composed, id: "e-\(composed)", ["title": "Café"])
        ])
        _ = try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", loop: "pad", ["title": "Padded", "owner": "bob"])
        ])
        _ = try ledger.append([
            event(
                .created,
                "2026-11-23T09:00:00Z",
                loop: "gate",
                ["title": "Gate", "stakes": "critical", "autonomy": 2]
            ),
            event(.edited, "2026-11-23T10:00:00Z", loop: "gate", ["stakes": "low", "autonomy": 5]),
        ])
        let fresh = try file.open().loops(LoopQuery()).sorted { $0.key < $1.key }
        #expect(fresh.map(\.key) == [composed, "gate", "pad"])
        #expect(fresh.first { $0.key == "gate" }?.state == .proposed)
        let noted = event(.noted, "2026-11-24T09:00:00Z", loop: composed, id: "n-1", ["note": "later"])
        try DatabaseQueue(path: file.path).write { db in
            // The key and id as written then, decomposed, and the note a command filed composed: a
            // second loop, numbered 4, with no creation.
            try db.execute(
                sql: "UPDATE events SET loop = ?, id = ?, line = replace(replace(line, ?, ?), ?, ?) WHERE loop = ?",
                arguments: [decomposed, "e-\(decomposed)", composed, decomposed, "Caf\u{E9}", "Caf\u{E9}", composed]
            )
            try db.execute(sql: "UPDATE loops SET key = ? WHERE key = ?", arguments: [decomposed, composed])
            try db.execute(
                sql: "INSERT INTO events (id, loop, at, line) VALUES (?, ?, ?, ?)",
                arguments: [noted.id, noted.loop, noted.at.timeIntervalSince1970, noted.jsonLine]
            )
            var split = try #require(Loop.fold([noted]))
            split.number = 4
            try Projection.write(db, split)
            // The owner as an older import took it, padded, and the edited loop as the old fold left it.
            try db.execute(sql: "UPDATE events SET line = replace(line, '\"bob\"', '\" bob \"') WHERE loop = 'pad'")
            try db.execute(
                sql: "UPDATE loops SET owner = ' bob ', body = json_set(body, '$.owner', ' bob ') WHERE key = 'pad'"
            )
            try db.execute(
                sql: """
                    UPDATE loops SET state = 'open', stakes = 'low',
                        body = json_set(body, '$.state', 'open', '$.stakes', 'low', '$.autonomy', 5) WHERE key = 'gate'
                    """
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v10:%'")
            try db.execute(sql: "PRAGMA user_version = 9")
        }
        let reopened = try file.open()
        let loops = try reopened.loops(LoopQuery()).sorted { $0.key < $1.key }
        #expect(loops.map(\.key) == [composed, "gate", "pad"])
        let cafe = try #require(loops.first)
        #expect(cafe.number == 1 && cafe.title == "Café" && cafe.notes == ["later"] && cafe.state == .open)
        #expect(try reopened.loop("4") == nil)
        #expect(try reopened.loop(decomposed)?.number == 1)
        #expect(try reopened.events(ofLoop: composed).map(\.id) == ["e-\(composed)", "n-1"])
        #expect(loops.first { $0.key == "pad" }?.owner == "bob")
        #expect(try reopened.loops(LoopQuery(owners: ["bob"])).map(\.key) == ["pad"])
        let gate = try #require(loops.first { $0.key == "gate" })
        #expect(gate.state == .proposed && gate.stakes == .critical && gate.autonomy == 2)
    }

    /// v11: a loop that ended while blocked kept its block's reason, which `--grep` matched.
    @Test func v11LeavesNoEndedLoopInABlock() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        _ = try ledger.append([event(.created, "2026-11-23T09:00:00Z", loop: "fix", ["title": "Fix deploy"])])
        _ = try ledger.append([event(.blocked, "2026-11-23T10:00:00Z", loop: "fix", ["reason": "waiting on infra"])])
        _ = try ledger.append([event(.done, "2026-11-23T11:00:00Z", loop: "fix", ["outcome": "shipped"])])
        #expect(try ledger.loops(LoopQuery(text: "infra")).isEmpty)
        try DatabaseQueue(path: file.path).write { db in
            // The projection as the fold before v11 left it.
            try db.execute(
                sql: "UPDATE loops SET body = json_set(body, '$.blockReason', 'waiting on infra') WHERE key = 'fix'"
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v11:%'")
            try db.execute(sql: "PRAGMA user_version = 10")
        }
        let reopened = try file.open()
        #expect(try reopened.loop("fix")?.blockReason == nil)
        #expect(try reopened.loops(LoopQuery(states: [.done], text: "infra")).isEmpty)
    }

    /// v12: a note on a loop nobody started counted as work before approval, for good.
    @Test func v12TakesANoteBeforeAnyStartOutOfWorkBeforeApproval() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        _ = try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", loop: "gate", ["title": "Gate", "stakes": "high"])
        ])
        _ = try ledger.append([event(.noted, "2026-11-24T10:00:00Z", loop: "gate", ["note": "waiting for lee"])])
        #expect(try ledger.loop("gate")?.actedBeforeApprovalAt == nil)
        try DatabaseQueue(path: file.path).write { db in
            // The projection as the fold before v12 left it.
            try db.execute(
                sql: """
                    UPDATE loops SET body = json_set(body, '$.actedBeforeApprovalAt', 1795514400) WHERE key = 'gate'
                    """
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v12:%'")
            try db.execute(sql: "PRAGMA user_version = 11")
        }
        #expect(try file.open().loop("gate")?.actedBeforeApprovalAt == nil)
    }

    /// v13: help asked of the loop's own owner (an import, a pull) counted as help asked, and
    /// silenced `stuck-alone` for good. Help asked of anyone else still counts.
    @Test func v13TakesHelpAskedOfTheOwnerOutOfHelpAsked() throws {
        let file = TemporaryLedger()
        let ledger = try file.open()
        _ = try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", loop: "fix", ["title": "Fix"]),
            event(.blocked, "2026-11-23T10:00:00Z", loop: "fix", ["reason": "vendor"]),
            event(.helpAsked, "2026-11-23T11:00:00Z", loop: "fix", ["from": "ana"]),
        ])
        #expect(try ledger.loop("fix")?.helpAskedAt == nil)
        _ = try ledger.append([event(.helpAsked, "2026-11-23T12:00:00Z", loop: "fix", ["from": "lee"])])
        #expect(try ledger.loop("fix")?.helpAskedFrom == "lee")
        _ = try ledger.append([
            event(.created, "2026-11-23T09:00:00Z", loop: "self", ["title": "Self"]),
            event(.blocked, "2026-11-23T10:00:00Z", loop: "self", ["reason": "vendor"]),
            event(.helpAsked, "2026-11-23T11:00:00Z", loop: "self", ["from": "ana"]),
        ])
        try DatabaseQueue(path: file.path).write { db in
            // The projection as the fold before v13 left it.
            try db.execute(
                sql: """
                    UPDATE loops SET body = json_set(body, '$.helpAskedAt', 1795518000, '$.helpAskedFrom', 'ana')
                    WHERE key = 'self'
                    """
            )
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE 'v13:%'")
            try db.execute(sql: "PRAGMA user_version = 12")
        }
        let reopened = try file.open()
        #expect(try reopened.loop("self")?.helpAskedAt == nil)
        #expect(try reopened.loop("fix")?.helpAskedFrom == "lee")
    }

    @Test func anotherProgramsDatabaseIsRefusedWhateverItsVersion() throws {
        let file = TemporaryLedger()
        try DatabaseQueue(path: file.path).write { db in
            try db.execute(sql: "CREATE TABLE notes (text TEXT); PRAGMA user_version = 1")
        }
        #expect(throws: LedgerError.notALedger(path: file.path)) { try file.open() }
        #expect(try DatabaseQueue(path: file.path).read { db in try db.tableExists("events") } == false)
        // One with an `events` table of its own (the import floor's, say): no ledger either, and
        // not "table events already exists" from a migration tried on it.
        let other = TemporaryLedger()
        try DatabaseQueue(path: other.path).write { db in
            try db.execute(sql: "CREATE TABLE events (id TEXT PRIMARY KEY, loop TEXT, at TEXT, line TEXT)")
        }
        #expect(throws: LedgerError.notALedger(path: other.path)) { try other.open() }
    }
}

/// Two commands making one ledger at the same moment: the slower one's migrations fail while the
/// faster one's apply, and are run again for as long as the other makes progress.
@Suite("Migrations raced by another command")
struct MigrationRaceTests {
    static let failure = DatabaseError(resultCode: .SQLITE_ERROR, message: "table events already exists")

    @Test func aFailedAttemptIsTriedAgainWhileAnotherCommandAppliesMigrations() throws {
        var attempts = 0
        var applied = [0, 3, 5]
        try SQLiteLedger.retryingWhileOthersProgress {
            attempts += 1
            if attempts < 3 { throw Self.failure }
        } progress: {
            applied.removeFirst()
        }
        #expect(attempts == 3)
    }

    @Test func aFailureWithNoProgressElsewhereIsThrownAfterOneMoreAttempt() {
        var attempts = 0
        #expect(throws: DatabaseError.self) {
            try SQLiteLedger.retryingWhileOthersProgress {
                attempts += 1
                throw Self.failure
            } progress: {
                4
            }
        }
        #expect(attempts == 2)
    }

    @Test func anErrorOtherThanSQLitesIsNotTriedAgain() {
        struct Other: Error {}
        var attempts = 0
        #expect(throws: Other.self) {
            try SQLiteLedger.retryingWhileOthersProgress {
                attempts += 1
                throw Other()
            } progress: {
                attempts
            }
        }
        #expect(attempts == 1)
    }
}

/// A change of journal mode that SQLite refuses at once while another command holds the file (two
/// commands making one new ledger) is tried again until the busy timeout, on an injected clock.
@Suite("Journal mode changes wait for another command")
struct BusyRetryTests {
    static let busy = DatabaseError(resultCode: .SQLITE_BUSY, message: "database is locked")
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aBusyRefusalIsTriedAgainAfterAPause() throws {
        var attempts = 0
        var pauses: [TimeInterval] = []
        let attempt = {
            attempts += 1
            if attempts < 4 { throw Self.busy }
            return "wal"
        }
        let result = try SQLiteLedger.retryingWhileBusy(
            for: 10,
            now: { Self.start },
            pause: { pauses.append($0) },
            attempt
        )
        #expect(result == "wal")
        #expect(attempts == 4)
        #expect(pauses.count == 3 && pauses.allSatisfy { $0 > 0 && $0 < 0.1 })
    }

    @Test func theRefusalIsThrownOnceTheTimeoutHasPassed() {
        var clock = Self.start
        var attempts = 0
        let attempt = {
            attempts += 1
            throw Self.busy
        }
        #expect(throws: DatabaseError.self) {
            try SQLiteLedger.retryingWhileBusy(for: 10, now: { clock }, pause: { clock += $0 * 1_000 }, attempt)
        }
        // Paused 5 s of this clock each time: tried at 0, 5 and 10 s, refused at 10.
        #expect(attempts == 3)
    }

    @Test func anotherErrorIsNotTriedAgain() {
        var attempts = 0
        let attempt = {
            attempts += 1
            throw DatabaseError(resultCode: .SQLITE_FULL)
        }
        #expect(throws: DatabaseError.self) {
            try SQLiteLedger.retryingWhileBusy(for: 10, now: { Self.start }, pause: { _ in }, attempt)
        }
        #expect(attempts == 1)
    }
}
