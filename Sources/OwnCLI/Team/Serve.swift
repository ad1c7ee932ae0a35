import ArgumentParser

extension Own {
    /// `own serve`: the team server, which runs as its own executable (`own-server serve`). `own`
    /// hands every argument after `serve` to it before parsing anything.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            _superCommandName: "own",
            abstract: "Run the team server (see `own serve --help`)."
        )

        @Argument(
            parsing: .allUnrecognized,
            help: "See `own serve --help`.",
            completion: SiblingCompletion.kind("own-server", path: ["serve"])
        ) var arguments: [String] = []

        /// Becomes `own-server serve` with the arguments, so SIGTERM reaches the server itself and
        /// drains it.
        static func handOver(_ arguments: [String]) throws -> Int32 {
            try Sibling.exec("own-server", ["serve"] + arguments)
        }

        func run() throws {
            let code = try Self.handOver(arguments)
            if code != 0 { throw ExitCode(code) }
        }
    }

    /// `own server team|token …`: the team server's administration, run by `own-server`.
    struct Server: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "server",
            _superCommandName: "own",
            abstract: "Administer the team server: teams and tokens (see `own server --help`)."
        )

        @Argument(
            parsing: .allUnrecognized,
            help: "See `own server --help`.",
            completion: SiblingCompletion.kind("own-server")
        ) var arguments: [String] = []

        /// Hands the arguments to `own-server` and returns its exit status.
        static func handOver(_ arguments: [String]) throws -> Int32 {
            try Sibling.run("own-server", arguments)
        }

        func run() throws {
            let code = try Self.handOver(arguments)
            if code != 0 { throw ExitCode(code) }
        }
    }
}
