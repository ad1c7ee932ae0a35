import ArgumentParser
import Foundation
import OwnCore
import OwnStore

/// Who was told of a change to plan.
struct ToldOption: ParsableArguments {
    @Option(
        name: .long,
        parsing: .singleValue,
        help: ArgumentHelp("Who was told (repeat, or comma-separate).", valueName: "who")
    )
    var told: [String] = []

    func validate() throws {
        _ = try LoopFields.people(told, "--told", otherwise: "leave --told out when nobody was told")
    }

    var field: EventFields {
        let people = LoopFields.personList(told)
        return people.isEmpty ? [:] : ["told": .array(people.map(JSONValue.string))]
    }
}

/// A reminder printed after a change to plan that nobody was told of; or, told to some, of those it
/// affects who were not: a change someone was told of is told, and no notice goes out for it.
func remindToTell(_ loop: Loop, told: [String], context: Context) {
    // Only a change the doctor would ask about: a due date pulled in is no bad news for anyone.
    let calendar = context.calendars.calendar(for: loop.owner)
    guard loop.changes.last.map({ UncommunicatedChange.matters($0, calendar: calendar) }) ?? true else { return }
    let audience = loop.othersAffected
    guard Loop.PlanChange.tellsSomeone(told, by: context.actor) else {
        if loop.planChangesNeedTelling {
            // The notice goes to those it affects: with none listed, it is addressed to no one yet.
            print(
                audience.isEmpty
                    ? "  nobody told yet, and it lists no one it affects: `own edit \(loop.number) --affects NAME` names "
                        + "them, then `own notice \(loop.number)` drafts the notice"
                    : "  nobody told yet: `own notice \(loop.number)` drafts the notice for "
                        + audience.joined(separator: ", ")
            )
        }
        return
    }
    let untold = audience.filter { person in !told.contains(person) }
    if !untold.isEmpty {
        print(
            "  not told: \(untold.joined(separator: ", ")), whom it affects; no notice goes out for a change "
                + "someone was told of: `own notice \(loop.number)` drafts one"
        )
    }
}

extension Own {
    /// `own risk`: a risk to the plan.
    struct Risk: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "risk",
            _superCommandName: "own",
            abstract: "Record a risk to a loop's plan."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("The risk, and what it would cost (or --note).", valueName: "note"))
        var text: String?
        @Option(name: .long, help: "The risk, and what it would cost.") var note: String?
        @OptionGroup var told: ToldOption
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.required(
                text,
                note,
                "note",
                missing: "say what the risk is: own risk \(loop) TEXT"
            )
            let context = try global.context()
            var fields = told.field
            fields["note"] = .string(note)
            let loop = try context.record(.risk, on: loop, fields: fields)
            Output.confirm("#\(loop.number) risk: \(note)")
            remindToTell(loop, told: LoopFields.personList(told.told), context: context)
        }
    }

    /// `own scope`: the scope changed.
    struct Scope: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scope",
            _superCommandName: "own",
            abstract: "Record a change of scope, with the new estimate."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("What changed (or --note).", valueName: "note")) var text: String?
        @Option(name: .long, help: "What changed.") var note: String?
        @Option(name: .long, help: ArgumentHelp("The new total estimate: 10h, 1.5h, 90m.", valueName: "hours"))
        var estimate: String?
        @OptionGroup var told: ToldOption
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.required(text, note, "note", missing: "say what changed: own scope \(loop) TEXT")
            let context = try global.context()
            var fields = told.field
            fields["note"] = .string(note)
            if let estimate {
                if LoopFields.isNone(estimate) {
                    throw CLIError("own scope records a new estimate; `own edit \(loop) --estimate none` clears it")
                }
                fields["estimateHours"] = .number(try LoopFields.hours(estimate))
            }
            let loop = try context.record(.rescope, on: loop, fields: fields)
            Output.confirm("#\(loop.number) scope changed: \(note)")
            remindToTell(loop, told: LoopFields.personList(told.told), context: context)
        }
    }

    /// `own due`: the due date moved.
    struct DueChange: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "due",
            _superCommandName: "own",
            abstract: "Move (or remove) a loop's due date, and say why."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: "The new due date: 2026-12-08, fri, +3d …, or none to remove it") var due: String
        @Argument(help: ArgumentHelp("Why it moved (or --reason).", valueName: "reason")) var text: String?
        @Option(name: .long, help: "Why it moved.") var reason: String?
        @OptionGroup var told: ToldOption
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let reason = try GivenText.either(text, reason, "reason", after: "the date")
            let context = try global.context()
            var fields = told.field
            // `none` removes the date: a promise taken back is a change to plan as a move is.
            let current = try context.loop(loop)
            let due =
                LoopFields.isNone(due)
                ? nil : try LoopFields.newDue(due, context, owner: current.owner, warns: current.state.isLive)
            fields["due"] = due.map { .string($0.json) } ?? .null
            if let reason { fields["reason"] = .string(reason) }
            if current.due == due {
                print(
                    "#\(current.number) \(due.map { "is already due \($0.json)" } ?? "has no due date"); nothing recorded"
                )
                return
            }
            let loop = try context.record(.moveDue, on: loop, fields: fields)
            print("#\(loop.number) " + (due.map { "now due \($0.json)" } ?? "has no due date now"))
            remindToTell(loop, told: LoopFields.personList(told.told), context: context)
        }
    }
}
