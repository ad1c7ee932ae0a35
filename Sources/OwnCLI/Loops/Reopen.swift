import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own reopen`: a done or dropped loop is open again.
    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reopen",
            _superCommandName: "own",
            abstract: "Take a done or dropped loop back to open, saying why.",
            discussion: """
                The loop is open again (proposed, if it still needs approval) with its whole history kept; \
                its outcome is cleared. To take back a mistaken `own done` or `own drop` within undo-within (an \
                hour by default), `own undo` leaves no trace in the reports; reopen is for a loop that was really \
                closed.
                """
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("Why it is open again (or --reason).", valueName: "reason")) var text: String?
        @Option(name: .long, help: "Why it is open again.") var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let reason = try GivenText.required(
                text,
                reason,
                "reason",
                missing: "say why the loop is open again: own reopen \(loop) --reason TEXT"
            )
            let context = try global.context()
            let loop = try context.record(.reopen, on: loop, fields: ["reason": .string(reason)])
            Output.confirm("#\(loop.number) \(loop.state.rawValue) again: \(loop.title)")
        }
    }
}
