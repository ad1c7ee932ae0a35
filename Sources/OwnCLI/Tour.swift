import ArgumentParser
import Foundation
import OwnStore

extension Own {
    /// `own tour`: a short guided tour on a scratch ledger.
    struct Tour: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tour",
            _superCommandName: "own",
            abstract: "A two-minute tour: opens a few loops on a scratch ledger, then lists them.",
            discussion: "Nothing touches your own ledger unless you pass --db."
        )

        @Option(name: .long, help: "The ledger to use (default: a new scratch file in the temporary folder).")
        var db: String?

        func run() throws {
            let path = db ?? NSTemporaryDirectory() + "own-tour-\(getpid()).sqlite"
            print("A tour of own on \(path). Each step is a command you can type yourself.\n")
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
                print("$ own " + step.map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " "))
                let code = Own.run(arguments: step + ["--db", path, "--as", "ana"])
                guard code == 0 else { throw ExitCode(code) }
                print("")
            }
            print("Next: `own --help` for every command. Your own ledger lives at ~/.local/share/own/ledger.sqlite.")
        }
    }
}
