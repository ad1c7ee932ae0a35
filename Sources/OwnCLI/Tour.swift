import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own tour`: a short guided tour on a scratch ledger.
    struct Tour: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tour",
            _superCommandName: "own",
            abstract: "A two-minute tour: opens a few loops on a scratch ledger, lists them, then removes it.",
            discussion: "Nothing touches your own ledger: each step shows the scratch --db it runs with."
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A new ledger to use, kept afterwards (default: a scratch file in the temporary folder, removed at the end); one that holds loops is refused.",
                valueName: "path"
            )
        )
        var db: String?

        func run() throws {
            let scratch = db == nil
            // A folder, a device or a path in no folder is said as every command says it (exit 2).
            if let db { try Context.checkLedgerFile(db, named: "--db") }
            // The steps act on loops 1 to 3, the ones their `add`s make: in a ledger with loops of
            // its own they would start, approve and close those.
            if let db, FileManager.default.fileExists(atPath: db), try SQLiteLedger(path: db).holdsEvents() {
                throw CLIError(
                    "\(db) already holds events (loops, time off or declines), and the tour's steps would add to them "
                        + "and change loops 1 to 3; give --db a new file, or leave --db out for a scratch ledger that "
                        + "is removed at the end"
                )
            }
            // Made with interrupts held until their handler is there: a Ctrl-C between would leave it.
            let (path, files) = try holdingInterrupts {
                let path = try db ?? Self.makeScratch(in: NSTemporaryDirectory(), name: "own-tour-\(getpid())")
                let files = ["", "-wal", "-shm", "-journal"].map { path + $0 }
                if scratch { removedOnInterrupt(files) }
                return (path, files)
            }
            defer {
                if scratch { for file in files { unlink(file) } }
            }
            print("A tour of own on \(path). Each step is a command you can type yourself; with its --db it never")
            print("touches your own ledger.\n")
            let steps: [[String]] = [
                [
                    "add", "Fix the flaky deploy pipeline", "--done-when", "10 green runs in a row", "--due", "+4d",
                    "--stakes", "medium", "--kind", "debt", "--affects", "release-team", "--estimate", "6h",
                ],
                [
                    "add", "Write the runbook for the payment retries", "--kind", "docs", "--due", "eow", "--done-when",
                    "on-call has read it",
                ],
                [
                    "add", "Migrate the orders table to bigint ids", "--stakes", "high", "--kind", "feature", "--due",
                    "+2w",
                ],
                ["start", "1"],
                ["note", "1", "root cause: a shared cache dir between runners"],
                ["block", "1", "waiting on infra for a new runner image"],
                ["ask", "1", "--from", "infra", "asked in #infra, ticket INF-12"],
                ["approve", "3", "--by", "lee"],
                ["done", "2", "--outcome", "runbook merged and read by on-call"],
                ["list"],
                ["show", "1"],
            ]
            for step in steps {
                let arguments = step + ["--db", path, "--as", "ana"]
                print("$ own " + arguments.map(TextEscaping.shellWord).joined(separator: " "))
                let code = Own.run(arguments: arguments)
                guard code == 0 else { throw ExitCode(code) }
                print("")
            }
            if scratch { print("The scratch ledger is removed now; the steps above rebuild it if you retype them.") }
            let environment = ProcessEnvironment.current
            let own =
                environment["OWN_DB"].flatMap { $0.isEmpty ? nil : $0 }
                ?? Context.defaultLedgerFolder(environment) + "/ledger.sqlite"
            let made = access(own, F_OK) == 0 ? "" : " (created on first use)"
            print("Next: `own --help` for every command. Your own ledger is \(own)\(made).")
        }

        /// Makes the scratch ledger's file, empty, at `name.sqlite` in `folder`, or `name-1.sqlite`
        /// and on when a file or link is at that name or at the names SQLite puts beside it: made
        /// exclusively and never through a link, so the tour writes into no one's file, and removes
        /// only the one it made.
        static func makeScratch(in folder: String, name: String) throws -> String {
            let folder = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            for attempt in 0..<100 {
                let path = folder + "/" + name + (attempt == 0 ? "" : "-\(attempt)") + ".sqlite"
                var status = stat()
                guard ["-wal", "-shm", "-journal"].allSatisfy({ lstat(path + $0, &status) != 0 }) else { continue }
                let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
                if descriptor >= 0 {
                    close(descriptor)
                    return path
                }
                guard errno == EEXIST || errno == ELOOP else {
                    throw CLIError("cannot make a scratch ledger in \(folder): \(String(cString: strerror(errno)))")
                }
            }
            throw CLIError("cannot make a scratch ledger in \(folder): every name the tour tries is taken")
        }
    }
}

/// The scratch ledger's files, for `removeAndStop`: made before it is installed, never changed after.
nonisolated(unsafe) private var filesToRemove: [UnsafeMutablePointer<CChar>] = []

/// Removes `files` when the tour is interrupted (Ctrl-C, a hang-up, a kill), and ends as the
/// signal ends a process: a scratch ledger never outlives the tour.
private func removedOnInterrupt(_ files: [String]) {
    filesToRemove = files.compactMap { strdup($0) }
    for number in interrupts {
        _ = signal(number, removeAndStop)
    }
}

/// The signals that end a tour before its end: Ctrl-C, a hang-up, a kill.
private let interrupts = [SIGINT, SIGTERM, SIGHUP]

/// Runs `body` with `interrupts` held until it returns: one that comes meanwhile is handled after it,
/// by the handler `body` installed.
private func holdingInterrupts<T>(_ body: () throws -> T) rethrows -> T {
    var held = sigset_t()
    var previous = sigset_t()
    sigemptyset(&held)
    for number in interrupts { sigaddset(&held, number) }
    pthread_sigmask(SIG_BLOCK, &held, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    return try body()
}

/// A signal's handler: only `unlink`, `signal` and `raise`, which a handler may call.
private func removeAndStop(_ number: Int32) {
    for file in filesToRemove { unlink(file) }
    _ = signal(number, SIG_DFL)
    raise(number)
}
