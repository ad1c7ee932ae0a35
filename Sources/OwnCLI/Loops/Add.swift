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
            usage:
                "own add <title> [--done-when <text>] [--due <date>] [--stakes <stakes>] [--kind <kind>] [--project <name>] [--tag <tag>] …",
            discussion: """
                Give it an end state and a due date, or the doctor will call it an open loop. A loop at \
                autonomy 3 or below (high and critical stakes by default) is proposed until someone else \
                approves it (`own approve`).
                """
        )

        @Argument(help: "What you will do.")
        var title: String

        @OptionGroup var fields: LoopFields

        @Option(
            name: .long,
            help: ArgumentHelp("The key to give the loop (default: a new random key).", valueName: "key")
        )
        var key: String?

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            // `none` on a new loop is the same as leaving the field out.
            var values = try fields.fields(context).filter { $0.value != .null }
            values["title"] = .string(try LoopFields.text(title, "the title"))
            let earned = try earnedAutonomy(context, values)
            if let earned, earned.change != 0 { values["autonomy"] = .number(Double(earned.autonomy)) }
            // Blanks around a key are no part of it: `own show mykey` could not find " mykey ". (A key of
            // blanks alone is refused as that.)
            let key = key.map { $0.trimming(.spaces).isEmpty ? $0 : $0.trimming(.spaces) } ?? Identifiers.loop()
            try LoopReference.checkNewKey(key)
            let event = Event(
                id: Identifiers.event(),
                loop: key,
                at: context.now,
                by: context.actor,
                type: .created,
                fields: values
            )
            let loop = try context.append([event]) { existing, _ in
                if existing != nil { throw CLIError("a loop with key \"\(key)\" already exists") }
            }
            Output.confirm("#\(loop.number) \(loop.state.rawValue): \(loop.title)")
            context.warnIfAhead("#\(loop.number)")
            if let earned { print("  \(earned.explanation)") }
            if loop.state == .proposed {
                print("  autonomy \(loop.autonomy): ask someone to `own approve \(loop.number)` before you start")
            }
            if loop.doneWhen == nil || loop.due == nil {
                print(
                    "  no \(loop.doneWhen == nil ? "--done-when" : "--due") yet: `own edit \(loop.number)` to close the loop's definition"
                )
            }
        }

        /// With `earned-autonomy = true` and no --autonomy given: the autonomy the owner's record earns.
        private func earnedAutonomy(_ context: Context, _ values: EventFields) throws -> EarnedAutonomy? {
            guard values["autonomy"] == nil else { return nil }
            let policy = try PolicySources.policy(context)
            guard policy.earnedAutonomy else { return nil }
            let owner = values["owner"]?.stringValue ?? context.actor
            let stakes = values["stakes"]?.stringValue.flatMap(Stakes.init(rawValue:)) ?? .medium
            let timed = try context.withTimeOff()
            let record = try timed.record(of: owner, weeks: policy.earnedWindowDays / 7, policy: policy)
            return EarnedAutonomy(
                stakes: stakes,
                record: record,
                policy: policy,
                calendar: timed.calendars.calendar(for: owner)
            )
        }
    }
}
