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
            discussion: """
                Be explicit about what you are not owning: a non-commitment, with the reason and who was told, \
                so nobody assumes you have it. The weekly lists it under "Not taking on"; --list shows yours.
                """
        )

        @Argument(help: "What you are not taking on.") var title: String?
        @Option(name: .long, help: "Why not.") var reason: String?
        @OptionGroup var told: ToldOption
        @Option(name: .long, help: ArgumentHelp("Who declines (default: you).", valueName: "person")) var owner: String?
        @Flag(name: .long, help: "List what you declined.") var list = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if list, title != nil { throw ValidationError("--list takes no title") }
            if !list, title == nil { throw ValidationError("say what you are not taking on, or --list") }
        }

        func run() throws {
            let context = try global.context()
            let person = owner ?? context.actor
            if list {
                let declined = Decline.all(in: try context.ledger.events(ofLoop: Decline.ledgerKey))
                    .filter { $0.person == person }
                if declined.isEmpty { print("nothing declined by \(person)") }
                let calendar = context.calendars.calendar(for: person)
                for item in declined {
                    print("\(Draft.day(item.at, on: calendar))  \(item.title): \(item.summary)")
                }
                return
            }
            guard let title, !title.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError("say what you are not taking on")
            }
            let item = Decline(
                id: Identifiers.event(),
                title: title,
                person: person,
                at: context.now,
                reason: reason,
                told: told.field["told"]?.arrayValue?.compactMap(\.stringValue) ?? []
            )
            var event = item.event
            event.by = context.actor
            try context.ledger.append([event])
            print("not taking on: \(title): \(item.summary)")
            if item.told.isEmpty {
                print("  tell whoever asked (--told), or they will assume you have it")
            }
        }
    }
}
