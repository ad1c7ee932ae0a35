import Foundation
import OwnCLI

// `own serve` and `own server …` run this executable: the HTTP server and its store load only for
// them, not at the start of every `own` command.
let arguments = Array(CommandLine.arguments.dropFirst())
// The version of the programs, which ship together (`own --version`): alone, as own takes it.
if arguments == ["--version"] {
    print(Own.version)
    exit(0)
}
// `own serve` (and `own server serve`) run the server as a command of its own, so its help and its
// errors name it as people type it: `own serve`, not `own server serve`.
if arguments.first == "serve" { exit(await Own.run(ServerCommand.Serve.self, arguments: Array(arguments.dropFirst()))) }
exit(await Own.run(ServerCommand.self, arguments: arguments))
