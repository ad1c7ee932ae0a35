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
            discussion: "The approver must be someone other than the owner."
        )

        @Argument(help: "The loop: its number or key.") var loop: String
        @Option(name: .long, help: "Who approves (default: you).") var by: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            var context = try global.context()
            if let by { context.actor = try LoopFields.text(by, "--by") }
            let approver = context.actor
            let loop = try context.record(.approve, on: loop)
            print("#\(loop.number) approved by \(approver): \(loop.title)")
        }
    }

    /// `own handoff`: someone else owns the work now.
    struct Handoff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "handoff",
            _superCommandName: "own",
            abstract: "Hand a loop off to another person or team."
        )

        @Argument(help: "The loop: its number or key.") var loop: String
        @Option(name: .long, help: "Who takes it over.") var to: String
        @Option(name: .long, help: "Why, and what they need to know.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            var fields: [String: JSONValue] = ["to": .string(try LoopFields.text(to, "--to"))]
            if let note { fields["note"] = .string(try LoopFields.text(note, "--note")) }
            let loop = try context.record(.handOff, on: loop, fields: fields)
            print("#\(loop.number) handed off to \(to): \(loop.title)")
        }
    }

    /// `own drop`: the loop will not be done.
    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drop",
            _superCommandName: "own",
            abstract: "Drop a loop you will not do, say why and who was told."
        )

        @Argument(help: "The loop: its number or key.") var loop: String
        @Option(name: .long, help: "Why it is dropped.") var reason: String?
        @OptionGroup var told: ToldOption
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            var fields = told.field
            if let reason { fields["reason"] = .string(try LoopFields.text(reason, "--reason")) }
            let loop = try context.record(.drop, on: loop, fields: fields)
            print("#\(loop.number) dropped: \(loop.title)")
        }
    }
}
