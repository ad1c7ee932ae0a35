import ArgumentParser
import Foundation
import OwnCore
import OwnGit

extension Own {
    /// `own ping NAME [start|fail|log|N]`: one ping of a monitor, as a job's curl line would send it.
    struct Ping: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ping",
            _superCommandName: "own",
            abstract: "Ping a monitor: success (the default), start, fail, log, or an exit status 0-255.",
            discussion:
                "With --stdin, standard input is sent as the ping's body (10,000 bytes are kept); without it the "
                + "ping has none, and standard input is not read (a `while read` loop keeps its lines)."
        )
        // A completion of its own (none offered), as `own stage`'s loop has.
        @Argument(help: "The monitor's name or slug.", completion: .list([])) var name: String
        @Argument(
            help: "start, fail, log, or an exit status 0-255 (default: success).",
            completion: .list(["start", "fail", "log"])
        )
        var kind: String?
        @Option(help: ArgumentHelp("The run id that pairs a start with its finish: a uuid.", valueName: "uuid"))
        var rid: String?
        @Flag(help: "Send standard input as the ping's body, read to its end.") var stdin = false
        @OptionGroup var options: MonitorOptions

        func validate() throws {
            guard let kind else { return }
            if ["success", "start", "fail", "log"].contains(kind) { return }
            guard let code = Int(kind), (0...255).contains(code), kind.allSatisfy(\.isNumber) else {
                throw ValidationError(
                    "the kind must be success, start, fail, log or an exit status 0-255, not \"\(kind)\""
                )
            }
        }

        func run() throws {
            let client = try options.client()
            // Its bytes as they are: the server keeps the first 10,000, text or not. Only when asked: read
            // whenever it was no terminal, it took the rest of a shell loop's lines, and waited forever on
            // an input left open.
            let body = stdin ? FileHandle.standardInput.readDataToEndOfFile() : Data()
            try Self.send(client, name: name, kind: kind, rid: rid, body: body)
            Output.confirm("pinged \(name)\(kind.map { " (\($0))" } ?? "")")
        }

        /// Sends one ping of the named monitor through its uuid URL.
        static func send(_ client: TeamServerClient, name: String, kind: String?, rid: String?, body: Data) throws {
            let uuid = try client.check(name, toPing: true)["uuid"]?.stringValue ?? ""
            try send(client, uuid: uuid, kind: kind, rid: rid, body: body)
        }

        static func send(_ client: TeamServerClient, uuid: String, kind: String?, rid: String?, body: Data) throws {
            // Success, said or not, is the ping URL itself.
            var path = "/ping/\(uuid)" + (kind.flatMap { $0 == "success" ? nil : "/" + $0 } ?? "")
            if let rid { path += "?rid=" + (rid.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? rid) }
            _ = try client.request("POST", path, bytes: body)
        }
    }

    /// `own run NAME -- COMMAND…`: pings start with a fresh run id, runs the command, then pings its
    /// exit status with the last 10 kB of its output, and exits with the command's status.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            _superCommandName: "own",
            abstract: "Run a command under a monitor: start, run, then its exit status and the end of its output.",
            // Options before `--`: everything after it is the command's.
            usage: "own run <name> [--timeout <seconds>] [--db <path>] [--config <path>] -- <command> [<argument> ...]",
            discussion: """
                The command's output (standard output and error together) is passed on as it comes, and its \
                last 10,000 bytes go with the exit status. `own run` exits with the command's status; a ping \
                the server did not take is reported on stderr and does not stop the command. A SIGTERM, SIGHUP \
                or SIGINT sent to `own run` is passed on to the command (Ctrl-C reaches both already), and \
                how the command then ends is pinged as any other end.
                """
        )
        @Argument(help: "The monitor's name or slug.") var name: String
        @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.") var command: [String] = []
        @OptionGroup var options: MonitorOptions

        func validate() throws {
            guard !command.isEmpty else { throw ValidationError("give the command after --: own run NAME -- CMD …") }
        }

        func run() throws {
            // The command runs whatever becomes of its pings: no remote, a server that is down, a
            // token refused or a monitor it does not know is a warning, never what stops the job.
            let rid = UUID().uuidString.lowercased()
            var target: (client: TeamServerClient, uuid: String)?
            do {
                let client = try options.client()
                let uuid = try client.check(name, toPing: true)["uuid"]?.stringValue ?? ""
                try Ping.send(client, uuid: uuid, kind: "start", rid: rid, body: Data())
                target = (client, uuid)
            } catch {
                Output.warning(Self.notTaken("the start ping", of: name, error) + "; running the command anyway")
            }
            let result = Self.execute(command)
            // The exit status is the ping that matters (it says how the run ended): tried even when the
            // start was not taken, since a server down a moment ago may be up again.
            do {
                let (client, uuid) =
                    try target
                    ?? {
                        let client = try options.client()
                        return (client, try client.check(name, toPing: true)["uuid"]?.stringValue ?? "")
                    }()
                try Ping.send(
                    client,
                    uuid: uuid,
                    kind: String(min(Int(result.status), 255)),
                    rid: rid,
                    body: result.tail
                )
            } catch {
                Output.warning(Self.notTaken("the exit status", of: name, error))
            }
            if result.status != 0 { throw ExitCode(result.status) }
        }

        /// The warning for a ping not taken: with the reason, unless `own-post` has printed it already
        /// (it ends with an exit status then).
        static func notTaken(_ ping: String, of name: String, _ error: any Error) -> String {
            let reason = error is ExitCode ? "" : " (\(error.localizedDescription))"
            return "\(ping) of \(name) was not taken by the team server\(reason)"
        }

        /// Runs a command with its standard output and error in one pipe, passed on to ours as they
        /// come: its status (128 + N when a signal N ended it, 127 when it could not start) and the
        /// last bytes of its output, as many as a ping's body holds. Bytes, not text: decoded, a cut
        /// through a character or output that is not UTF-8 would grow past what the server keeps,
        /// and the server keeps a body's first bytes, so the end (the error, usually) would be lost.
        static func execute(_ command: [String]) -> (status: Int32, tail: Data) {
            do {
                // Found on PATH by the spawn itself: through env(1), a first word like `-i` or `NAME=x`
                // was env's option or assignment (the latter printed the environment, sent as the body).
                RunSignals.passOn()
                defer { RunSignals.stop() }
                let result = try Spawn.run(
                    command[0],
                    Array(command.dropFirst()),
                    captureOutput: true,
                    mergeError: true,
                    echo: true,
                    keepLast: 10_000,
                    started: RunSignals.child
                )
                return (result.status, result.outputBytes)
            } catch {
                Output.error("\(error)")
                return (127, Data("own: \(error)\n".utf8))
            }
        }
    }
}
