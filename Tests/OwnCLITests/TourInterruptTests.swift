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
        // Told when a file is made in the test's folder: the scratch ledger is the first the tour makes.
        let watch = inotify_init1(0)
        #expect(watch >= 0)
        defer { close(watch) }
        #expect(inotify_add_watch(watch, own.folder, UInt32(IN_CREATE)) >= 0)
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
        // Waited for, not polled: each read blocks until the tour makes a file there.
        var made: [String] = []
        var events = [UInt8](repeating: 0, count: 4096)
        while !made.contains(scratch.split(separator: "/").last.map(String.init) ?? "") {
            let count = read(watch, &events, events.count)
            guard count > 0 else { break }
            made += Self.names(in: events[..<count])
        }
        #expect(FileManager.default.fileExists(atPath: scratch), "\(made)")
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

    /// The file names of a read of inotify events: each a 16-byte header (its name's length in the
    /// last 4 bytes), then the name, padded with NULs.
    static func names(in bytes: ArraySlice<UInt8>) -> [String] {
        var names: [String] = []
        var offset = bytes.startIndex
        while offset + 16 <= bytes.endIndex {
            let length = bytes[(offset + 12)..<(offset + 16)].reversed().reduce(0) { $0 << 8 | Int($1) }
            let name = bytes[(offset + 16)..<min(offset + 16 + length, bytes.endIndex)].prefix { $0 != 0 }
            names.append(String(decoding: name, as: UTF8.self))
            offset += 16 + length
        }
        return names
    }
}
