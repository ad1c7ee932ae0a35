import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own approve`: someone other than the owner approves the plan.
    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve",
            _superCommandName: "own",
            abstract: "Approve a proposed loop (autonomy 3 or below) so its owner can act.",
            discussion:
                "The approver must be someone other than the owner. With a team server, only a lead's approval "
                + "is taken: a member's is refused at the next sync and stays in this ledger (`own undo` takes it "
                + "back here)."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(name: .long, help: ArgumentHelp("Who approves (default: you).", valueName: "person")) var by: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            var context = try global.context()
            if let by { context.actor = try LoopFields.person(by, "--by") }
            let approver = context.actor
            let loop = try context.record(.approve, on: loop)
            Output.confirm("#\(loop.number) approved by \(approver): \(loop.title)")
            // The ledger does not know roles; the team server does, and refuses it from a member.
            if context.configuration.remote != nil {
                Output.note(
                    "a team server takes an approval only from a lead: from anyone else the next sync refuses it, "
                        + "and it stays in this ledger (`own undo` takes it back here)"
                )
            }
        }
    }

    /// `own handoff`: someone else owns the work now.
    struct Handoff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handoff",
            _superCommandName: "own",
            abstract: "Hand a loop off to another person or team: they own it now.",
            discussion: """
                The recipient becomes the owner, and the loop is open for them with its history kept. The \
                previous owner is its delegator: `own list --delegated` shows what you handed off, and the \
                doctor's unaccepted-handoff rule reminds you to follow up when nobody has taken it up.
                """
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(name: .long, help: ArgumentHelp("Who takes it over (not you, and not its owner).", valueName: "person"))
        var to: String
        @Argument(help: ArgumentHelp("Why, and what they need to know (or --note).", valueName: "note"))
        var text: String?
        @Option(name: .long, help: "Why, and what they need to know.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.either(text, note, "note")
            let context = try global.context()
            let to = try LoopFields.name(
                to,
                "--to",
                otherwise: "a hand-off needs one person to take the loop over (to let it go, `own drop` it)"
            )
            var fields: EventFields = ["to": .string(to)]
            if let note { fields["note"] = .string(note) }
            // Only the owner hands a loop off (`LoopAction.check`, said first: someone else's loop is
            // not theirs to hand on at all), and not to themselves.
            // A hand-off opens the loop for its new owner: a block it was in is lifted, and said so.
            var block: String?
            let loop = try context.record(.handOff, on: loop, fields: fields) { current in
                if current.state == .blocked { block = current.blockReason ?? "" }
                if to == context.actor {
                    throw CLIError("you cannot hand a loop to yourself; name who takes it over with --to NAME")
                }
                // Names are compared exactly everywhere: "Ana" would be someone else, whom no one is.
                if to.lowercased() == context.actor.lowercased() {
                    throw CLIError(
                        "\(to) is you (\(context.actor)) but for the case of its letters, and names are exact: "
                            + "you cannot hand a loop to yourself; name who takes it over with --to NAME"
                    )
                }
            }
            Output.confirm("#\(loop.number) handed off to \(to): \(loop.title)")
            Output.confirm("  \(to) owns it now (\(loop.state.rawValue)); `own list --delegated` follows it up")
            if let block {
                let what = block.isEmpty ? "" : " on \(TextEscaping.quoted(block))"
                Output.confirm(
                    "  its block\(what) is lifted: \(to) blocks it again (`own block \(loop.number) REASON`) if it still waits"
                )
            }
        }
    }

    /// `own drop`: the loop will not be done.
    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drop",
            _superCommandName: "own",
            abstract: "Drop a loop you will not do, say why and who was told."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("Why it is dropped (or --reason).", valueName: "reason")) var text: String?
        @Option(name: .long, help: "Why it is dropped.") var reason: String?
        @OptionGroup var told: ToldOption
        @OptionGroup var global: GlobalOptions

        func run() throws {
            // Said, as a reopen's and a block's are: the history and the notices tell why it went.
            let reason = try GivenText.required(
                text,
                reason,
                "reason",
                missing: "say why it is dropped: own drop \(loop) REASON"
            )
            let context = try global.context()
            var fields = told.field
            fields["reason"] = .string(reason)
            let loop = try context.record(.drop, on: loop, fields: fields)
            Output.confirm("#\(loop.number) dropped: \(loop.title)")
            // The record and the weekly count a drop nobody was told of, as the other commands that
            // change what others count on remind.
            // Naming only yourself tells no one (`Loop.PlanChange.tellsSomeone`).
            if !Loop.PlanChange.tellsSomeone(
                told.field["told"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                by: context.actor
            ) {
                let audience = loop.othersAffected
                // The record counts the owner's drops only: a teammate's is not theirs.
                print(
                    "  nobody told yet: tell \(audience.isEmpty ? "whoever counted on it" : audience.joined(separator: ", ")), "
                        + "then `own undo` and drop it again with --told"
                        + (context.actor == loop.owner ? "; the record lists it as dropped untold" : "")
                )
            }
        }
    }
}
