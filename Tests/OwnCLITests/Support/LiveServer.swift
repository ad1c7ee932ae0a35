import Foundation

/// A real `own-server` on a free 127.0.0.1 port, over a SQLite store in a temporary folder, with a
/// team and tokens made through `own server`. Stopped with SIGTERM when the test ends.
final class LiveServer: @unchecked Sendable {
    let admin: OwnBinary
    let process = Process()
    private(set) var port = 0
    var store: String { admin.folder + "/server.sqlite" }
    var url: String { "http://127.0.0.1:\(port)" }
    /// The file its standard error (its log, at `warning` and above) goes to.
    let errors: String

    /// A server on a new store with `team`, or (`reusing`) on the store another one left. Its clock
    /// is the machine's, or starts at `clock` (its `OWN_NOW`; the commands' fixed instant is not its).
    init(
        team: String = "payments",
        arguments: [String] = [],
        reusing previous: LiveServer? = nil,
        clock: String? = nil
    ) throws {
        admin = previous?.admin ?? OwnBinary()
        errors = admin.folder + "/server-\(UUID().uuidString).err"
        if previous == nil {
            // A failure here is the test's, with what `own server` said, not a crash of the whole run.
            let added = admin("server", "team", "add", team, "--db", store)
            guard added.code == 0 else {
                let reason = "own server team add: \(added.stderr)"
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: reason])
            }
        }
        process.executableURL = URL(fileURLWithPath: OwnBinary.executable)
        process.arguments = ["serve", "--db", store, "--port", "0", "--log-level", "warning"] + arguments
        process.environment = admin.environment.filter { $0.key != "OWN_NOW" }.merging(["OWN_NOW": clock ?? ""]) { $1 }
        // Its first line says where it listens: "own-server listening on http://127.0.0.1:PORT". It
        // is read from a pipe as it comes: a server that stops before it ends the read.
        let output = Pipe()
        process.standardOutput = output
        // Nothing of the test run's own: a server left behind by a crashed test must not hold the
        // run's output open. Its warnings go to a file.
        guard FileManager.default.createFile(atPath: errors, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        process.standardError = FileHandle(forWritingAtPath: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let last = text.split(separator: "\n").first?.split(separator: ":").last, let port = Int(last) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    /// Makes a token with `own server token add` and returns the file it is written to.
    func tokenFile(person: String, role: String, team: String = "payments") -> String {
        let run = admin("server", "token", "add", "--team", team, "--person", person, "--role", role, "--db", store)
        let secret = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let path = admin.file(person + ".token", secret + "\n")
        // As a person keeps a token: theirs alone (others reading it is warned of at each sync).
        chmod(path, 0o600)
        return path
    }

    /// The passes `service` (`notifier`, `sender`, `digest`, `deadline_scan`) has completed, as the
    /// server's `/metrics` counts them.
    func passes(_ service: String) -> Int {
        let text = admin.run(["-s", url + "/metrics"], executable: "/usr/bin/curl").stdout
        let prefix = "own_service_passes_total{service=\"\(service)\"} "
        let line = text.split(separator: "\n").first { $0.hasPrefix(prefix) }
        return line.flatMap { Double($0.dropFirst(prefix.count)) }.map { Int($0) } ?? 0
    }

    /// Waits until `service` has completed `more` passes from now: two make sure one began after
    /// this call, since the first may have been under way. Counted, not timed: `/metrics` is read
    /// every 50 ms (the pace of the reads) for as long as the passes take, however busy the machine;
    /// a server that stopped fails the wait at once, and a pass that never comes is a hang that
    /// `scripts/test`'s limit ends.
    func waitForPasses(_ service: String, more: Int = 2) throws {
        let target = passes(service) + more
        while passes(service) < target {
            guard process.isRunning else {
                throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "own-server stopped"])
            }
            usleep(50_000)
        }
    }

    /// Sends SIGTERM and waits for the server to drain and exit.
    func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    deinit {
        _ = stop()
    }
}
