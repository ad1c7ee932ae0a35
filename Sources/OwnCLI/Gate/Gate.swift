import ArgumentParser

extension Own {
    /// `own gate`: the migration gate, which runs as its own executable (`own-gate`). `own` hands
    /// every argument after `gate` to it before parsing anything, so this command only names the gate
    /// in `own --help`.
    struct Gate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gate",
            _superCommandName: "own",
            abstract:
                "Check PostgreSQL migrations for locks on large tables, drops without deprecation, and schema without code."
        )

        @Argument(
            parsing: .allUnrecognized,
            help: "See `own gate --help`.",
            completion: SiblingCompletion.kind("own-gate")
        ) var arguments: [String] = []

        /// Hands the arguments to `own-gate` and returns its exit status: how `own gate …` runs.
        static func handOver(_ arguments: [String]) throws -> Int32 {
            try Sibling.run("own-gate", arguments)
        }
    }
}
