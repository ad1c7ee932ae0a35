public import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs another program and waits for it, with posix_spawn and waitpid: they return the moment
/// the child exits, where Foundation's `Process` polls a run loop and adds tens of milliseconds.
/// The one way `own` and its siblings run a program (git, the sibling executables).
public enum Spawn {
    /// How often, in milliseconds, a read of the output that waits checks whether the program exited.
    static let exitCheck: Int32 = 100
    /// How much output is still read once the program exited: all it left in the pipe (64 KiB at
    /// most), not what a process it left in the background goes on writing.
    static let mostAfterExit = 1 << 20
    /// Writes bytes to standard output whole: `write` may take fewer than given, or be interrupted.
    private static func writeAll(_ bytes: ArraySlice<UInt8>) {
        var rest = bytes
        while !rest.isEmpty {
            let written = rest.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if written > 0 {
                rest = rest.dropFirst(written)
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not import; nil where the C library has none.
    private static let addCloseFrom: AddCloseFrom? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
        #else
        return nil
        #endif
    }()

    /// What a run of a program gave.
    public struct Result: Sendable {
        /// Its exit status (128 + the signal when a signal ended it).
        public var status: Int32
        /// Its standard output's bytes, when it was captured (a job's output need not be text).
        public var outputBytes: Data
        /// Its standard output as text (bytes that are not UTF-8 read as U+FFFD).
        public var output: String { String(decoding: outputBytes, as: UTF8.self) }
        /// Its standard error, when it was captured.
        public var error: String
    }

    /// Runs `program` (a path, or a name looked up on PATH) with `arguments`, its environment this
    /// process's plus `environment` (only `environment` when `onlyThisEnvironment`). Standard output and error are shared with `own` unless
    /// `captureOutput` / `captureError` / `quiet` say otherwise; `input` becomes the child's standard
    /// input, and captured standard error goes, through a temporary file, so that no pipe can fill.
    /// `mergeError` sends standard error into the captured output, in the order it was written;
    /// `echo` also writes the captured output to `own`'s standard output as it comes, and `keepLast`
    /// keeps only that many of its last bytes (a long job's output is passed on, not held).
    public static func run(
        _ program: String,
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String] = [:],
        onlyThisEnvironment: Bool = false,
        captureOutput: Bool = false,
        captureError: Bool = false,
        mergeError: Bool = false,
        echo: Bool = false,
        keepLast: Int = .max,
        quiet: Bool = false,
        started: (pid_t) -> Void = { _ in }
    ) throws(GitError) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }

        func temporaryFile(_ purpose: String, contents: Data) throws(GitError) -> String {
            let path = NSTemporaryDirectory() + "/own-\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            guard FileManager.default.createFile(atPath: path, contents: contents) else {
                throw .cannotRun(program, "cannot write \(path); is the temporary folder writable?")
            }
            return path
        }
        var inputPath: String?
        if let input {
            let path = try temporaryFile("input", contents: input)
            posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
            inputPath = path
        }
        defer { if let inputPath { unlink(inputPath) } }
        var errorPath: String?
        if captureError {
            let path = try temporaryFile("error", contents: Data())
            posix_spawn_file_actions_addopen(&actions, 2, path, O_WRONLY | O_TRUNC, 0)
            errorPath = path
        }
        defer { if let errorPath { unlink(errorPath) } }

        var fds: [Int32] = [-1, -1]
        if captureOutput {
            // Close-on-exec, so that no other child started meanwhile holds the pipe open: its
            // reader would wait for that child too. dup2 gives the child its own copy without it.
            // (Swift's Glibc does not offer pipe2, so the flag is set just after.)
            guard pipe(&fds) == 0 else { throw .cannotRun(program, "no pipe (errno \(errno))") }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            if mergeError { posix_spawn_file_actions_adddup2(&actions, fds[1], 2) }
        }
        if quiet && !captureError { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        // The child has standard input, output and error, and nothing else of ours: not the ledger,
        // not another child's pipe, not a file being written (which exec refuses: "text file busy").
        if let addCloseFrom = Self.addCloseFrom { _ = addCloseFrom(&actions, 3) }

        // The child starts with no signal blocked, whatever this process's thread blocks (a test
        // runner's threads block most), and SIGPIPE at its default (ignored here, it would leave
        // `yes | head` in a command never ending). Other ignored signals stay ignored: `nohup own run`
        // ignores SIGHUP for the command too.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned: Int32
        if environment.isEmpty && !onlyThisEnvironment {
            spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        } else {
            var merged = onlyThisEnvironment ? [:] : ProcessInfo.processInfo.environment
            merged.merge(environment) { $1 }
            let envp = merged.map { strdup($0.key + "=" + $0.value) } + [nil]
            defer { for pointer in envp { free(pointer) } }
            spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        }
        if captureOutput { close(fds[1]) }
        guard spawned == 0 else {
            if captureOutput { close(fds[0]) }
            throw .cannotRun(program, String(cString: strerror(spawned)))
        }
        started(pid)

        var output = Data()
        var status: Int32 = 0
        var reaped = false
        if captureOutput {
            // Read until every writer closed it, or the program exited and what it left is read: a
            // process it started in the background keeps the output open (`sleep 60 &`), and waiting
            // for that held `own run` until it ended, its exit status unsent meanwhile.
            _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
            var buffer = [UInt8](repeating: 0, count: 4096)
            var readAfterExit = 0
            reading: while true {
                var ready = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
                let polled = poll(&ready, 1, reaped ? 0 : Self.exitCheck)
                if polled > 0 {
                    let count = read(fds[0], &buffer, buffer.count)
                    if count > 0 {
                        if echo { writeAll(buffer[0..<count]) }
                        output.append(contentsOf: buffer[0..<count])
                        if output.count > keepLast { output.removeFirst(output.count - keepLast) }
                        if reaped { readAfterExit += count }
                    } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                        break reading
                    }
                } else if polled == 0, reaped {
                    break reading
                } else if polled < 0, errno != EINTR {
                    break reading
                }
                if !reaped, waitpid(pid, &status, WNOHANG) == pid { reaped = true }
                // What a background process keeps writing is not waited for. (Bounded in bytes, not
                // time: writing what was read to a slow reader, a pager, is no reason to stop.)
                if readAfterExit > Self.mostAfterExit { break reading }
            }
            close(fds[0])
        }
        if !reaped { while waitpid(pid, &status, 0) == -1, errno == EINTR {} }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as macros.
        let exited = status & 0x7F == 0
        return Result(
            status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F),
            outputBytes: output,
            error: errorPath.flatMap { FileManager.default.contents(atPath: $0) }.map {
                String(decoding: $0, as: UTF8.self)
            } ?? ""
        )
    }
}
