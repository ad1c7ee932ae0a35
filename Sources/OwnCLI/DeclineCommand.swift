import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own decline`: an explicit "not mine", recorded.
    struct DeclineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decline",
            _superCommandName: "own",
            abstract:
                "Record work you are not taking on: own decline \"rewrite the billing cron\" --reason … --told lead.",
            usage: """
                own decline <title> [<reason>] [--reason <reason>] [--told <who>] [--owner <person>] …
                own decline --list [--owner <person>|all] [--format text|md|json]
                """,
            discussion: """
                Be explicit about what you are not owning: a non-commitment, with the reason and who was told, \
                so nobody assumes you have it. The weekly lists it under "Not taking on"; --list shows yours.
                """
        )

        @Argument(help: "What you are not taking on.") var title: String?
        @Argument(help: ArgumentHelp("Why not (or --reason).", valueName: "reason")) var why: String?
        @Option(name: .long, help: "Why not.") var reason: String?
        @OptionGroup var told: ToldOption
        @Option(
            name: .long,
            help: ArgumentHelp("Who declines (default: you; with --list, `all` for everyone's).", valueName: "person"),
            completion: .list(["all"]),
            transform: OwnerOption.parse
        )
        var owner: String?
        @Flag(name: .long, help: "List what you declined.") var list = false
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if list, title != nil || why != nil { throw ValidationError("--list takes no title") }
            if list, reason != nil || !told.told.isEmpty {
                throw ValidationError("--reason and --told go with what you decline, not with --list")
            }
            if !list, title == nil { throw ValidationError("say what you are not taking on, or --list") }
            if !list, output.resolved != .text { throw ValidationError("--format and --json go with --list") }
        }

        func run() throws {
            // A listing only reads: a mistyped --db makes no empty ledger there.
            let context = list ? try global.context(forOwner: owner) : try global.context()
            let person = owner ?? context.actor
            if list {
                let declined = Decline.all(in: try context.factsAboutPeople(Decline.ledgerKey))
                    .filter { person == "all" || $0.person == person }
                print(Self.listing(declined, of: person, on: context.calendars, format: output.resolved))
                return
            }
            // A decline is one person's: `all` names no one who declines (and no ledger would take it back).
            guard person != "all" else { throw CLIError("--owner all goes with --list: a decline is one person's") }
            guard let title else { throw CLIError("say what you are not taking on") }
            // A misspelled --owner records a decline nobody's weekly shows.
            try context.warnIfNobody(owner)
            let item = Decline(
                id: Identifiers.event(),
                title: try LoopFields.text(title, "the title"),
                person: try LoopFields.person(person, "--owner"),
                at: context.now,
                reason: try GivenText.either(why, reason, "reason", after: "the title"),
                told: told.field["told"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
            var event = item.event
            event.by = context.actor
            try context.append([event])
            Output.confirm("not taking on: \(title): \(item.summary)")
            if !Loop.PlanChange.tellsSomeone(item.told, by: context.actor) {
                print("  tell whoever asked (--told), or they will assume you have it")
            }
        }

        /// A person's declines in a read format: for text a line each, `Dec 1  title: reason (told lee)`;
        /// for JSON an array of objects with the `declined` event's fields.
        static func listing(
            _ declined: [Decline],
            of person: String,
            on calendars: Calendars,
            format: ReadFormat
        )
            -> String
        {
            // Everyone's (`--owner all`): each line names whose it is, on their calendar.
            let everyone = person == "all"
            let lines = declined.map {
                let day = Draft.day($0.at, on: calendars.calendar(for: everyone ? $0.person : person))
                return TextEscaping.escaped("\(day)  \(everyone ? $0.person + ": " : "")\($0.title): \($0.summary)")
            }
            let none = everyone ? "nothing declined" : "nothing declined by \(person)"
            switch format {
            case .json:
                return JSONWriter.string(.array(declined.map(\.json)))
            case .md:
                let title = everyone ? "Declined" : "Declined by \(person)"
                return ReadFormat.markdown(lines.isEmpty ? [none] : [title] + lines.map { "  " + $0 })
            case .text:
                return lines.isEmpty ? none : lines.joined(separator: "\n")
            }
        }
    }
}
