import ArgumentParser

/// A command whose everyday forms are read without the argument parser.
///
/// The argument parser learns a command by reflecting over it, and each type it meets there costs
/// a scan of every protocol conformance in the binary: about 12.7M instructions, 3 to 4 ms, of every
/// run. The everyday forms (`own show 3`, `own add "…" --due fri`, `own standup --json`) are read
/// here instead, into the same command value the parser would build, which then runs as usual
/// (`own list` goes further: it reads its forms into a `ListRequest`, making no property wrapper at
/// all). The grammar stays the commands' declarations: `EverydayTests` reads each form both ways and
/// compares the two commands. An option that takes one value, given twice, is refused
/// (`EverydayArguments.refuseRepeats`). Anything else (`--help`, `--name=value`, a short flag, a value
/// that starts with `-`, a value the option does not take, a failed check) goes to the parser, with
/// its help and its errors.
protocol EverydayCommand: ParsableCommand {
    /// The options, flags and positionals of the everyday forms.
    static var everydayGrammar: EverydayGrammar { get }

    /// The command as the parser would build it from these arguments; throws when it cannot tell.
    init(everyday given: EverydayArguments) throws
}

extension EverydayCommand {
    /// Runs the everyday form these arguments are (after the command's name); false leaves them
    /// to the parser. What `own NAME` calls through the command table.
    static func runEveryday(_ arguments: [String]) throws -> Bool {
        try EverydayArguments.refuseRepeats(arguments, everydayGrammar)
        guard var command = everyday(arguments) else { return false }
        try command.run()
        return true
    }

    /// The command for `arguments` (after the command's name) when they are an everyday form, with
    /// the checks the parser runs after reading (`validate()`); nil leaves them to the parser.
    static func everyday(_ arguments: [String]) -> Self? {
        guard let given = try? EverydayArguments(arguments, everydayGrammar),
            var command = try? Self(everyday: given),
            (try? command.validate()) != nil
        else { return nil }
        return command
    }
}

/// What the everyday forms of a command take: `--name` flags, `--name value` options (given at
/// most once, unless repeatable) and a number of positionals.
///
/// Lists, not sets: a handful of names each, and the first `Set<String>` a run makes costs a scan of
/// every protocol conformance in the binary (about 400,000 instructions).
struct EverydayGrammar {
    var flags: [String] = []
    var options: [String] = []
    var repeatable: [String] = []
    var positionals: ClosedRange<Int> = 0...0

    /// This grammar with another's flags and options (an option group's).
    func with(_ other: EverydayGrammar) -> EverydayGrammar {
        var joined = self
        joined.flags += other.flags
        joined.options += other.options
        joined.repeatable += other.repeatable
        return joined
    }
}

/// Arguments read by an `EverydayGrammar`.
struct EverydayArguments {
    /// The arguments are not an everyday form of the command: the parser reads them.
    struct NotEveryday: Error {}

    private(set) var positionals: [String] = []
    private var flags: [String] = []
    private var values: [String: [String]] = [:]

    init(_ arguments: [String], _ grammar: EverydayGrammar) throws {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                positionals.append(argument)
                continue
            }
            if grammar.flags.contains(argument) {
                guard !flags.contains(argument) else { throw NotEveryday() }
                flags.append(argument)
                continue
            }
            // A value that starts with `-` may be an option the parser would read: it decides.
            guard grammar.options.contains(argument), index < arguments.endIndex, !arguments[index].hasPrefix("-"),
                values[argument] == nil || grammar.repeatable.contains(argument)
            else { throw NotEveryday() }
            values[argument, default: []].append(arguments[index])
            index += 1
        }
        guard grammar.positionals.contains(positionals.count) else { throw NotEveryday() }
    }

    /// Refuses an option of `grammar` that takes one value and is given twice, as `--name value` or
    /// `--name=value`: the parser kept the last one without a word (`own list --affects bob --affects
    /// ops` listed ops's loops only).
    static func refuseRepeats(_ arguments: [String], _ grammar: EverydayGrammar) throws {
        var seen: [String] = []
        for argument in arguments {
            if argument == "--" { return }
            let name = argument.hasPrefix("--") ? String(argument.prefix { $0 != "=" }) : argument
            guard grammar.options.contains(name), !grammar.repeatable.contains(name) else { continue }
            if seen.contains(name) { throw CLIError(givenTwice(name)) }
            seen.append(name)
        }
    }

    /// What refuses an option that takes one value, given twice, in every command.
    static func givenTwice(_ option: String) -> String {
        "\(option) is given twice and takes one value; give it once (several values comma-separated, where its "
            + "help says so)"
    }

    /// Whether the flag was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The option's text, nil when not given.
    func text(_ name: String) -> String? { values[name]?.first }

    /// A repeatable option's texts, in the order given.
    func texts(_ name: String) -> [String] { values[name] ?? [] }

    /// The option's value read as the parser reads it (`init?(argument:)`), nil when not given.
    func value<Value: ExpressibleByArgument>(_ name: String) throws -> Value? {
        guard let text = text(name) else { return nil }
        guard let value = Value(argument: text) else { throw NotEveryday() }
        return value
    }

    /// The positional at `index`, nil past the last one given.
    func positional(_ index: Int) -> String? {
        index < positionals.count ? positionals[index] : nil
    }
}
