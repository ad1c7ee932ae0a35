import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own record`: a person's record over a window, the evidence earned autonomy is judged on.
    struct RecordCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            _superCommandName: "own",
            abstract: "Show a person's record: promises kept, surprises, going dark, loops dropped untold.",
            discussion: """
                From the ledger alone, over the last --weeks weeks. A promise is a loop with a due date done in \
                the window, or whose deadline passed in it; it is kept when done by its deadline, any later \
                date having been set before the old one with a notice. Surprises: a deadline passed with no new \
                date, a scope or due change nobody was told, a blocker with no help asked in time. Every count \
                names its loops. With earned-autonomy = true in the policy, the record moves the default \
                autonomy of new loops (`own policy` shows the thresholds).
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp("Whose record (default: you).", valueName: "person"),
            transform: OwnerOption.parseOne
        ) var owner: String?
        @Option(
            name: .customLong("weeks"),
            help: ArgumentHelp("The window, in weeks back from now.", valueName: "number")
        )
        var window = Amount(12)
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        /// The window's weeks (`--weeks`).
        var weeks: Double { window.value }

        func validate() throws {
            try window.checkWeeks()
            if let owner, !Event.isPersonName(owner) {
                throw ValidationError(
                    "--owner names one person here: this is one person's \(Self.configuration.commandName ?? "")"
                )
            }
        }

        func run() throws {
            let context = try global.context(forOwner: owner).withTimeOff()
            let policy = try PolicySources.policy(context)
            let person = owner ?? context.actor
            let record = try context.record(of: person, weeks: weeks, policy: policy)
            let calendar = context.calendars.calendar(for: person)
            let lists: [(name: String, label: String, entries: [Record.Entry])] = [
                ("kept", "promises kept", record.kept), ("broken", "promises broken", record.broken),
                ("missedDates", "missed dates", record.missedDates),
                ("untoldChanges", "untold changes", record.untoldChanges),
                ("stuckAlone", "blockers sat on", record.stuckAlone), ("goingDark", "going dark", record.goingDark),
                ("droppedUntold", "dropped untold", record.droppedUntold),
            ]
            // What new loops start at, with earned-autonomy on: judged on the record over earned-window,
            // as `own add` judges it, whatever --weeks shows.
            var earned: [EarnedAutonomy] = []
            if policy.earnedAutonomy {
                let window = policy.earnedWindowDays / 7
                let judged = window == weeks ? record : try context.record(of: person, weeks: window, policy: policy)
                earned = Stakes.allCases.reversed().map {
                    EarnedAutonomy(stakes: $0, record: judged, policy: policy, calendar: calendar)
                }
            }
            if output.resolved == .json {
                var members: [String: JSONValue] = [
                    "owner": .string(person), "since": .string(Timestamp.format(record.since)),
                    "until": .string(Timestamp.format(record.until)), "promises": .number(Double(record.promises)),
                    "surprises": .number(Double(record.surprises.count)),
                ]
                for list in lists { members[list.name] = .array(list.entries.map(\.json)) }
                // The text's "new loops" lines, for scripts too (they were in the text only).
                if policy.earnedAutonomy {
                    members["newLoops"] = .array(
                        zip(Stakes.allCases.reversed(), earned).map { stakes, earned in
                            .object([
                                "stakes": .string(stakes.rawValue), "autonomy": .number(Double(earned.autonomy)),
                                "base": .number(Double(earned.base)), "earned": .number(Double(earned.change)),
                                "explanation": .string(earned.explanation),
                            ])
                        }
                    )
                }
                var text = ""
                JSONWriter.writeObject(
                    members,
                    order: ["owner", "since", "until", "promises", "surprises"] + lists.map(\.name) + ["newLoops"],
                    into: &text
                )
                print(text)
                return
            }
            var lines: [String] = []
            // Each line holds titles and names from the ledger: escaped, as every listing shows them.
            func emit(_ line: String) { lines.append(TextEscaping.escaped(line)) }
            // A window across a new year says which years.
            let years = calendar.day(of: record.since).year != calendar.day(of: record.until).year
            emit(
                "Record of \(person) over \(Policy.format(weeks)) week\(weeks == 1 ? "" : "s") "
                    + "(\(Draft.day(record.since, on: calendar, withYear: years)) to "
                    + "\(Draft.day(record.until, on: calendar, withYear: years)))"
            )
            for list in lists {
                let count = list.name == "kept" ? "\(record.kept.count) of \(record.promises)" : "\(list.entries.count)"
                let label = list.label.padding(toLength: 17, withPad: " ", startingAt: 0)
                let references = list.entries.map(\.reference).joined(separator: " ")
                let line = "  \(label)\(count.padding(toLength: 9, withPad: " ", startingAt: 0))\(references)"
                emit(references.isEmpty ? "  \(label)\(count)" : line)
            }
            let details = lists.dropFirst().flatMap { list in list.entries.map { (list.label, $0) } }
            if !details.isEmpty { emit("") }
            var seen = Set<String>()
            for (label, entry) in details where seen.insert(label + entry.loop).inserted {
                emit("  \(entry.reference) \(entry.title): \(label), \(entry.detail)")
            }
            if !earned.isEmpty {
                emit("")
                for line in earned { emit("  new loops: \(line.explanation)") }
            }
            print(output.resolved == .md ? ReadFormat.markdown(lines) : lines.joined(separator: "\n"))
        }
    }
}
