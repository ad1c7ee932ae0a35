import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own add`: opens a loop.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            _superCommandName: "own",
            abstract: "Open a loop: something you said you would do.",
            discussion: """
                Give it an end state and a due date, or the doctor will call it an open loop. A loop at \
                autonomy 3 or below (high and critical stakes by default) is proposed until someone else \
                approves it (`own approve`).
                """
        )

        @Argument(help: "What you will do.")
        var title: String

        @OptionGroup var fields: LoopFields

        @Option(name: .long, help: "The key to give the loop (default: a new random key).")
        var key: String?

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            var values = try fields.fields(context)
            values["title"] = .string(try LoopFields.text(title, "the title"))
            let key = key ?? Identifiers.loop()
            try LoopReference.checkKey(key)
            let event = Event(
                id: Identifiers.event(),
                loop: key,
                at: context.now,
                by: context.actor,
                type: .created,
                fields: values
            )
            let loop = try context.ledger.append([event]) { existing, _ in
                if existing != nil { throw CLIError("a loop with key \"\(key)\" already exists") }
            }
            print("#\(loop.number) \(loop.state.rawValue): \(loop.title)")
            if loop.state == .proposed {
                print("  autonomy \(loop.autonomy): ask someone to `own approve \(loop.number)` before you start")
            }
            if loop.doneWhen == nil || loop.due == nil {
                print(
                    "  no \(loop.doneWhen == nil ? "--done-when" : "--due") yet: `own edit \(loop.number)` to close the loop's definition"
                )
            }
        }
    }
}
