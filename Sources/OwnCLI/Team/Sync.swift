import ArgumentParser
import Foundation
import OwnCore
import OwnGit
import OwnStore

extension Own {
    /// `own sync`: pushes the events the server lacks, then pulls what is new.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            _superCommandName: "own",
            abstract: "Push your events to the team server and pull the team's.",
            discussion: """
                Safe to run at any time and to repeat: the server stores each event once, and a pull imports \
                each event once. Loops fold in time order, so events made offline land where they belong.
                """
        )

        @Option(help: ArgumentHelp("Seconds each request may take.", valueName: "seconds")) var timeout: Double = 60
        @OptionGroup var global: GlobalOptions

        /// Events per push, and per pull.
        static let pushBatch = 5_000
        static let pullPage = 100_000

        func run() throws {
            let environment = ProcessInfo.processInfo.environment
            let context = try global.context()
            let ledgerPath = try Context.ledgerPath(options: global, environment: environment)
            guard var state = try RemoteState.load(ledger: ledgerPath) else {
                throw CLIError("no remote for this ledger; set one with `own remote URL --token-file FILE`")
            }
            let poster = try Sibling.executable("own-post")

            // Push: the ledger's events from where the last push stopped, in its own order. Events
            // pulled from the server go back once and are skipped there.
            var pending: [String] = []
            var total = 0
            try context.ledger.exportEvents { line in
                if total >= state.pushed { pending.append(line) }
                total += 1
            }
            var added = 0
            var start = 0
            while start < pending.count {
                let batch = pending[start..<min(start + Self.pushBatch, pending.count)]
                let answer = try request(
                    poster,
                    "POST",
                    state.url + "/api/v1/events",
                    state,
                    batch.joined(separator: "\n")
                )
                if case .object(let members)? = try? JSONParser.parse(answer) {
                    added += Int(members["added"]?.numberValue ?? 0)
                }
                start += batch.count
                state.pushed += batch.count
                try state.save(ledger: ledgerPath)
            }

            // Pull: pages after the cursor. Sequence numbers have no gaps, so a page of n events
            // moves the cursor by n.
            var pulled = 0
            var imported = 0
            while true {
                let answer = try request(
                    poster,
                    "GET",
                    state.url + "/api/v1/events?after=\(state.pulled)&limit=\(Self.pullPage)",
                    state,
                    nil
                )
                let lines = answer.split(separator: "\n").map(String.init)
                if lines.isEmpty { break }
                var iterator = lines.enumerated().makeIterator()
                let summary = try context.ledger.importEvents {
                    guard let (index, line) = iterator.next() else { return nil }
                    do {
                        let event = try Event(jsonLine: line, makeID: { "" })
                        return ImportedEvent(event: event, line: index + 1, text: line)
                    } catch {
                        throw CLIError("the server sent an event this own cannot read (\(error)); nothing was pulled")
                    }
                }
                imported += summary.added
                pulled += lines.count
                state.pulled += lines.count
                try state.save(ledger: ledgerPath)
                if lines.count < Self.pullPage { break }
            }
            print(
                "pushed \(pending.count) events (\(added) new to the server), pulled \(pulled) (\(imported) new here)"
            )
        }

        /// One request through `own-post`; it prints the reason on standard error when it fails.
        private func request(
            _ poster: String,
            _ method: String,
            _ url: String,
            _ state: RemoteState,
            _ body: String?
        )
            throws -> String
        {
            let result: Spawn.Result
            do {
                result = try Spawn.run(
                    poster,
                    ["--api", method, url, String(timeout), state.tokenFile],
                    input: body,
                    captureOutput: true
                )
            } catch {
                throw CLIError(error.description)
            }
            if result.status != 0 { throw ExitCode(result.status == 2 ? 2 : 1) }
            return result.output
        }
    }
}
