import Foundation
import OwnCLI

// `own gate …` runs this executable: PostgreSQL's client (for live table sizes) loads only for the
// gate, not at the start of every `own` command.
var arguments = Array(CommandLine.arguments.dropFirst())
// `own gate --help` shows the options of checking, the default subcommand, not only the names of
// the subcommands (the options are what errors send the user there for).
// `own gate help` alike, as `own help gate` shows it (the parser's own `help` showed the list alone).
if arguments == ["--help"] || arguments == ["-h"] || arguments == ["help"] { arguments = ["check", "--help"] }
// The version of the programs, which ship together (`own --version`): alone, as own takes it, not a
// flag the argument parser would list under every subcommand that refuses it.
if arguments == ["--version"] {
    print(Own.version)
    exit(0)
}
exit(await Own.run(GateCommand.self, arguments: arguments))
