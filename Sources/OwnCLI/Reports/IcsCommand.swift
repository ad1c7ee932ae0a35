import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own ics`: open loops with due dates as an iCalendar file.
    struct IcsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ics",
            _superCommandName: "own",
            abstract: "Write open loops with due dates as an iCalendar (.ics) file.",
            discussion: """
                One all-day event per loop due on a day, one to-do per loop due at a time. UIDs are stable \
                (the loop's key), so a calendar that subscribes to the file updates its entries.
                """
        )

        @Option(
            help: ArgumentHelp("Whose loops (default: you; `all` for everyone's).", valueName: "person"),
            completion: .list(["all"]),
            transform: OwnerOption.parse
        )
        var owner: String?
        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write to a file instead of stdout.", valueName: "path"),
            completion: .file()
        )
        var output: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context(forOwner: owner)
            let owners: Set<String>? = owner == "all" ? nil : [owner ?? context.actor]
            let loops = try context.ledger.loops(
                LoopQuery(owners: owners, states: LoopState.live),
                asOf: context.now
            )
            let text = CalendarExport.render(loops)
            guard let output else {
                print(text, terminator: "")
                return
            }
            try LedgerFiles.refuseOutput(output, ledger: context.ledgerPath, writing: "the calendar")
            // Whole or not at all, as every file `own` writes; a device or a pipe as it comes.
            try ReplacedFile.write(text, to: output)
        }
    }
}
