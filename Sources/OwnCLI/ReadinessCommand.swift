import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own readiness`: evidence of readiness to step up, and the gaps to close.
    struct ReadinessCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "readiness",
            _superCommandName: "own",
            abstract: "Show evidence of readiness to step up: scope owned, lead duties, record, boring share, gaps.",
            discussion: """
                If your team leader left tomorrow, could you step in? Evidence, not a verdict, over --weeks: the \
                widest scope you owned (your own tasks, your project, your team's delivery, cross-team outcomes, \
                organizational results), which lead duties you owned a loop in (the configuration's \
                [team] lead-duties, by default release, on-call rota, sprint planning, stakeholder update), \
                your record (`own record`) and your share of the boring parts; then each gap with a next loop.
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp("Whose readiness (default: you).", valueName: "person"),
            transform: OwnerOption.parseOne
        ) var owner: String?
        @Option(
            name: .customLong("weeks"),
            help: ArgumentHelp("The window, in weeks back from now.", valueName: "number")
        )
        var window = Amount(12)
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        /// The lead duties when the configuration names none.
        static let defaultDuties = ["release", "on-call rota", "sprint planning", "stakeholder update"]

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
            // The loops they owned in the window, handed on or theirs still, as the record judged them.
            let loops = record.owned
            // Read as names are, without blanks around them: " release" matched no title.
            let configured = context.configuration.table("team")["lead-duties"]?.arrayValue?
                .compactMap(\.stringValue).map { $0.trimming(.spacesAndNewlines) }
            let readiness = Readiness(
                owner: person,
                loops: loops,
                duties: configured ?? Self.defaultDuties,
                record: record,
                policy: policy
            )
            func references(_ loops: [Loop]) -> String { loops.map { "#\($0.number)" }.joined(separator: " ") }
            if output.resolved == .json {
                func numbers(_ loops: [Loop]) -> JSONValue { .array(loops.map { .number(Double($0.number)) }) }
                var text = ""
                JSONWriter.writeObject(
                    [
                        "owner": .string(person), "weeks": .number(weeks),
                        "widest": readiness.widest.map { .string($0.words) } ?? .null,
                        "scopes": .object(
                            Dictionary(
                                uniqueKeysWithValues: Readiness.Scope.allCases.map {
                                    ($0.words, numbers(readiness.scopes[$0] ?? []))
                                }
                            )
                        ),
                        "duties": .object(
                            Dictionary(readiness.duties.map { ($0.0, numbers($0.1)) }) { first, _ in first }
                        ),
                        "promises": .number(Double(record.promises)), "kept": .number(Double(record.kept.count)),
                        "surprises": .number(Double(record.breaches.count)),
                        "boring": .number(Double(readiness.boringCount)), "done": .number(Double(readiness.doneCount)),
                        "gaps": .array(readiness.gaps.map(JSONValue.string)),
                    ],
                    order: [
                        "owner", "weeks", "widest", "scopes", "duties", "promises", "kept", "surprises", "boring",
                        "done", "gaps",
                    ],
                    into: &text
                )
                print(text)
                return
            }
            var lines: [String] = []
            func emit(_ line: String) { lines.append(line) }
            emit(
                "Readiness of \(person) over \(Policy.format(weeks)) week\(weeks == 1 ? "" : "s") (evidence, not a verdict)"
            )
            emit("Widest scope owned: \(readiness.widest?.words ?? "nothing owned in the window")")
            for scope in Readiness.Scope.allCases {
                let loops = readiness.scopes[scope] ?? []
                emit(
                    "  \(scope.words.padding(toLength: 24, withPad: " ", startingAt: 0))\(loops.isEmpty ? "none" : references(loops))"
                )
            }
            emit("Lead duties:")
            for (duty, loops) in readiness.duties {
                emit(
                    "  \(duty.padding(toLength: 24, withPad: " ", startingAt: 0))\(loops.isEmpty ? "none" : references(loops))"
                )
            }
            emit(
                "Record: \(record.kept.count) of \(record.promises) promises kept, "
                    + "\(Draft.count(record.breaches.count, "surprise")) (own record's surprises, going dark and "
                    + "untold drops)"
            )
            emit("Boring parts: \(readiness.boringCount) of \(readiness.doneCount) done loops")
            emit(readiness.gaps.isEmpty ? "No gaps in this evidence." : "Gaps to close:")
            for gap in readiness.gaps { emit("  - \(gap)") }
            print(output.resolved == .md ? ReadFormat.markdown(lines) : lines.joined(separator: "\n"))
        }
    }
}
