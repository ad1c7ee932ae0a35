import Foundation
import OwnCLI

// `own gate …` runs this executable: PostgreSQL's client (for live table sizes) loads only for the
// gate, not at the start of every `own` command.
exit(await Own.run(GateCommand.self, arguments: Array(CommandLine.arguments.dropFirst())))
