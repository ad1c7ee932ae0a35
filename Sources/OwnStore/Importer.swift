import Foundation
import GRDB
import GRDBSQLite
import OwnCore

/// Streams events into the ledger inside the caller's transaction: event rows are inserted as they
/// come, several to a statement (the unique id makes a re-import a no-op), each loop is folded in
/// memory, and the touched projections are written a few thousand loops at a time.
struct Importer {
    let db: Database
    let path: String
    /// Into an empty ledger: the projection's indexes (other than its keys) are dropped and built
    /// once at the end, in the same transaction, instead of updated for every loop.
    var bulk = false
    /// Takes the loops written, to be freed on the thread that read the file (`ReadAhead.run`): they
    /// hold the strings of its events, and each freed here went back to that thread's malloc arena
    /// under its lock while it allocated from it (the two threads queued on the lock 30,000 times in
    /// a million-event import).
    var giveBack: (consuming [Loop]) -> Void = { _ in }

    /// A loop the import adds events to, folded as they come. Held by reference: a file in time
    /// order comes to another loop at almost every event, and a value this size was copied into and
    /// out of memory's dictionary each time.
    final class Touched {
        var loop: Loop?
        let isNew: Bool
        var needsRefold = false
        /// The loop has a row in the projection: read from it, or written by this import.
        var hasRow = false
        /// Events still to come that the reading thread folded into `loop` already (`FoldedRun`).
        var foldedAhead = 0
        /// The line of the loop's `created` event in this file, when it has one.
        var createdLine: Int?
        /// When the loop was created: in the ledger, or by this file's `created` event.
        var createdAt: Date?
        /// The file's first event for the loop, for a loop that had none in the ledger.
        let firstLine: Int
        /// The earliest of the file's other events for the loop, with its line.
        var earliest: (at: Date, line: Int)?
        /// When the import last came to the loop's events (`taken` then): the loops least recently
        /// come to are written first when memory is full.
        var lastTaken = 0

        init(loop: Loop?, isNew: Bool, createdAt: Date?, firstLine: Int) {
            self.loop = loop
            self.isNew = isNew
            self.createdAt = createdAt
            self.firstLine = firstLine
        }
    }

    /// How many loops are kept in memory before the half least recently come to are written: memory
    /// stays bounded whatever the file's size, and a loop seen again is read back from the
    /// projection. In a file in time order (an export), a loop's events are spread over the weeks it
    /// was live; the loops live at once stay in memory, and each loop is read and written once.
    static let loopsInMemory = 2_000

    /// Events inserted by one statement: SQLite opens its cursors, and ends the statement, once
    /// for them all instead of once for each (measured: half the cost of an insert a row at a time).
    static let rowsPerInsert = 32

    /// Batches between two starts of writing the file's new pages behind (`WriteBehind`): 8,192
    /// events, a few megabytes of pages.
    static let batchesPerWriteBehind = 32

    /// Imports the events of each batch `forEachBatch` hands over, in order.
    func run(
        _ forEachBatch: ((UnsafeBufferPointer<ImportedEvent>) throws -> Void) throws -> Void
    ) throws -> ImportSummary {
        var summary = ImportSummary()
        var touched: [String: Touched] = [:]
        var loops: Set<String> = []
        // Loops let go before their `created` came (a file in no order): checked when it comes, or at
        // the end. A file in time order has none.
        var waiting: [String: (firstLine: Int, earliest: (at: Date, line: Int)?)] = [:]
        // A larger page cache for the one transaction: with SQLite's 2 MB default the growing id
        // index spills, and pages are written to the WAL again and again.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = \(SQLiteLedger.writingCache)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        // The import reads loops by key and events by id only, through their unique indexes, which
        // stay. The events' index by loop is dropped too when the file's first events are not held
        // together by loop (`heldByLoop`), and built again before a refold needs it (see `write`).
        let indexes = bulk ? try Self.droppedIndexes(db, table: "loops") : []
        var eventIndexes: [(name: String, sql: String)] = []
        var firstBatch = true
        var batches = 0
        // The file the transaction writes its pages to: the ledger itself in a bulk import, its WAL otherwise.
        let writeBehind = WriteBehind(path: bulk ? path : path + "-wal")
        var nextNumber = (try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(number), 0) + 1 FROM loops")) ?? 1
        // Events are never deleted and a rowid is taken only by a row written: the last seq is their count.
        summary.eventsBefore = try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(seq), 0) FROM events") ?? 0
        // With no projection to start from, a loop not yet written by this import has none to read.
        let noProjections = nextNumber == 1
        let inserts = try EventInserts(db)
        let stored = try db.makeStatement(sql: "SELECT line, seq FROM events WHERE id = ?")
        // The loop last come to: its next event (a file usually holds a loop's events together)
        // finds it without hashing its key.
        var current: (key: String, entry: Touched)?
        // Rows are inserted a statement ahead of their turn: a refold reads only the events taken
        // (each added event took the next seq, in order), not those stored ahead of them.
        var taken = summary.eventsBefore
        func writeTaken(_ entries: [(key: String, value: Touched)]) throws {
            try write(entries, through: taken, restoring: &eventIndexes, unchecked: waiting)
        }
        // Memory is full: the half least recently come to are written and let go.
        func writeOldestHalf() throws {
            let oldest = touched.map { (key: $0.key, lastTaken: $0.value.lastTaken) }
                .sorted { $0.lastTaken < $1.lastTaken }
                .prefix(touched.count / 2)
            let entries = oldest.compactMap { old in touched.removeValue(forKey: old.key).map { (old.key, $0) } }
            for (key, entry) in entries
            where entry.isNew && entry.createdLine == nil && !Event.personalKeys.contains(key) {
                waiting[key] = (entry.firstLine, entry.earliest)
            }
            try writeTaken(entries)
        }
        // The loop's entry in memory, made (from the ledger's projection, if the loop has one)
        // when the import comes to the loop for the first time or again after it was let go.
        func entryOf(_ key: String, line: Int) throws -> Touched {
            if let seen = touched[key] { return seen }
            if touched.count >= Self.loopsInMemory { try writeOldestHalf() }
            let written = !loops.insert(key).inserted
            let existing = noProjections && !written ? nil : try Projection.load(db, key: key)
            // A loop let go before its created came is new still: its projection is a placeholder.
            let before = waiting.removeValue(forKey: key)
            let entry = Touched(
                loop: existing,
                isNew: existing == nil || before != nil,
                createdAt: before == nil ? existing?.createdAt : nil,
                firstLine: before?.firstLine ?? line
            )
            entry.earliest = before?.earliest
            entry.hasRow = existing != nil
            touched[key] = entry
            return entry
        }
        func take(_ imported: UnsafePointer<ImportedEvent>, added: Bool) throws {
            // Read where the batch holds it: a copy retained each of the event's strings and its fields,
            // on the thread that did not make them.
            if !added {
                // The same event may be written otherwise (spaces, the order of its members): the team
                // server keeps its own form of a line an import kept as it was.
                let line = imported.pointee.text ?? imported.pointee.event.jsonLine
                let row = try Row.fetchOne(stored, arguments: [imported.pointee.event.id])
                let storedLine: String? = row?[0]
                guard
                    storedLine == line
                        || storedLine.flatMap({ try? Event(jsonLine: $0, checkingFields: false, makeID: { "" }) })
                            == imported.pointee.event
                else {
                    // Which it is: a row this import added came earlier in the file.
                    let seq: Int = row?[1] ?? 0
                    throw LedgerError.conflictingEvent(
                        id: imported.pointee.event.id,
                        line: imported.pointee.line,
                        inFile: seq > summary.eventsBefore
                    )
                }
                summary.skipped += 1
                return
            }
            summary.added += 1
            defer { taken += 1 }
            let entry: Touched
            if let current, current.key == imported.pointee.event.loop {
                entry = current.entry
            } else {
                entry = try entryOf(imported.pointee.event.loop, line: imported.pointee.line)
                entry.lastTaken = taken
                current = (imported.pointee.event.loop, entry)
            }
            // Facts about people (`Event.personalKeys`) are no loop and take no number.
            if try Self.add(imported, to: entry),
                !Event.personalKeys.contains(imported.pointee.event.loop)
            {
                entry.loop!.number = nextNumber
                nextNumber += 1
            }
        }
        try forEachBatch { batch in
            if firstBatch, bulk, !Self.heldByLoop(batch) { eventIndexes = try Self.droppedIndexes(db, table: "events") }
            firstBatch = false
            batches += 1
            if batches % Self.batchesPerWriteBehind == 0 { writeBehind?.start() }
            var start = 0
            while start < batch.count {
                let rows = UnsafeBufferPointer(rebasing: batch[start..<min(start + Self.rowsPerInsert, batch.count)])
                let added = try inserts.insert(rows, after: summary.eventsBefore + summary.added)
                // swift-format-ignore: NeverForceUnwrap
                // A batch is never empty.
                for index in rows.indices { try take(rows.baseAddress! + index, added: added[index]) }
                start += rows.count
            }
        }
        try writeTaken(Array(touched))
        if let (key, never) = waiting.min(by: { $0.value.firstLine < $1.value.firstLine }) {
            throw LedgerError.brokenHistory(line: never.firstLine, reason: Self.noCreated(key))
        }
        try Self.create(indexes + eventIndexes, db)
        summary.loops = loops.subtracting(Event.personalKeys).count
        return summary
    }

    /// Creates the indexes with SQLite's default page cache (2 MB) meanwhile: SQLite sorts an
    /// index's entries in memory up to the cache's size, and a million events' would take the
    /// import past its memory. One more thread sorts beside this one (the file's reader is done by
    /// then). The import's cache is `SQLiteLedger.writingCache` again afterwards, and the connection
    /// one thread.
    private static func create(_ indexes: [(name: String, sql: String)], _ db: Database) throws {
        try db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA threads = 1")
        for index in indexes { try db.execute(sql: index.sql) }
        try db.execute(sql: "PRAGMA cache_size = \(SQLiteLedger.writingCache); PRAGMA threads = 0")
    }

    /// Whether a file's events come a loop at a time (as `Benchmarks/generate_ledger.py` and a tool
    /// writing each loop's history write them), judged by its first batch: runs of four events or
    /// more on a loop, on average. Their index by loop then grows at its end, which costs the import
    /// less than building it after (measured on a million events: 2.86 s -> 2.67 s); in time order (an
    /// export), each event lands anywhere in it, and building it at the end is faster (3.75 s, not 4.37).
    static func heldByLoop(_ batch: UnsafeBufferPointer<ImportedEvent>) -> Bool {
        var changes = 0
        for index in batch.indices.dropFirst() where batch[index].event.loop != batch[index - 1].event.loop {
            changes += 1
        }
        return changes * 4 <= batch.count
    }

    /// Drops the indexes of `table` that SQLite does not keep for a key or a unique column, and
    /// returns them to be created again.
    private static func droppedIndexes(_ db: Database, table: String) throws -> [(name: String, sql: String)] {
        let indexes = try Row.fetchAll(
            db,
            sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            arguments: [table]
        ).map { (name: $0[0] as String, sql: $0[1] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \"\(index.name)\"") }
        return indexes
    }

    /// Writes the projections of loops taken from memory, in the order they were first seen. A
    /// refold reads the loop's events by loop: the dropped `indexes` of the events are created first.
    private func write(
        _ entries: [(key: String, value: Touched)],
        through seq: Int,
        restoring indexes: inout [(name: String, sql: String)],
        unchecked waiting: [String: (firstLine: Int, earliest: (at: Date, line: Int)?)]
    ) throws {
        let entries = entries.sorted { $0.value.firstLine < $1.value.firstLine }
        for (key, entry) in entries where waiting[key] == nil { try Self.checkHistory(entry, key: key) }
        if !indexes.isEmpty, entries.contains(where: { $0.value.needsRefold }) {
            try Self.create(indexes, db)
            indexes = []
        }
        // A loop with no row yet is inserted plainly. INSERT OR REPLACE, on a table with two unique
        // keys (number and key), keeps a statement journal: each row's statement first copied the
        // pages it changed to a file of its own (268 MB for a million-event import, 65,000 writes).
        let (replacing, inserting) = (try Projection.loopWriter(db), try Projection.loopWriter(db, replacing: false))
        var written: [Loop] = []
        written.reserveCapacity(entries.count)
        defer { giveBack(written) }
        for (key, entry) in entries {
            // Moved out of the entry, which is let go: a copy retained each of its strings and lists.
            guard var loop = entry.loop.take() else { continue }
            if entry.needsRefold, var refolded = try Projection.refold(db, key: key, through: seq) {
                refolded.number = loop.number
                loop = refolded
            }
            try Projection.write(loop, with: entry.hasRow ? replacing : inserting)
            written.append(loop)
        }
    }

    /// Adds an event to its loop's entry: checked (`track`), then applied in order, or the loop
    /// marked to be folded again from its events. True when the event began the loop, which then
    /// needs a number. A loop that begins here takes the loop the reading thread folded from the run
    /// of events its `created` begins (`FoldAhead`), and the run's other events are only checked. Each
    /// of them is added: it is later than the one before it, so it repeats no line of its run, and a
    /// line stored before (same id, same content) would be this loop's, which then began earlier.
    ///
    /// The checks read the event's members where the batch holds it. `apply` and `Loop(first:)` are
    /// still given a copy (a value read through a pointer and passed to a function is copied first, and
    /// a `borrowing` parameter does not change that): about 5% of this thread's cycles.
    private static func add(_ imported: UnsafePointer<ImportedEvent>, to entry: Touched) throws -> Bool {
        try track(imported, in: entry)
        if entry.foldedAhead > 0 {
            entry.foldedAhead -= 1
            return false
        }
        guard let lastEventAt = entry.loop?.lastEventAt else {
            if let folded = imported.pointee.folded, let loop = folded.loop.take() {
                entry.loop = loop
                entry.foldedAhead = folded.count - 1
            } else {
                entry.loop = Loop(first: imported.pointee.event)
            }
            return true
        }
        let (at, type) = (imported.pointee.event.at, imported.pointee.event.type)
        if at <= lastEventAt || type.needsRefold { entry.needsRefold = true }
        if !entry.needsRefold { entry.loop!.apply(imported.pointee.event) }
        return false
    }

    /// Notes what the loop's history needs checked once the file is read: a second `created` is
    /// refused at once (a loop already in the ledger has its own).
    private static func track(_ imported: UnsafePointer<ImportedEvent>, in entry: Touched) throws {
        let (at, type, line) = (imported.pointee.event.at, imported.pointee.event.type, imported.pointee.line)
        if type == .created {
            if entry.createdLine != nil || !entry.isNew {
                throw LedgerError.brokenHistory(
                    line: line,
                    reason: "loop \(TextEscaping.quoted(imported.pointee.event.loop)) already has a created event; "
                        + "give this loop another key, or use an edited event to change its fields"
                )
            }
            entry.createdLine = line
            entry.createdAt = at
        } else if entry.earliest.map({ at < $0.at }) ?? true {
            entry.earliest = (at, line)
        }
    }

    static func noCreated(_ key: String) -> String {
        "loop \(TextEscaping.quoted(key)) has no created event; every loop starts with one"
    }

    /// Refuses a loop with no `created` event, or with an event dated before its creation (facts about
    /// people under `Event.personalKeys` are no loop and are not checked).
    private static func checkHistory(_ entry: Touched, key: String) throws {
        // Time off and declines are facts about people, with no loop and no `created` event.
        if Event.personalKeys.contains(key) { return }
        if entry.isNew, entry.createdLine == nil {
            throw LedgerError.brokenHistory(line: entry.firstLine, reason: noCreated(key))
        }
        if let earliest = entry.earliest, let createdAt = entry.createdAt, earliest.at < createdAt {
            throw LedgerError.brokenHistory(
                line: earliest.line,
                reason: "this event is dated before loop \(TextEscaping.quoted(key)) was created "
                    + "(\(Timestamp.format(createdAt))); check its \"at\""
            )
        }
    }
}
