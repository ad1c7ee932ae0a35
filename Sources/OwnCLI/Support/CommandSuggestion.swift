import Foundation
import OwnCore

/// Words for a mistyped command line: the nearest command, and the argument parser's messages on
/// one line.
enum CommandSuggestion {
    /// `own lsit` → "unknown command "lsit"; did you mean `own list`? …".
    static func message(for name: String, among commands: [String]) -> String {
        let best = commands.map { ($0, distance(name.lowercased(), $0)) }.min { $0.1 < $1.1 }
        let text = "unknown command \"\(name)\""
        if let (command, distance) = best, distance <= max(2, command.count / 3) {
            return text + "; did you mean `own \(command)`? `own --help` lists the commands"
        }
        return text + "; `own --help` lists the commands"
    }

    /// The parser's message as one line that ends with where the help is.
    /// A long list of allowed values, which the parser writes one per line (`  - open`), joins the line.
    /// The parser's sentence starts lower case, as every other message; one that starts with what the
    /// user typed (`--person ALL` refused as "ALL is kept …") keeps it as typed.
    static func oneLine(_ message: String, help command: String, arguments: [String] = CommandLine.arguments) -> String
    {
        let lines = message.split(separator: "\n").map { $0.trimming(.spaces) }
        var first = lines.first ?? message
        if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
        let typed = first.prefix { $0 != " " }
        if let initial = first.first, initial.isUppercase,
            !arguments.dropFirst().contains(where: { $0.contains(typed) })
        {
            first = initial.lowercased() + first.dropFirst()
        }
        let values = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { "'" + $0.dropFirst(2) + "'" }
        if first.hasSuffix(" one of the following:"), !values.isEmpty {
            first = first.dropLast("the following:".count) + values.joined(separator: ", ")
        }
        while first.hasSuffix(".") { first.removeLast() }
        // The parser's second sentence, "Did you mean '--db'?", in the one line.
        if let range = first.range(of: ". Did you mean "), first.hasSuffix("?") {
            first = first[..<range.lowerBound] + " (did you mean " + first[range.upperBound...] + ")"
        }
        return first + "; see `\(command) --help`"
    }

    /// The message for text that begins with "-" and holds an h (`own drop 1 "-hard no"`), which the
    /// parser read as short options and so as a request for help: printed with exit 0, it looked as
    /// if the loop were dropped. Nil when help was asked for (`-h`, `--help`, before any `--`).
    static func textReadAsHelp(_ arguments: [String]) -> String? {
        let options = arguments.dropFirst().prefix { $0 != "--" }
        guard !options.contains("-h"), !options.contains("--help"), !options.contains("-help"),
            let text = options.first(where: {
                $0.count > 2 && $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("h")
            })
        else { return nil }
        return "\(TextEscaping.quoted(text)) begins with - and reads as options (-h asks for help), so nothing was "
            + "done; to give it as text, put -- before it, after the options"
    }

    /// The first long option among `arguments` (those after the command's words, before a `--`) that
    /// the command does not take, for a command line the parser refused for another reason first: it
    /// checks a command's own rules before its unknown options, so `own project list --owner bob` was
    /// told that list takes no name (bob, read as one), not that it takes no --owner. `dump` is the
    /// command's arguments as the parser describes them (`_dumpHelp`), hidden ones included.
    /// Said as the parser says it: "unknown option '--onwer' (did you mean '--owner'?)".
    static func unknownOption(in arguments: some Sequence<String>, dump: String) -> String? {
        // The command's options and its subcommands': one of theirs may be the default's (`own gate
        // --format` is `own gate check`'s), and the parser's own message is kept for any of them.
        guard let described = describedArguments(dump) else { return nil }
        let known = Set(described.map(\.name))
        for option in options(in: arguments) where option.hasPrefix("--") && !known.contains(option) {
            let near = known.filter { $0.hasPrefix("--") }.map { ($0, distance(option, $0)) }.min { $0.1 < $1.1 }
            guard let (guess, steps) = near, steps <= 2 else { return "unknown option '\(option)'" }
            return "unknown option '\(option)' (did you mean '\(guess)'?)"
        }
        return nil
    }

    /// The first option among `arguments` (before a `--`) given twice, as `--name value`,
    /// `--name=value` or `-n value`, that takes one value in the command (or a subcommand of it): the parser keeps
    /// the last without a word (`own edit 3 --due fri --due=mon`). `dump` describes the command's
    /// arguments (`_dumpHelp`), asked only when a name comes twice: nearly every command line costs
    /// nothing more.
    /// With `aliases`, two spellings of one option (`--tz` and `--zone`) count as given twice too; the
    /// description is asked then whenever two long options are given (the team server's and the
    /// gate's commands, where a few milliseconds do not matter).
    static func repeatedOption(in arguments: [String], aliases: Bool = false, dump: () -> String) -> String? {
        let given = options(in: arguments)
        var seen: Set<String> = []
        var twice: [String] = []
        for option in given where !seen.insert(option).inserted && !twice.contains(option) {
            twice.append(option)
        }
        guard !twice.isEmpty || (aliases && seen.count > 1), let described = describedArguments(dump()) else {
            return nil
        }
        if let repeated = twice.first(where: { option in
            let named = described.filter { $0.name == option }
            return !named.isEmpty && named.allSatisfy(\.takesOneValue)
        }) {
            return repeated
        }
        guard aliases else { return nil }
        for (index, option) in given.enumerated() {
            guard let entry = described.first(where: { $0.name == option }), entry.takesOneValue,
                let earlier = given[..<index].first(where: { $0 != option && entry.spellings.contains($0) })
            else { continue }
            return "\(earlier) (also as \(option))"
        }
        return nil
    }

    /// The message for a flag given with its inversion (`--verified --no-verified`): the parser kept
    /// the last without a word. Nil when no `--no-X` comes with its `--X`.
    static func oppositeFlags(in arguments: [String]) -> String? {
        let given = options(in: arguments)
        guard
            let negative = given.first(where: { option in
                option.hasPrefix("--no-") && given.contains("--" + option.dropFirst(5))
            })
        else { return nil }
        return "--\(negative.dropFirst(5)) and \(negative) say opposite things; give one of them"
    }

    /// The options among `arguments`, before a `--`, each by its name: `--due` of `--due=fri`, and a
    /// short one (`-o`) as it stands (`-o a -o b` kept the last without a word).
    private static func options(in arguments: some Sequence<String>) -> [String] {
        var options: [String] = []
        for argument in arguments {
            if argument == "--" { break }
            if isShortOption(argument) {
                options.append(argument)
                continue
            }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            options.append(String(argument.prefix { $0 != "=" }))
        }
        return options
    }

    /// Whether an argument is a short option's name, like `-o` (not `-5` or `--`).
    static func isShortOption(_ argument: String) -> Bool {
        let bytes = Array(argument.utf8)
        return bytes.count == 2 && bytes[0] == UInt8(ascii: "-") && (bytes[1] | 0x20) >= UInt8(ascii: "a")
            && (bytes[1] | 0x20) <= UInt8(ascii: "z")
    }

    /// Every name (`--due`, `-h`) of the arguments of a command and its subcommands, as the parser
    /// describes them (`_dumpHelp`, hidden ones included), whether it is an option that takes one
    /// value, and every spelling of its argument; nil when the text is no description.
    private static func describedArguments(
        _ dump: String
    ) -> [(name: String, takesOneValue: Bool, spellings: [String])]? {
        guard let command = (try? JSONParser.parse(dump))?.objectValue?["command"] else { return nil }
        func arguments(_ command: JSONValue) -> [(name: String, takesOneValue: Bool, spellings: [String])] {
            let object = command.objectValue ?? [:]
            let own = (object["arguments"]?.arrayValue ?? []).flatMap { argument in
                let argument = argument.objectValue ?? [:]
                let takesOneValue = argument["kind"] == "option" && argument["isRepeating"]?.boolValue != true
                let names = (argument["names"]?.arrayValue ?? []).compactMap { name -> String? in
                    guard let object = name.objectValue, let text = object["name"]?.stringValue else { return nil }
                    return object["kind"]?.stringValue == "long" ? "--" + text : "-" + text
                }
                return names.map { (name: $0, takesOneValue: takesOneValue, spellings: names) }
            }
            return own + (object["subcommands"]?.arrayValue ?? []).flatMap(arguments)
        }
        return arguments(command)
    }

    /// The hint for text the parser read as an unknown short option (`own note 1 "-5% faster"`).
    static func dashedText(_ message: String) -> String? {
        let prefix = "unknown option '-"
        guard message.hasPrefix(prefix), !message.hasPrefix(prefix + "-"), let see = message.range(of: "; see `")
        else { return nil }
        return message[..<see.lowerBound] + "; text that begins with - reads as options: put -- before it, after "
            + "the options" + message[see.lowerBound...]
    }

    /// The one-line message for an option whose value begins with "-" (`--every -5m`), which the
    /// parser read as an option and so reported the value missing: says how to give it. Nil for
    /// another message, or a value really missing.
    static func dashedValue(_ message: String, arguments: [String]) -> String? {
        let prefix = "missing value for '"
        guard message.hasPrefix(prefix) else { return nil }
        let option = message.dropFirst(prefix.count).prefix { $0 != " " && $0 != "'" }
        guard option.hasPrefix("--"), let index = arguments.firstIndex(of: String(option)),
            index + 1 < arguments.count
        else { return nil }
        let value = arguments[index + 1]
        guard value.count > 1, value.hasPrefix("-"), !value.hasPrefix("--") else { return nil }
        guard
            let end = message.range(
                of: "'",
                range: message.index(message.startIndex, offsetBy: prefix.count)..<message.endIndex
            )
        else { return nil }
        return message[...end.lowerBound]
            + " (\"\(value)\" reads as an option: write \(TextEscaping.shellWord(option + "=" + value)))"
            + message[end.upperBound...]
    }

    /// The one-line message for text that begins with "-" where the command wants a word of text
    /// (`own add "-negative title"`, `own decline "-x y"`): the parser read it as options and said
    /// the text was missing, or the command did. Nil for a message that says so already, or no word
    /// before a `--` that begins with one "-" and is none of the command's options.
    static func dashedArgument(_ message: String, arguments: some Sequence<String>, dump: () -> String) -> String? {
        guard !message.hasPrefix("unknown option"), !message.hasPrefix("missing value"),
            let see = message.range(of: "; see `")
        else { return nil }
        guard arguments.contains(where: { $0.count > 1 && $0.hasPrefix("-") && !$0.hasPrefix("--") }),
            let described = describedArguments(dump())
        else { return nil }
        let known = Set(described.map(\.name))
        let takingValues = Set(described.filter(\.takesOneValue).map(\.name))
        var candidates: [String] = []
        var previous: String?
        for argument in arguments {
            if argument == "--" { break }
            // The value of the option before it (`--since -4w`) was read as that: it is not the word.
            if argument.count > 1, argument.hasPrefix("-"), !argument.hasPrefix("--"),
                !(previous.map(takingValues.contains) ?? false)
            {
                candidates.append(argument)
            }
            previous = argument
        }
        guard !candidates.isEmpty else { return nil }
        guard let word = candidates.first(where: { !known.contains($0) }) else { return nil }
        return message[..<see.lowerBound] + " (\(TextEscaping.shellWord(word)) reads as options: put -- before text "
            + "that begins with -, after the options)" + message[see.lowerBound...]
    }

    /// The one-line message for an option whose value begins with "--" (`--title "--weird"`), which
    /// the parser read as an unknown option: says how to give it. Nil for another message.
    static func dashedOptionValue(_ message: String, arguments: [String], dump: () -> String) -> String? {
        let prefix = "unknown option '--"
        guard message.hasPrefix(prefix), let see = message.range(of: "; see `") else { return nil }
        let unknown = String(message.dropFirst(prefix.count - 2).prefix { $0 != "'" })
        guard let index = arguments.firstIndex(of: unknown), index > 0,
            arguments[index - 1].hasPrefix("--"), !arguments[index - 1].contains("="),
            let described = describedArguments(dump()),
            described.contains(where: { $0.name == arguments[index - 1] && $0.takesOneValue })
        else { return nil }
        let option = arguments[index - 1]
        return "missing value for '\(option)' (\"\(unknown)\" reads as an option: write "
            + "\(TextEscaping.shellWord(option + "=" + unknown)))" + message[see.lowerBound...]
    }

    /// The edit distance (insertions, deletions, substitutions, and swaps of neighbours).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }

    /// Taskwarrior's way of giving a tag, a project, a due date or a priority (`+errand project:home
    /// due:tomorrow priority:H`), said as own's options: nil when no word is one of them.
    static func taskwarriorWords(_ words: some Sequence<String>) -> String? {
        var options: [String] = []
        for word in words {
            let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
            if word.count > 1, word.hasPrefix("+"), !word.contains(" ") {
                options.append("--tag " + word.dropFirst())
            } else if parts.count == 2, !parts[1].isEmpty {
                let (name, value) = (parts[0].lowercased(), parts[1])
                if ["project", "proj", "pro"].contains(name) {
                    options.append("--project " + value)
                } else if name == "due" {
                    options.append("--due " + value)
                } else if ["priority", "prio", "pri"].contains(name),
                    let stakes = ["h": "high", "m": "medium", "l": "low"][value.lowercased()]
                {
                    options.append("--stakes " + stakes)
                }
            }
        }
        guard !options.isEmpty else { return nil }
        return "Taskwarrior's attributes are options here: " + options.joined(separator: " ")
    }
}
