import Foundation
import Testing

@testable import OwnStore

#if canImport(Glibc)
import Glibc
#endif

@Suite("Writing an import's pages behind")
struct WriteBehindTests {
    @Test func aFileThatIsNotThereHasNothingToWrite() {
        #expect(WriteBehind(path: "/nonexistent/own-ledger.sqlite") == nil)
    }

    #if os(Linux)
    /// It writes through the descriptor SQLite holds, and opens and closes none: closing one drops
    /// every lock the process holds on the file. With one of its own, closed before the import's
    /// commit, another command took the ledger and rolled the import back. (Counting the process's
    /// descriptors would not tell: the tests beside this one open and close theirs meanwhile.)
    @Test func itWritesThroughTheDescriptorHeldAndLeavesTheProcesssLocksInPlace() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("own-writebehind-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(repeating: 7, count: 1 << 16).write(to: file)
        #expect(WriteBehind(path: file.path) == nil, "no descriptor held on the file")

        let held = try FileHandle(forUpdating: file)
        defer { try? held.close() }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        #expect(fcntl(held.fileDescriptor, F_SETLK, &lock) == 0)
        do {
            let writeBehind = try #require(WriteBehind(path: file.path))
            writeBehind.start()
        }
        // Another process cannot take the file: the lock is still this process's. It says so with
        // status 1; 0 is the lock taken, anything else a probe that did not run.
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = [
            "python3", "-c",
            """
            import fcntl, sys
            try:
                fcntl.lockf(open(sys.argv[1], "r+"), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                sys.exit(1)
            """,
            file.path,
        ]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        #expect(probe.terminationStatus == 1, "0: the lock was dropped")
    }
    #endif
}
