import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the store's write-ahead log into the database off the write path.
///
/// SQLite's own automatic checkpoint runs inside the commit that takes the log past 1,000 pages: that
/// commit copies the log into the database file and syncs it, and every request waiting on the
/// commit (a batch of pings) waits too. Measured with `Benchmarks/monitors/run.py`: the pings' p99
/// went from about 6 ms without checkpoints to about 11 ms with SQLite's.
///
/// Here the writer's commit only looks at the log's size (SQLite's WAL hook, which replaces the
/// automatic checkpoint on the connections it is installed on). Past `threshold` pages it asks a
/// background thread, with a connection of its own, for a passive checkpoint: it copies what no
/// reader still needs without taking the write lock, so commits go on meanwhile. The log starts
/// again from its beginning at the first commit after a checkpoint that copied all of it; under a
/// steady load of writes the background rarely catches the very last commit, so the log grows
/// until the commit that takes it to `limit` pages checkpoints on the writer, as SQLite would
/// have, copying only the little the background has not. Measured under the ping benchmark: the
/// log cycles up to `limit` (40 MB) and the pings' p99 stays near 6 ms. A threshold of 4,000 and a
/// limit of 40,000 pages were slower (a longer log is slower to look pages up in); a threshold of
/// 400 or a limit of 2,000 were no better.
final class Checkpointer: Sendable {
    /// The store's file.
    let path: String
    /// The log's size, in pages, past which a commit asks for a background checkpoint (SQLite's
    /// automatic checkpoint is at 1,000).
    let threshold: Int32
    /// The log's size, in pages, at which the commit itself checkpoints.
    let limit: Int32

    private let queue = DispatchQueue(label: "own-server.checkpoint")
    /// Whether a background checkpoint is asked for and not yet done: commits ask for one at a time.
    private let asked = Atomic<Bool>(false)
    /// The connection the background checkpoints run on, opened by the first.
    private let connection = Mutex<DatabaseQueue?>(nil)
    /// How many checkpoints ran in the background, and on the writer.
    private let counts = Mutex<(background: Int, onWriter: Int)>((0, 0))

    init(path: String, threshold: Int32 = 1_000, limit: Int32 = 10_000) {
        self.path = path
        self.threshold = threshold
        self.limit = max(threshold, limit)
    }

    /// Installs the hook on a connection of the store's. The connection's configuration keeps the
    /// checkpointer for as long as the connection lives (`prepareDatabase` holds it), so the hook's
    /// unretained reference never outlives it.
    func install(on db: Database) {
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, _, pages in
                guard let context else { return SQLITE_OK }
                Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue()
                    .committed(pages: pages, connection: connection)
                return SQLITE_OK
            },
            Unmanaged.passUnretained(self).toOpaque()
        )
    }

    /// The checkpoints run so far in the background and on the writer (what the tests read).
    var checkpoints: (background: Int, onWriter: Int) { counts.withLock { $0 } }

    /// Returns once the background checkpoint asked for so far, if any, is done.
    func waitForBackground() { queue.sync {} }

    /// Runs `body` with the background checkpoints held back, as when they fall behind: tests see
    /// what the writer alone does.
    func holdingBackground<T>(_ body: () async throws -> T) async rethrows -> T {
        queue.suspend()
        defer { queue.resume() }
        return try await body()
    }

    /// After a commit that left `pages` pages in the log.
    private func committed(pages: Int32, connection: OpaquePointer?) {
        if pages >= limit {
            // Passive too: it copies what it can and never waits for a reader.
            sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            counts.withLock { $0.onWriter += 1 }
            return
        }
        guard pages >= threshold,
            asked.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        queue.async { self.checkpoint() }
    }

    /// One passive checkpoint on the checkpointer's connection. One that fails (the file gone, the
    /// disk full) leaves the log as it is: the next commit past the threshold asks again, and the
    /// writer's own at `limit` still bounds it.
    private func checkpoint() {
        defer { asked.store(false, ordering: .releasing) }
        do {
            let queue = try connection.withLock { connection in
                if let connection { return connection }
                var configuration = Configuration()
                configuration.label = "own-server.checkpoint"
                let opened = try DatabaseQueue(path: path, configuration: configuration)
                connection = opened
                return opened
            }
            try queue.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            counts.withLock { $0.background += 1 }
        } catch {
            return
        }
    }
}
