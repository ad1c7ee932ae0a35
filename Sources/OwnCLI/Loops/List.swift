import ArgumentParser
import Foundation
import OwnCore
import OwnOutput
import OwnStore

extension Own {
    /// `own list`: loops, most urgent first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            _superCommandName: "own",
            abstract: "List loops, most urgent first (by default: your live ones: proposed, open, active, blocked).",
            usage:
                "own list [@context] [--owner <person>|all] [--state <states>] [--grep <text>] [--project <name>] [--tag <tag>] [--all] [--format text|md|json] …",
            discussion: """
                Urgency: overdue first (longest overdue first), then blocked, then higher stakes, then sooner due \
                (a due date before none), then older. Filters combine; --state, --kind and --stakes take \
                comma-separated values.
                """
        )

        @Argument(
            help: ArgumentHelp(
                "A context: a set of filters named in the configuration's [contexts] table (`[contexts.NAME]` with grep, project, tag or affects); options given here replace its values, --tag adds to its tags.",
                valueName: "@context"
            )
        ) var contextName: String?
        @Option(
            name: .long,
            help: ArgumentHelp("Whose loops (default: yours; `all` for everyone's).", valueName: "person"),
            completion: .list(["all"]),
            transform: OwnerOption.parse
        ) var owner: String?
        @Option(name: .long, help: "Only loops in these states, e.g. open,active (default: the live ones).")
        var state: Choices<LoopState>?
        @Option(name: .long, help: "Only loops of these kinds, e.g. bug,debt.") var kind: Choices<Kind>?
        @Option(name: .long, help: "Only loops at these stakes, e.g. high,critical.") var stakes: Choices<Stakes>?
        @Option(
            name: .long,
            parsing: .unconditional,
            help: ArgumentHelp(
                "Only loops due before this date (before the day starts, in your zone, where the due column shows a due time).",
                valueName: "date"
            )
        ) var dueBefore: String?
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Only loops whose words contain this text (any case): title, done-when, notes, the words of a risk, a scope or due change, and of the block or drop the loop is in now.",
                valueName: "text"
            )
        )
        var grep: String?
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Only loops in these projects and their sub-projects (web takes in web.auth), e.g. payments,search; none: in no project.",
                valueName: "name"
            )
        ) var project: String?
        @Option(
            name: .customLong("tag"),
            parsing: .unconditionalSingleValue,
            help: ArgumentHelp(
                "Only loops with this tag, as written (case counts, as in Taskwarrior; repeat or comma-separate: every one); -NAME: only loops without it; none: only loops with no tags.",
                valueName: "tag"
            )
        ) var tags: [String] = []
        @Option(
            name: .long,
            help: ArgumentHelp("Only loops affecting this person or team; none: affecting no one.", valueName: "who")
        )
        var affects: String?
        @Flag(name: .long, help: "Every state, and everyone's loops unless --owner is given.") var all = false
        @Flag(
            name: .long,
            help:
                "The loops you (or --owner; `--owner all`: anyone) handed off, until their new owner hands them on (who then follows it up)."
        )
        var delegated = false
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try ListRequest(self).run()
        }
    }
}
