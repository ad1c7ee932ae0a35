import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own guard`: records what now prevents the same ball being dropped again.
    struct GuardCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "guard",
            _superCommandName: "own",
            abstract: "Record what now prevents a repeat on a loop: an alert, a check, a gate, a test.",
            discussion: """
                Build systems, not habits: after an incident or a missed date, name the guard that stops the \
                same drop. The doctor's no-guard rule asks for one on incidents and loops done late at stakes \
                medium or above; the weekly lists guards built and the brag document counts them. A loop may \
                have several; `own done --guard` records one as it closes.
                """
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: "The guard, in words: \"nightly export alert\".") var text: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            guard !LoopFields.isNone(text) else {
                throw CLIError(
                    "none is no guard: name what now prevents a repeat (an alert, a check, a gate, a test), "
                        + "once there is one"
                )
            }
            let text = try LoopFields.text(text, "the guard")
            let loop = try context.record(.guardAgainstRepeat, on: loop, fields: ["guard": .string(text)])
            Output.confirm("#\(loop.number) guarded by \(text): \(loop.title)")
        }
    }
}
