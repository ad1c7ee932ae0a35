import Foundation
import OwnStore

/// The ledger file this process made at a path named by --db or OWN_DB, when it made one: a command
/// that fails leaves none behind (a failed command changes nothing), so `own start 1 --db typo.sqlite`
/// does not start a ledger at the mistyped path on its way to "there is no loop 1". (The default
/// ledger, made on first use, stays: another command may be using it already.)
enum MadeLedger {
    nonisolated(unsafe) private static var path: String?

    /// Called before the ledger at `path` is opened: remembered when there is no file there yet.
    static func opening(_ path: String) {
        if access(path, F_OK) != 0 { self.path = path }
    }

    /// After a command failed: the ledger it made is removed, with its WAL, unless it holds events
    /// (a command that records in steps keeps the steps that were done).
    static func removeAfterFailure() {
        // Read as it lies when it cannot be opened to write (the disk that failed the command is full).
        guard let path,
            (try? SQLiteLedger(path: path).holdsEvents()) ?? SQLiteLedger.holdsEvents(readingOnly: path) == false
        else { return }
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
