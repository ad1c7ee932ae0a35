import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One `own sync` at a time on a ledger: a lock on a file beside it (`LEDGER.sync-lock`), held
/// until the sync ends (the system lets it go when the process exits, however it exits). Two syncs
/// at once each pushed from the same cursor, so the second sent again what the first had pulled.
final class SyncLock {
    private let descriptor: Int32

    /// The lock's file, beside the ledger.
    static func path(ledger: String) -> String { ledger + ".sync-lock" }

    /// Takes the lock, or says another sync holds it. The ledger is named by its real path, so a
    /// sync through a symbolic link to it waits its turn too.
    init(ledger: String) throws {
        let real = realpath(ledger, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        }
        let path = Self.path(ledger: real ?? ledger)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError("cannot open \(path) to sync alone: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            close(descriptor)
            // Busy is no mistake in what was asked (exit 2): exit 1, as a server out of reach is, so a
            // script retries it.
            guard !busy else {
                Output.error("another own sync is running on this ledger; run it again once that one is done")
                throw ExitCode(1)
            }
            throw CLIError("cannot lock \(path) to sync alone: \(reason)")
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
