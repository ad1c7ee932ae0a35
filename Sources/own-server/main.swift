import Foundation
import OwnCLI

// `own serve` and `own server …` run this executable: the HTTP server and its store load only for
// them, not at the start of every `own` command.
exit(await Own.run(ServerCommand.self, arguments: Array(CommandLine.arguments.dropFirst())))
