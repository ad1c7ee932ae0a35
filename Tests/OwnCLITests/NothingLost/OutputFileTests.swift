import Foundation
import Testing

/// Files `own` writes (`export -o`, `ics -o`) are replaced whole; a device or a pipe is written as
/// it comes. A file renamed over `/dev/stdout` or `/dev/null` put a plain file where the device was
/// (as root, for everyone on the machine).
@Suite("Writing to a file, a device or a pipe")
struct OutputFileTests {
    @Test(arguments: [["export"], ["ics", "--owner", "all"]])
    func aNamedPipeGetsTheOutputAndStaysAPipe(command: [String]) throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys", "--due", "2026-12-01")
        let expected = own.run(command).stdout
        #expect(!expected.isEmpty)
        // A named pipe in the test's folder (a test that put a plain file over `/dev/stdout` would break
        // the machine's), opened for reading before `own` writes: a small output fits its buffer.
        let fifo = own.folder + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(reader >= 0)
        defer { close(reader) }
        let written = own.run(command + ["--output", fifo])
        #expect(written.code == 0, "\(written.stderr)")
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while case let count = read(reader, &chunk, chunk.count), count > 0 { received += chunk[..<count] }
        #expect(String(decoding: received, as: UTF8.self) == expected)
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
}
