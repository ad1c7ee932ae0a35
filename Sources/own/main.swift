import Foundation
import OwnCLI

exit(await Own.run(arguments: Array(CommandLine.arguments.dropFirst())))
