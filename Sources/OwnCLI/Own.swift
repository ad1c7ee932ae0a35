public import ArgumentParser
import Foundation
import OwnCore
import OwnStore

/// `own`: the ledger of an engineer's commitments, the doctor that notices what slips, the drafts of
/// the updates people expect, and the guards that replace vigilance.
public struct Own: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "own",
        abstract: "Keep your commitments (loops) and close every one you open.",
        discussion: """
            A loop is anything you said you would do. Give it an end state (--done-when) and a due date; \
            tell people when it is blocked, when scope or dates change, and when it is done. `own` keeps the \
            record, and the reports and the doctor are drafted from it.

            Loops are named by their number (3 or #3), their key, or a unique start of their key (4 or more \
            characters; digits name the loop of that number first). Every command on loops and reports takes --now to act at a fixed instant (and \
            OWN_NOW sets it for all, the tour's steps included). Exit codes: 0 ok, 1 problems found, 2 usage or input error, 3 storage error.
            """,
        subcommands: commands.map(\.type)
    )

    /// `own --version`, a flag of `own` alone: the argument parser's `version` setting listed it in
    /// every command's help and shell completion, which every command but `own` refused.
    @Flag(help: "Show the version.") var version = false

    public func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(Self.version)
    }

    /// Every subcommand, by the name people type, in the order of `own --help`. `own NAME …` finds
    /// its command here without building every command's configuration, which would cost each run
    /// a tenth of a millisecond; a test checks each name against its command's `commandName`.
    static let commands: [Subcommand] = [
        .init("tour", Tour.self), .everyday("add", Add.self, Add.runEveryday),
        .everyday("list", List.self, ListRequest.runEveryday),
        .everyday("show", Show.self, Show.runEveryday), .everyday("start", Start.self, Start.runEveryday),
        .everyday("note", Note.self, Note.runEveryday), .init("block", Block.self), .init("ask", Ask.self),
        .init("unblock", Unblock.self), .init("risk", Risk.self), .init("scope", Scope.self),
        .init("due", DueChange.self), .init("stage", StageChange.self), .init("approve", Approve.self),
        .init("handoff", Handoff.self), .everyday("done", Done.self, Done.runEveryday),
        .init("guard", GuardCommand.self),
        .init("drop", Drop.self), .init("edit", Edit.self), .init("undo", Undo.self), .init("reopen", Reopen.self),
        .init("away", Away.self), .init("record", RecordCommand.self), .init("project", ProjectCommand.self),
        .init("decline", DeclineCommand.self), .init("readiness", ReadinessCommand.self),
        .init("export", Export.self), .init("import", Import.self), .init("doctor", DoctorCommand.self),
        .init("policy", PolicyCommand.self), .everyday("standup", StandupCommand.self, StandupCommand.runEveryday),
        .everyday("weekly", WeeklyCommand.self, WeeklyCommand.runEveryday), .init("notice", NoticeCommand.self),
        .init("brag", BragCommand.self), .init("ics", IcsCommand.self), .init("gate", Gate.self),
        .init("remote", Remote.self), .init("sync", Sync.self), .init("inbox", Inbox.self),
        .init("serve", Serve.self), .init("server", Server.self), .init("monitor", Monitor.self),
        .init("ping", Ping.self), .init("run", Run.self),
    ]

    /// A subcommand as `own NAME` finds it: its type and, for the commands typed most, how their
    /// everyday forms are read (`EverydayCommand`). Which commands have one is settled here when
    /// the table is compiled: asking a type at run time whether it conforms is a scan of every
    /// conformance record in the binary, about 0.26M instructions of every run.
    ///
    /// Both are kept as closures the table's literal compiles to plain functions, so building the
    /// table touches no command: making a command's type a `ParsableCommand` value instantiates its
    /// conformance, and doing so for all 44 cost every run about 60 page faults (~0.15 ms) in code
    /// and data spread over the binary. Only the command run is made.
    struct Subcommand {
        let name: String
        private let command: @Sendable () -> any ParsableCommand.Type
        let everydayReading: (@Sendable ([String]) throws -> Bool)?

        /// The command's type.
        var type: any ParsableCommand.Type { command() }

        init(_ name: String, _ type: @autoclosure @escaping @Sendable () -> any ParsableCommand.Type) {
            (self.name, command, everydayReading) = (name, type, nil)
        }

        private init(
            _ name: String,
            _ type: @escaping @Sendable () -> any ParsableCommand.Type,
            reading: @escaping @Sendable ([String]) throws -> Bool
        ) {
            (self.name, command, everydayReading) = (name, type, reading)
        }

        /// A command whose everyday forms skip the argument parser (`everyday` is its
        /// `EverydayCommand.everyday`, named here so that no generic code builds the table).
        static func everyday(
            _ name: String,
            _ type: @autoclosure @escaping @Sendable () -> any ParsableCommand.Type,
            _ everyday: @escaping @Sendable ([String]) throws -> Bool
        ) -> Subcommand {
            Subcommand(name, type, reading: everyday)
        }
    }

    /// What `own --version` prints (`OwnVersion`).
    public static let version = OwnVersion.number

    public init() {}

    /// Refuses (exit 2) an argument of the process that is not UTF-8: Swift reads it with U+FFFD in
    /// place of its bytes, and a title typed in another encoding was recorded changed, for good. The
    /// command `own run` runs (after its `--`) is passed on as it is. Nil when every one is UTF-8.
    public static func refusingArgumentsNotUTF8() -> Int32? {
        let count = Int(CommandLine.argc)
        guard count > 1 else { return nil }
        let running = CommandLine.unsafeArgv[1].map { strcmp($0, "run") == 0 } ?? false
        for index in 1..<count {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            if running, strcmp(argument, "--") == 0 { return nil }
            guard String(validatingCString: argument) == nil else { continue }
            Output.error(
                "argument \(index) (\(TextEscaping.escaped(String(cString: argument)))) is not UTF-8 text; give it in "
                    + "UTF-8 (check the terminal's locale, or the encoding of what was pasted)"
            )
            return 2
        }
        return nil
    }

    /// Runs `own` with the given arguments and returns the process's exit code. Errors are printed
    /// here, as one line on stderr; nothing below this prints a stack trace or exits the process.
    ///
    /// Every command runs on the calling thread, so `own list` starts no other thread; the few waits
    /// on git run in a task beside it (see `Pending`), and a read of thousands of loops shares their
    /// decoding, and the doctor its rules, with a second core. `own gate` is handed whole to `own-gate`.
    public static func run(arguments: [String]) -> Int32 {
        // `own help COMMAND …` is `own COMMAND … --help`: the commands run by another executable
        // (gate, serve, server) have their help there, which the argument parser's own `help` cannot see.
        if arguments.count >= 2, arguments[0] == "help", !arguments[1].hasPrefix("-") {
            guard subcommand(Array(arguments.dropFirst())) != nil else {
                Output.error(CommandSuggestion.message(for: arguments[1], among: commands.map(\.name)))
                return 2
            }
            return run(arguments: Array(arguments.dropFirst()) + ["--help"])
        }
        let subcommand = subcommand(arguments)
        // A word that names no command is refused whatever follows it: `own team --help` printed the
        // help of `own` itself, as if `team` were a command with nothing to say.
        if subcommand == nil, let name = arguments.first, !name.hasPrefix("-"), name != "help" {
            Output.error(CommandSuggestion.message(for: name, among: commands.map(\.name)))
            return 2
        }
        if let refused = refusingUnknownWord(arguments, under: Own.self) { return refused }
        // A flag of `own` alone: before a command, it was dropped without a word and the command ran.
        if subcommand == nil, arguments.contains("--version"), arguments.count > 1,
            !arguments.contains("--help"), !arguments.contains("-h")
        {
            Output.error("--version goes alone: own --version")
            return 2
        }
        let command = subcommand?.type ?? Own.self
        do {
            if command == Gate.self { return try Gate.handOver(Array(arguments.dropFirst())) }
            if command == Serve.self { return try Serve.handOver(Array(arguments.dropFirst())) }
            if command == Server.self { return try Server.handOver(Array(arguments.dropFirst())) }
            // The everyday forms of the commands typed most: no argument parser (see `EverydayCommand`).
            if let everyday = subcommand?.everydayReading, try everyday(rest(arguments, after: command)) {
                return 0
            }
            var parsed = try command.parseAsRoot(rest(arguments, after: command))
            // A short option is also an alias of a long one (`-o` of `--output`): both given is the
            // same option twice. The parser's description is read only then (it costs a command ~1 ms).
            let given = rest(arguments, after: command)
            if let repeated = CommandSuggestion.repeatedOption(
                in: given,
                aliases: given.contains(where: CommandSuggestion.isShortOption),
                dump: { command._dumpHelp() }
            ) {
                throw CLIError(EverydayArguments.givenTwice(repeated))
            }
            if let opposite = CommandSuggestion.oppositeFlags(in: given) { throw CLIError(opposite) }
            try parsed.run()
            return 0
        } catch {
            MadeLedger.removeAfterFailure()
            return exitCode(after: error, command: command)
        }
    }

    /// Refuses (exit 2) a request for help under a word that names no subcommand: `own server nosuch
    /// --help` as `own server nosuch` is, not answered with the help of `own server` as if `nosuch`
    /// were nothing. `nil` when the arguments ask no help or name every subcommand they pass through.
    static func refusingUnknownWord(_ arguments: [String], under root: any ParsableCommand.Type) -> Int32? {
        guard arguments.contains("--help") || arguments.contains("-h"),
            let unknown = unknownWord(arguments, under: root)
        else { return nil }
        Output.error("unexpected argument '\(unknown.word)'; see `\(unknown.command) --help`")
        return 2
    }

    /// The first word of `arguments` that names none of the subcommands of the command it follows,
    /// when that command has subcommands and no default one (whose arguments the word could be).
    static func unknownWord(
        _ arguments: [String],
        under root: any ParsableCommand.Type
    ) -> (word: String, command: String)? {
        var current = root
        var names = root._commandName == "own" ? ["own"] : ["own", root._commandName]
        for argument in arguments {
            let configuration = current.configuration
            guard !argument.hasPrefix("-"), !configuration.subcommands.isEmpty,
                configuration.defaultSubcommand == nil
            else { return nil }
            guard
                let next = configuration.subcommands.first(where: {
                    $0._commandName == argument || $0.configuration.aliases.contains(argument)
                })
            else { return (argument, names.joined(separator: " ")) }
            current = next
            names.append(argument)
        }
        return nil
    }

    /// Runs a command that awaits as the root of its own executable (`own-gate`), with the same
    /// errors and exit codes as `own`.
    public static func run(_ command: any AsyncParsableCommand.Type, arguments: [String]) async -> Int32 {
        if let refused = refusingUnknownWord(arguments, under: command) { return refused }
        do {
            var parsed = try command.parseAsRoot(arguments)
            // As every `own` command refuses it: the last of two `--fail-on`s won, without a word.
            if let repeated = CommandSuggestion.repeatedOption(
                in: arguments,
                aliases: true,
                dump: { command._dumpHelp() }
            ) {
                throw CLIError(EverydayArguments.givenTwice(repeated))
            }
            if let opposite = CommandSuggestion.oppositeFlags(in: arguments) { throw CLIError(opposite) }
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
            return 0
        } catch {
            return exitCode(after: error, command: command, arguments: arguments)
        }
    }

    /// The named subcommand, parsed as the root when there is one: the argument parser then reflects
    /// over one command instead of every command, which is most of its start-up cost.
    static func named(_ arguments: [String]) -> any ParsableCommand.Type {
        subcommand(arguments)?.type ?? Own.self
    }

    /// The subcommand the first argument names, if any.
    static func subcommand(_ arguments: [String]) -> Subcommand? {
        arguments.first.flatMap { name in commands.first { $0.name == name } }
    }

    static func rest(_ arguments: [String], after command: any ParsableCommand.Type) -> [String] {
        command == Own.self ? arguments : Array(arguments.dropFirst())
    }

    private static func code(for error: any Error) -> ExitCode {
        switch error {
        case is ExitCode, is LedgerError, is CoreError, is CLIError: .failure
        default: Own.exitCode(for: error)
        }
    }

    /// The commands whose last argument is a text (a title, a note, a reason).
    static let textCommands: Set<String> = ["add", "note", "block", "unblock", "drop", "risk", "reopen", "decline"]

    static func exitCode(
        after error: any Error,
        command: any ParsableCommand.Type = Own.self,
        arguments: [String]? = nil
    ) -> Int32 {
        switch error {
        case let code as ExitCode:
            return code.rawValue
        case let error as LedgerError:
            Output.error(error.description)
            return error.isInputError ? 2 : 3
        case let error as CoreError:
            Output.error(error.description)
            return 2
        case let error as CLIError:
            Output.error(error.message)
            return 2
        default:
            let code = command.exitCode(for: error)
            if code == .success {
                if let text = CommandSuggestion.textReadAsHelp(CommandLine.arguments) {
                    Output.error(text)
                    return 2
                }
                print(command.fullMessage(for: error))
                return 0
            }
            // One line, as every other error: the parser's first line, and where the help is.
            var name = command == Own.self ? "own" : "own " + (command.configuration.commandName ?? "")
            // The deepest subcommand's own help (`own project list --help`, `own server token add
            // --help`), where its options are: the words after the command, while they name one.
            var named: any ParsableCommand.Type = command
            let words = command == Own.self ? [] : arguments ?? Array(CommandLine.arguments.dropFirst(2))
            var depth = 0
            for word in words {
                guard let next = named.configuration.subcommands.first(where: { $0._commandName == word }) else {
                    break
                }
                name += " " + word
                named = next
                depth += 1
            }
            var message = CommandSuggestion.oneLine(command.message(for: error), help: name)
            if !message.hasPrefix("unknown option"),
                let unknown = CommandSuggestion.unknownOption(in: words.dropFirst(depth), dump: named._dumpHelp())
            {
                message = unknown + "; see `\(name) --help`"
            }
            // `own add Fix the bug`, as Taskwarrior takes it: the words after the first were refused
            // one by one, with no word on why.
            if Self.textCommands.contains(command.configuration.commandName ?? ""),
                message.contains("unexpected argument")
            {
                // `own add "Buy milk" +errand project:home`: said as the options they are here.
                let taskwarrior = CommandSuggestion.taskwarriorWords(words.dropFirst(depth)).map { $0 + "; " } ?? ""
                message = message.replacingOccurrences(
                    of: "; see `",
                    with: "; \(taskwarrior)a text of several words goes in quotes, as \"Fix the login bug\"; see `"
                )
            }
            Output.error(
                CommandSuggestion.dashedValue(message, arguments: CommandLine.arguments)
                    ?? CommandSuggestion.dashedOptionValue(
                        message,
                        arguments: Array(words.dropFirst(depth)),
                        dump: { named._dumpHelp() }
                    )
                    ?? CommandSuggestion.dashedArgument(
                        message,
                        arguments: words.dropFirst(depth),
                        dump: { named._dumpHelp() }
                    )
                    ?? CommandSuggestion.dashedText(message) ?? message
            )
            return 2
        }
    }
}
