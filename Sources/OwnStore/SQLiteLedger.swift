public import Foundation
import GRDB
public import OwnCore
import Synchronization

/// The embedded ledger: one SQLite file in WAL mode. An append-only `events` table, and a `loops`
/// projection updated in the same transaction, indexed so reads do not grow with history.
public struct SQLiteLedger: Ledger {
    /// Where the file is.
    public let path: String
    private let queue: DatabaseQueue
    /// How long a write waits for another command's (`init`).
    private let busyTimeout: TimeInterval

    /// How long a command waits, by default, for another one's write lock before it gives up.
    public static let defaultBusyTimeout: TimeInterval = 10

    /// Connections a command keeps until its process exits (see `keptOpen`).
    private static let kept = Mutex<[DatabaseQueue]>([])

    /// Opens (creating when absent) the ledger at `path` and brings its schema up to date.
    /// A write waits up to `busyTimeout` seconds for another process's write to finish.
    ///
    /// `keptOpen` keeps the connection until the process exits, for a command that opens one
    /// ledger and ends: closing the last connection makes SQLite copy the WAL into the file with two
    /// fsyncs and delete the WAL, which the next write creates and syncs again. Left open, the WAL
    /// keeps the commits (a crash of the process loses none, as before), and a write that leaves it
    /// past 128 KiB copies it back and empties it (see `emptyWAL`).
    public init(path: String, busyTimeout: TimeInterval = Self.defaultBusyTimeout, keptOpen: Bool = false) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL keeps every committed transaction through a crash of the process
            // (SIGKILL included); only a power cut may lose the last commits, never consistency.
            //
            // A small page cache: a command reads each page once or twice, and every page read into
            // a cache that still grows lands in heap memory never touched before, a page fault each
            // (2 to 3 µs here). Recycled within 16 pages, reads reuse the same memory: `own doctor`
            // took 18,700 faults instead of 26,900 with 64 pages; 16 spare `own list` and the
            // reports 45 to 54 more, with the same instructions (a page read again comes from the
            // file's OS cache) and the same WAL frames for `own add` and `own note` (measured: no
            // page spilled). The import and the migrations, which write many pages in one
            // transaction, set a larger one.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = \(Self.cachePages)")
        }
        configuration.label = "own-ledger"
        // A ledger this user can write neither nor beside (a backup, a colleague's copy), with no WAL
        // beside it: SQLite could not make the WAL's index, so it is read as a file that does not
        // change (`immutable`), and any write is refused as read-only.
        let copy = Self.isReadOnlyCopy(path)
        configuration.readonly = copy
        do {
            queue = try DatabaseQueue(path: copy ? Self.immutableURI(path) : path, configuration: configuration)
            if keptOpen { Self.kept.withLock { $0.append(queue) } }
            let migrator = Schema.migrator
            // The header says whose file it is (application_id) and how many migrations it has had
            // (user_version): an up-to-date ledger opens with two reads of its first page instead
            // of queries on grdb_migrations. Anything else goes through the migrator's checks.
            let stamp = Self.stamp
            let stamped = try queue.inDatabase { db in
                try Int.fetchOne(db, sql: "PRAGMA application_id") == Schema.applicationID
                    && Int.fetchOne(db, sql: "PRAGMA user_version") == migrator.migrations.count
            }
            guard !stamped else { return }
            if copy {
                // Read as it is when its schema is up to date (a copy may lack the stamp a WAL held);
                // a migration would have to write. Another kind of file is named as such first.
                try queue.read { try Self.refuseOtherFiles($0, path: path) }
                guard try queue.read(migrator.hasCompletedMigrations) else { throw LedgerError.readOnly(path: path) }
                return
            }
            // A command making the same new ledger at this moment can make `grdb_migrations` between
            // two reads of the migrator's ("no such table"): the next attempt finds it.
            let applied = { (try? queue.read { try migrator.appliedIdentifiers($0).count }) ?? 0 }
            let current = try Self.retryingWhileOthersProgress(
                {
                    try queue.read { db in
                        try Self.refuseOtherFiles(db, path: path)
                        if try migrator.hasBeenSuperseded(db) { throw LedgerError.newerSchema(path: path) }
                        return try migrator.hasCompletedMigrations(db)
                    }
                },
                progress: applied
            )
            if current {
                // A ledger from before the stamp, or one whose bulk import was cut short (which left
                // it with a rollback journal): in WAL mode and stamped once, when the file is writable.
                putInWALAndStamp()
                return
            }
            // WAL is a property of the file: set once here, so that reads never write. (GRDB's
            // `journalMode = .wal` makes every opening write to the file when the WAL is empty.)
            // So is the page size, which a new file takes before its first table (a ledger made
            // before keeps its own).
            try Self.retryingWhileBusy(for: busyTimeout) {
                try queue.writeWithoutTransaction { db in
                    try db.execute(
                        sql: """
                            PRAGMA page_size = \(Self.pageSize); PRAGMA journal_mode = WAL;
                            PRAGMA cache_size = \(Self.writingCache)
                            """
                    )
                }
            }
            // Of two commands making (or upgrading) one ledger at the same moment, the slower ran a
            // migration the other had just applied ("table events already exists"): the migrator
            // reads what has been applied, then runs the rest in a transaction each.
            try Self.retryingWhileOthersProgress({ try migrator.migrate(queue) }, progress: applied)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = \(Self.cachePages); \(stamp)")
            }
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `attempt`; when it fails with an SQLite error, runs it again once, and then for as long as
    /// `progress` (work another process does meanwhile: migrations applied) grows between attempts.
    static func retryingWhileOthersProgress<T>(_ attempt: () throws -> T, progress: () -> Int) throws -> T {
        var seen: Int?
        while true {
            do {
                return try attempt()
            } catch let error as DatabaseError {
                let now = progress()
                if let seen, now <= seen { throw error }
                seen = now
            }
        }
    }

    /// Runs `attempt` again while SQLite refuses it as busy, for up to `timeout` seconds by `now`,
    /// pausing between attempts. A change of journal mode takes the whole file, and SQLite refuses
    /// it at once while another connection holds the file, without the wait its busy timeout gives
    /// reads and writes: of two commands making one new ledger at the same moment, the slower one
    /// failed in 10 ms ("stayed busy"), 14 times in 60.
    static func retryingWhileBusy<T>(
        for timeout: TimeInterval,
        now: () -> Date = Date.init,
        pause: (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
        _ attempt: () throws -> T
    ) throws -> T {
        let deadline = now().addingTimeInterval(timeout)
        while true {
            do {
                return try attempt()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && now() < deadline {
                pause(0.005)
            }
        }
    }

    /// Whether `path` is a ledger file in a folder this user cannot write, with no WAL beside it
    /// (SQLite cannot make one there, even for a file they may write: a lone copy on a read-only
    /// mount read as "read-only") or, for a file they cannot write either, an empty one (whose
    /// commits an immutable read would miss otherwise).
    /// Every command opens the ledger: for a file in a folder it may write (or one not there yet)
    /// this costs one or two `access` calls.
    static func isReadOnlyCopy(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) != 0, access(path, F_OK) == 0 else { return false }
        var status = stat()
        guard stat(path + "-wal", &status) == 0 else { return true }
        return access(path, W_OK) != 0 && status.st_size == 0
    }

    /// SQLite's URI for reading `path` as a file nobody changes, its `?`, `#` and `%` escaped.
    static func immutableURI(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:" + escaped + "?immutable=1"
    }

    /// The page cache of a command's connection, in pages (see `init`).
    static let cachePages = 16

    /// The page size of a new ledger, in bytes. Twice SQLite's default: a million-event import
    /// writes its 380 MB in half the calls, and its rows and indexes take fewer pages (measured in
    /// `Benchmarks/run.py`: the import a tenth faster, the everyday commands as before).
    static let pageSize = 8_192

    /// The page cache of a transaction that writes many pages (the import, the migrations), in KiB
    /// (negative): with 64 pages it would spill pages to the WAL and write them again as it changes
    /// them, and with SQLite's 2 MB default the import's growing id index spills.
    static let writingCache = -32_768

    /// The header's stamp of an up-to-date ledger (see `init`).
    private static let stamp =
        "PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = \(Schema.migrator.migrations.count)"

    /// Refuses a file that is no ledger, before its migrations are looked at (which read another
    /// program's as written by a newer own): own-server's store ("owns", kept in the same folder),
    /// and tables without the ledger's first migration (another program's, another GRDB program's,
    /// an `events` table of its own included). An empty file is a new ledger.
    static func refuseOtherFiles(_ db: Database, path: String) throws {
        if try Int.fetchOne(db, sql: "PRAGMA application_id") == serverStoreID {
            throw LedgerError.serverStore(path: path)
        }
        guard try !isEmpty(db) else { return }
        guard try db.tableExists("grdb_migrations") else { throw LedgerError.notALedger(path: path) }
        // Made this moment by another command, its first migration not committed yet: a ledger to be.
        let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        if !applied.isEmpty, let first = Schema.migrator.migrations.first, !applied.contains(first) {
            throw LedgerError.notALedger(path: path)
        }
    }

    /// The application_id of own-server's store (TeamStore's `TeamSchema` stamps it): "owns" in ASCII.
    public static let serverStoreID = 0x6F77_6E73

    /// A ledger's application_id ("own1"), for the server's store to tell one given it by mistake.
    public static let applicationID = Schema.applicationID

    private static func isEmpty(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0
    }

    /// Runs a store operation, turning SQLite's errors into `LedgerError`s and letting a
    /// command's own refusal through unchanged.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// SQLite's file beside a database (its `-wal` or `-shm`) that this user cannot write while the
    /// database itself is writable: a read while the database was read-only made it so, and every
    /// write after failed as if the database still were.
    public static func unwritableSideFile(of path: String) -> String? {
        guard access(path, W_OK) == 0 else { return nil }
        return [path + "-wal", path + "-shm"].first { access($0, F_OK) == 0 && access($0, W_OK) != 0 }
    }

    static func translate(_ error: any Error, path: String) -> any Error {
        if error is LedgerError { return error }
        guard let database = error as? DatabaseError else { return error }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return LedgerError.locked(path: path)
        case .SQLITE_READONLY:
            if let file = unwritableSideFile(of: path) { return LedgerError.readOnlySideFile(path: path, file: file) }
            return LedgerError.readOnly(path: path)
        case .SQLITE_FULL: return LedgerError.diskFull(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return LedgerError.notALedger(path: path)
        case .SQLITE_CANTOPEN: return LedgerError.cannotOpen(path: path, reason: cannotOpenReason(of: path))
        case .SQLITE_IOERR:
            // A write that ran past `ulimit -f` or a full disk surfaces as an I/O error.
            return LedgerError.storage(
                path: path,
                reason:
                    "a disk read or write failed (is the disk full, or the file past its size limit?); nothing was written"
            )
        default:
            return LedgerError.storage(path: path, reason: database.message ?? "SQLite error \(database.resultCode)")
        }
    }

    /// Why SQLite could not open the file at `path`: one this user may not read (a store made by
    /// root, served by a service's user), or else a folder that is not there or not writable.
    public static func cannotOpenReason(of path: String) -> String {
        if access(path, F_OK) == 0, access(path, R_OK) != 0 {
            return "this user may not read the file (permission denied); run as its owner, or give this user "
                + "read and write access to it"
        }
        return "check that the folder exists and is writable"
    }

    /// SQLite's own check of the whole file: `["ok"]` when every page and index is sound.
    public func integrityCheck() throws -> [String] {
        try guarded { try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } }
    }

    // MARK: Writing

    @discardableResult
    public func append(_ events: [Event], check: (Loop?, Event) throws -> Void) throws -> Loop {
        guard let last = events.last?.loop else { throw LedgerError.storage(path: path, reason: "nothing to append") }
        // As a push takes them: a longer event would stop every sync of this ledger for good.
        if let long = events.map(\.jsonLine.utf8.count).first(where: { $0 > Event.longestPushedLine }) {
            throw LedgerError.tooLong(bytes: long)
        }
        // Each loop's events in the order given, the loops in the order they first come.
        var keys: [String] = []
        let byLoop = Dictionary(grouping: events, by: \.loop)
        for event in events where !keys.contains(event.loop) { keys.append(event.loop) }
        let appended = try guarded {
            try queue.write { db in
                var folded: [String: Loop] = [:]
                for key in keys {
                    // swift-format-ignore: NeverForceUnwrap
                    // Grouped from these events.
                    folded[key] = try Self.append(byLoop[key]!, of: key, db, check: check)
                }
                // swift-format-ignore: NeverForceUnwrap
                // The last event's loop was folded above.
                return folded[last]!
            }
        }
        emptyWAL(ifOver: 128 * 1024)
        return appended
    }

    /// Appends one loop's events inside the caller's transaction, and returns the loop folded.
    private static func append(
        _ events: [Event],
        of key: String,
        _ db: Database,
        check: (Loop?, Event) throws -> Void
    ) throws -> Loop {
        let stored = try Projection.load(db, key: key)
        var loop = stored
        var outOfOrder = false
        for event in events {
            try check(loop, event)
            // As an import checks it (`Importer`): a teammate's pull of it would fail.
            if let current = loop, event.type != .created, !Event.personalKeys.contains(key),
                event.at < current.createdAt
            {
                throw LedgerError.datedBeforeCreation(
                    key: TextEscaping.quoted(key),
                    createdAt: Timestamp.format(current.createdAt)
                )
            }
            if let current = loop {
                outOfOrder =
                    try outOfOrder || event.type.needsRefold
                    || !Projection.foldsLast(db, event, after: current, batch: events)
                loop!.apply(event)
            } else {
                loop = Loop(first: event)
            }
        }
        try Projection.insertEvents(db, events)
        if outOfOrder { loop = try Projection.refold(db, key: key) }
        try Projection.save(db, &loop!, isNew: stored == nil)
        return loop!
    }

    /// Copies the WAL into the file and empties it once it is past `limit` bytes. Every process that
    /// opens the ledger reads the whole WAL to rebuild its index (SQLite's own checkpoints copy it
    /// but keep it, since a new process cannot know what was copied), so it must stay small; doing
    /// it every few writes spares the others its two fsyncs.
    private func emptyWAL(ifOver limit: Int) {
        var status = stat()
        guard stat(path + "-wal", &status) == 0, Int(status.st_size) > limit else { return }
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    public func importEvents(_ next: () throws -> ImportedEvent?) throws -> ImportSummary {
        try guarded {
            let bulk = try startBulkImport()
            let summary: ImportSummary
            do {
                // The file is read and parsed on another thread, which also folds the runs of events
                // that begin a loop (`FoldAhead`), while this one folds the rest and writes.
                summary = try withoutActuallyEscaping(next) { next in
                    var ahead = FoldAhead(next)
                    return try ReadAhead.run({ try ahead() }) { forEachBatch, giveBack in
                        try queue.write { db in
                            try Importer(db: db, path: path, bulk: bulk, giveBack: giveBack).run(forEachBatch)
                        }
                    }
                }
            } catch {
                if bulk { putInWALAndStamp() }
                throw error
            }
            if bulk { putInWALAndStamp() } else { emptyWAL(ifOver: 0) }
            return summary
        }
    }

    /// An import into a ledger with no events, when no other connection has it open, is written
    /// with a rollback journal instead of the WAL: the file's new pages are written once, not to
    /// the WAL and then again into the file, and a crash still leaves the ledger as it was (the
    /// journal is rolled back on the next opening). The header's stamp is taken off first, so the
    /// opening after a crash puts the file back in WAL mode (see `init`).
    private func startBulkImport() throws -> Bool {
        guard try !holdsEvents() else { return false }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA user_version = 0")
            // Another connection keeps the file in WAL mode: then the import goes through the WAL.
            let mode = try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            if mode == "delete" { return true }
            try db.execute(sql: Self.stamp)
            return false
        }
    }

    public func eventCount() throws -> Int {
        // Events are never deleted, and a seq is taken only by a row written: the last is their count.
        try guarded {
            try queue.read { db in try Int.fetchOne(db, sql: "SELECT IFNULL(MAX(seq), 0) FROM events") ?? 0 }
        }
    }

    public func holdsEvent(id: String) throws -> Bool {
        try guarded {
            try queue.read { db in
                try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)", arguments: [id])
                    ?? false
            }
        }
    }

    public func holdsLoops(of person: String) throws -> Bool {
        try guarded {
            try queue.read { db in
                // Each through its index (loops_by_owner, loops_by_delegator).
                let now =
                    try Bool.fetchOne(
                        db,
                        sql: """
                            SELECT EXISTS (SELECT 1 FROM loops WHERE owner = ?1)
                                OR EXISTS (SELECT 1 FROM loops WHERE delegatedBy = ?1)
                            """,
                        arguments: [person]
                    ) ?? false
                if now { return true }
                // Someone a loop was handed off to, or given by an edit, who no longer has it, or who
                // recorded anything: read from the events, only for a name no loop has now (a
                // misspelled one), the lines that hold it first.
                return try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (
                            SELECT 1 FROM events WHERE instr(line, ?2) > 0 AND ?1 IN (
                                json_extract(line, '$.by'), json_extract(line, '$.to'), json_extract(line, '$.owner')
                            )
                        )
                        """,
                    arguments: [person, JSONWriter.string(.string(person))]
                ) ?? false
            }
        }
    }

    /// True when the ledger has at least one event (a loop, time off or a decline).
    /// Whether the file at `path` holds events, read only (its WAL too, nothing written): for a
    /// ledger that cannot be opened to write (a full disk: the opening's checks write). An empty file,
    /// or one with no events table, holds none; nil when it cannot be read at all.
    public static func holdsEvents(readingOnly path: String) -> Bool? {
        var configuration = Configuration()
        configuration.readonly = true
        func read(_ location: String) -> Bool? {
            guard let queue = try? DatabaseQueue(path: location, configuration: configuration) else { return nil }
            return try? queue.read { db in
                guard try db.tableExists("events") else { return false }
                return try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)") ?? false
            }
        }
        if let holds = read(path) { return holds }
        // Its WAL's index could not be used (a file size limit): with nothing in the WAL, the file
        // alone holds all there is, read as it lies.
        var status = stat()
        guard stat(path + "-wal", &status) != 0 || status.st_size == 0 else { return nil }
        return read(immutableURI(path))
    }

    public func holdsEvents() throws -> Bool {
        try guarded {
            try queue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)") ?? false }
        }
    }

    /// Puts the file (back) in WAL mode and stamps its header: after a bulk import, and on opening a
    /// ledger without the stamp. When it cannot (a read-only file), the next opening tries again.
    private func putInWALAndStamp() {
        try? Self.retryingWhileBusy(for: busyTimeout) {
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                try db.execute(sql: Self.stamp)
            }
        }
    }

    // MARK: Reading

    public func exportEvents(_ write: (String) throws -> Void) throws {
        try guarded {
            try queue.read { db in
                let cursor = try String.fetchCursor(db, sql: "SELECT line FROM events ORDER BY seq")
                while let line = try cursor.next() { try write(line) }
            }
        }
    }

    public func loop(_ reference: String, asOf: Date?) throws -> Loop? {
        try guarded {
            try queue.read { db in
                var body: String?
                let key: String
                switch LoopReference(reference) {
                case .number(let number):
                    body = try String.fetchOne(db, sql: "SELECT body FROM loops WHERE number = ?", arguments: [number])
                    // A key that reads as a number predates the rule against such keys, and digits
                    // with no loop of that number may start a key (`7777` of `7777wxyz`).
                    key = reference.trimming(.spaces)
                case .key(let typed):
                    key = typed
                }
                if body == nil {
                    body = try String.fetchOne(db, sql: "SELECT body FROM loops WHERE key = ?", arguments: [key])
                }
                // Else the start of a key: the keys in its range, through the key's index.
                if body == nil, key.count >= KeyPrefix.minimumLength {
                    let keys = try String.fetchAll(
                        db,
                        sql: "SELECT key FROM loops WHERE key >= ? AND key < ? ORDER BY key LIMIT ?",
                        arguments: [key, key + "\u{10FFFF}", KeyPrefix.candidatesFetched]
                    )
                    if let whole = try KeyPrefix.resolve(key, among: keys) {
                        body = try String.fetchOne(db, sql: "SELECT body FROM loops WHERE key = ?", arguments: [whole])
                    }
                }
                guard let body else { return nil }
                let loop = try Projection.decode(body, path: path)
                guard let asOf, loop.lastEventAt > asOf else { return loop }
                return try Self.refold([(loop.number, loop.key)], asOf: asOf, db: db, path: path).first
            }
        }
    }

    public func retractionsVoided(after seq: Int) throws -> [(retraction: Event, why: String)] {
        try guarded {
            try queue.read { db in
                // The loops the later events reached that held a retraction already: through the index
                // by loop, only the events of the loops reached are read.
                let keys = try String.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT loop FROM events WHERE seq <= ? AND json_extract(line, '$.type') = 'retracted'
                            AND loop IN (SELECT DISTINCT loop FROM events WHERE seq > ?) ORDER BY loop
                        """,
                    arguments: [seq, seq]
                )
                var voided: [(retraction: Event, why: String)] = []
                for key in keys {
                    let rows = try Row.fetchAll(
                        db,
                        sql: "SELECT seq, line FROM events WHERE loop = ? ORDER BY seq",
                        arguments: [key]
                    )
                    let events = try rows.map {
                        (place: $0[0] as Int, event: try Projection.decodeEvent($0[1], path: path))
                    }
                    let before = Event.voidedRetractions(
                        Event.inFoldOrder(events.filter { $0.place <= seq }.map(\.event))
                    )
                    let now = Event.voidedRetractions(Event.inFoldOrder(events.map(\.event)))
                    for entry in events where entry.place <= seq && before[entry.event.id] == nil {
                        if let why = now[entry.event.id] { voided.append((entry.event, why)) }
                    }
                }
                return voided
            }
        }
    }

    public func loops(_ query: LoopQuery, asOf: Date?) throws -> [Loop] {
        // As of an instant, the loops with no event after it are as the projection holds them (the
        // everyday case, when it is now: all of them); the few with later events, found through the
        // index on `changed`, are folded again from their events up to it, and the query applied to
        // what they were then.
        let (sql, arguments) = LoopQuerySQL.select(query, changedUntil: asOf)
        return try guarded {
            try queue.read { db in
                let reading = query.sqlOnlyNarrows ? .whole : query.reading
                // Room for a list's loops from the start: grown by doubling, each new buffer was
                // memory never touched, a page fault for every 4 kB copied into it (about 27 for
                // 158 loops, ~0.2 ms). Reserved, only the pages the loops fill are ever touched.
                var loops: [Loop] = []
                loops.reserveCapacity(1024)
                var decoding = SharedDecoding(path: path, reading: reading)
                try Projection.forEachBody(db, sql: sql, arguments: arguments) { body in
                    try decoding.take(body, into: &loops)
                }
                loops += try decoding.finish()
                // The SQL only narrows a search for text or a due day in a zone: the exact test is the
                // one every store shares.
                if query.sqlOnlyNarrows { loops = loops.filter(query.matches) }
                if let asOf {
                    let later = try Projection.changed(after: asOf, db)
                    loops += try Self.refold(later, asOf: asOf, db: db, path: path).filter(query.matches)
                }
                // The loops swapped into place, not moved through a sort: each is large.
                let numbers = loops.map(\.number)
                loops.arrange(numbers.stableOrder(by: <))
                return loops
            }
        }
    }

    /// Some loops as they were at `asOf`, folded from their events up to it; those created later are
    /// left out.
    private static func refold(
        _ loops: [(number: Int, key: String)],
        asOf: Date,
        db: Database,
        path: String
    ) throws -> [Loop] {
        guard !loops.isEmpty else { return [] }
        let events = try Self.events(ofLoops: loops.map(\.key), since: nil, until: asOf, db: db, path: path)
        let byLoop = Dictionary(grouping: events, by: \.loop)
        return loops.compactMap { number, key in
            guard var loop = Loop.fold(byLoop[key] ?? [], asOf: asOf) else { return nil }
            loop.number = number
            return loop
        }
    }

    public func events(ofLoops keys: [String], since: Date?, until: Date?) throws -> [Event] {
        try guarded {
            try queue.read { db in try Self.events(ofLoops: keys, since: since, until: until, db: db, path: path) }
        }
    }

    private static func events(
        ofLoops keys: [String],
        since: Date?,
        until: Date?,
        db: Database,
        path: String
    ) throws -> [Event] {
        // One statement for all the loops (the keys as a JSON array; SQLite seeks each in the index),
        // not one per loop: a report reads the events of a hundred loops.
        let lines = try String.fetchCursor(
            db,
            sql: """
                SELECT line FROM events WHERE loop IN (SELECT value FROM json_each(?)) AND at >= ? AND at <= ?
                ORDER BY at, seq
                """,
            arguments: [
                JSONWriter.string(.array(keys.map(JSONValue.string))),
                since?.timeIntervalSince1970 ?? -Double.greatestFiniteMagnitude,
                until?.timeIntervalSince1970 ?? Double.greatestFiniteMagnitude,
            ]
        )
        var events: [Event] = []
        while let line = try lines.next() { events.append(try Projection.decodeEvent(line, path: path)) }
        return Event.inFoldOrder(events)
    }
}
