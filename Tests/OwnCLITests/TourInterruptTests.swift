import Foundation
import Testing

@Suite("own tour interrupted: its scratch ledger goes with it")
struct TourInterruptTests {
    /// Ctrl-C in the middle of the tour removes the scratch ledger, as the end of the tour does, and
    /// the tour ends as an interrupted process does. The tour's standard output is a pipe already
    /// full: its first write, made once the scratch ledger is there, waits until the test reads, so
    /// the signal always finds the tour in the middle of its steps.
    @Test func ctrlCRemovesTheScratchLedger() throws {
        let own = OwnBinary()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let (reading, writing) = (ends[0], ends[1])
        defer { close(reading) }
        // F_SETPIPE_SZ: one page, filled before the tour writes.
        #expect(fcntl(writing, 1031, 4096) >= 0)
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 4096)
        #expect(write(writing, filler, filler.count) == filler.count)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writing, 1)
        posix_spawn_file_actions_addclose(&actions, reading)
        let environment = own.environment.merging(["TMPDIR": own.folder + "/"]) { $1 }.map { "\($0.key)=\($0.value)" }
        let arguments = [OwnBinary.executable, "tour"]
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        // As from a shell: no signal blocked or ignored (the test's thread may block some).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &interrupt)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        #expect(posix_spawn(&pid, OwnBinary.executable, &actions, &attributes, argv, envp) == 0)
        close(writing)

        // The scratch ledger is made before the tour's first line, and stays until its last.
        let scratch = own.folder + "/own-tour-\(pid).sqlite"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: scratch), Date() < deadline { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: scratch))
        #expect(kill(pid, SIGINT) == 0)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while read(reading, &buffer, buffer.count) > 0 {}
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        // Ended by the signal (status & 0x7f is its number), not by the tour's end.
        #expect(status & 0x7f == SIGINT, "status \(status)")
        let left = try FileManager.default.contentsOfDirectory(atPath: own.folder).filter { $0.hasPrefix("own-tour") }
        #expect(left.isEmpty, "\(left)")
    }
}
