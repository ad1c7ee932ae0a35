import Foundation
import GRDB
import Testing

@testable import TeamStore

/// The SQLite store's write-ahead log is copied into the database by a background checkpoint, not by
/// the commit that fills it; and the commit still does it when the log reaches its limit.
@Suite
struct CheckpointerTests {
    /// A store whose log is checkpointed past 16 pages, and on the writer at `limit`.
    struct Opened {
        let folder = NSTemporaryDirectory() + "own-checkpoint-" + UUID().uuidString
        var path: String { folder + "/server.sqlite" }
        let checkpointer: Checkpointer
        let store: SQLiteTeamStore

        init(limit: Int32) throws {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            checkpointer = Checkpointer(path: folder + "/server.sqlite", threshold: 16, limit: limit)
            store = try SQLiteTeamStore(path: folder + "/server.sqlite", checkpointer: checkpointer)
            // Creating the schema may have asked for one already; the log then starts empty.
            checkpointer.waitForBackground()
            try store.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }

        /// The database file's size: in WAL mode only a checkpoint writes to it.
        var fileSize: Int {
            ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? -1
        }

        /// Commits about `pages` pages of new rows in one transaction.
        func write(pages: Int) async throws {
            try await store.pool.write { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler (x BLOB)")
                for _ in 0..<pages { try db.execute(sql: "INSERT INTO filler VALUES (randomblob(4000))") }
            }
        }

        /// What a write saw, with the background checkpoints held back as when they fall behind.
        struct HeldWrite {
            /// The checkpoints and the file's size before the write.
            var before: (checkpoints: (background: Int, onWriter: Int), size: Int)
            /// The same once the write committed, the background still held.
            var after: (checkpoints: (background: Int, onWriter: Int), size: Int)
        }

        /// Writes about `pages` pages with the background checkpoints held back.
        func writeHoldingBackground(pages: Int) async throws -> HeldWrite {
            let before = (checkpointer.checkpoints, fileSize)
            return try await checkpointer.holdingBackground {
                try await write(pages: pages)
                return HeldWrite(before: before, after: (checkpointer.checkpoints, fileSize))
            }
        }

        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    @Test func aFullLogIsCheckpointedInTheBackgroundNotInTheCommit() async throws {
        let opened = try Opened(limit: 1_000)
        defer { opened.remove() }
        let held = try await opened.writeHoldingBackground(pages: 64)
        // The commit went past the threshold and returned without copying the log.
        #expect(held.after.checkpoints.onWriter == held.before.checkpoints.onWriter)
        #expect(held.after.size == held.before.size)
        opened.checkpointer.waitForBackground()
        #expect(opened.checkpointer.checkpoints.background == held.before.checkpoints.background + 1)
        #expect(opened.fileSize >= held.before.size + 64 * 4000)
        // What was written reads back, from the database file now.
        let rows = try await opened.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM filler") }
        #expect(rows == 64)
    }

    @Test func aLogAtItsLimitIsCheckpointedByTheCommitWhenTheBackgroundFallsBehind() async throws {
        let opened = try Opened(limit: 48)
        defer { opened.remove() }
        let held = try await opened.writeHoldingBackground(pages: 64)
        #expect(held.after.checkpoints.onWriter == held.before.checkpoints.onWriter + 1)
        #expect(held.after.size >= held.before.size + 64 * 4000)
    }

    @Test func aSmallCommitAsksForNoCheckpoint() async throws {
        let opened = try Opened(limit: 1_000)
        defer { opened.remove() }
        let before = opened.checkpointer.checkpoints
        try await opened.write(pages: 2)
        opened.checkpointer.waitForBackground()
        #expect(opened.checkpointer.checkpoints == before)
    }
}
