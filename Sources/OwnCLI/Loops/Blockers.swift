import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own block`: the loop cannot move.
    struct Block: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "block",
            _superCommandName: "own",
            abstract: "Mark a loop blocked, and why.",
            discussion:
                "Ask for help soon (`own ask`): the doctor flags a loop blocked a working day with no help asked."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("What it is waiting on (or --reason).", valueName: "reason")) var text: String?
        @Option(name: .long, help: "What it is waiting on.") var reason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let reason = try GivenText.required(
                text,
                reason,
                "reason",
                missing: "say what it is waiting on: own block \(loop) REASON"
            )
            let context = try global.context()
            let loop = try context.record(.block, on: loop, fields: ["reason": .string(reason)])
            Output.confirm("#\(loop.number) blocked: \(reason)")
        }
    }

    /// `own ask`: help was asked for.
    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            _superCommandName: "own",
            abstract: "Record that you asked for help on a loop."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(name: .long, help: ArgumentHelp("Whom you asked: a person or a team.", valueName: "person")) var from:
            String
        @Argument(help: ArgumentHelp("Where and how you asked (or --note).", valueName: "note")) var text: String?
        @Option(name: .long, help: "Where and how you asked.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.either(text, note, "note")
            let context = try global.context()
            // Someone: "nobody" or "all" asked no one, and silenced `stuck-alone`.
            let from = try LoopFields.name(from, "--from", otherwise: "give whom you asked: a person or a team")
            // Nor its owner: asking yourself is no help asked, and silenced `stuck-alone` as well.
            let current = try context.loop(loop)
            if Event.nameForm(from) == current.owner {
                throw CLIError(
                    "\(from) owns #\(current.number): help is asked of someone else (a person or a team)"
                )
            }
            var fields: EventFields = ["from": .string(from)]
            if let note { fields["note"] = .string(note) }
            let loop = try context.record(.askForHelp, on: loop, fields: fields)
            Output.confirm("#\(loop.number) help asked from \(from)")
        }
    }

    /// `own unblock`: the loop can move again.
    struct Unblock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unblock",
            _superCommandName: "own",
            abstract: "Mark a blocked loop unblocked."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("What unblocked it (or --note).", valueName: "note")) var text: String?
        @Option(name: .long, help: "What unblocked it.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.either(text, note, "note")
            let context = try global.context()
            let fields: EventFields = note.map { ["note": .string($0)] } ?? [:]
            let loop = try context.record(.unblock, on: loop, fields: fields)
            Output.confirm("#\(loop.number) \(loop.state.rawValue) again: \(loop.title)")
        }
    }
}
