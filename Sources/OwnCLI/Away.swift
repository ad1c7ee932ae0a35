import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own away`: time off on a person's calendar.
    struct Away: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "away",
            _superCommandName: "own",
            abstract: "Record time off (own away 2026-12-21..2027-01-04 --backup lee), list it, or cancel it.",
            discussion: """
                Days away count no working time, so the doctor does not call you dark while you are off. From \
                away-warn-before working days before, the doctor's uncovered-while-away rule lists each of your \
                loops due during the time off, or active or blocked at stakes medium or above, until you hand it \
                off or name a --backup who is not away then too. The standup and weekly mention time off ahead.
                """
        )

        @Argument(
            help: ArgumentHelp("The days away, first to last included: FIRST..LAST, or one date.", valueName: "days")
        )
        var days: String?
        @Option(name: .long, help: ArgumentHelp("Who covers your loops while you are away.", valueName: "person"))
        var backup: String?
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Whose time off (default: you; with --list, `all` for everyone's).",
                valueName: "person"
            ),
            completion: .list(["all"]),
            transform: OwnerOption.parse
        )
        var owner: String?
        @Flag(name: .long, help: "List time off not yet over (yours, or --owner's).")
        var list = false
        /// The old spelling of `--owner all`, kept for scripts that use it.
        @Option(name: .long, help: ArgumentHelp("Cancel the time off that includes this day.", valueName: "day"))
        var cancel: String?
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            let modes = [days != nil, list, cancel != nil].filter { $0 }.count
            guard modes == 1 else {
                throw ValidationError(
                    modes == 0
                        ? "give the days away (FIRST..LAST), or --list, or --cancel DAY"
                        : "give one of the days away (FIRST..LAST), --list or --cancel DAY, not more"
                )
            }
            if backup != nil, days == nil { throw ValidationError("--backup goes with the days away") }
            if let backup {
                _ = try LoopFields.people([backup], "--backup", otherwise: "leave --backup out when nobody covers")
            }
            if owner == "all", !list { throw ValidationError("--owner all goes with --list") }
            if output.resolved != .text, !list { throw ValidationError("--format and --json go with --list") }
        }

        func run() throws {
            let everyone = owner == "all"
            // Listing reads; recording or cancelling time off is done by someone.
            let context = try global.context(forOwner: list ? owner : nil, records: !list)
            let person = owner ?? context.actor
            try LoopFields.refuseServerName(person, "--owner")
            let today = context.calendars.calendar(for: person).day(of: context.now)
            if list {
                // Over on each person's own calendar: with --owner all, today is theirs, not the default's.
                let ahead = try context.timeOff().filter { item in
                    (everyone || item.person == person)
                        && item.last
                            >= (everyone ? context.calendars.calendar(for: item.person).day(of: context.now) : today)
                }
                .sorted { ($0.first, $0.person) < ($1.first, $1.person) }
                print(Self.listing(ahead, of: everyone ? nil : person, format: output.resolved))
            } else if let cancel {
                guard let day = CivilDate(iso: cancel) else {
                    throw CLIError("--cancel \"\(cancel)\" is not a date (YYYY-MM-DD)")
                }
                // Of entries that overlap on the day, the one recorded last (the days inside another's are
                // cancelled before it), and the others said: the day is still away with them.
                let covering = try context.timeOff().filter { $0.person == person && $0.contains(day) }
                guard let item = covering.last else {
                    throw CLIError("\(person) has no time off on \(day); `own away --list` shows it")
                }
                for other in covering where other.id != item.id {
                    Output.warning(
                        "\(day) is still away: \(person)'s time off \(other.first)..\(other.last) holds it too"
                    )
                }
                let event = Event(
                    id: Identifiers.event(),
                    loop: TimeOff.ledgerKey,
                    at: context.now,
                    by: context.actor,
                    type: .awayCancelled,
                    fields: ["cancels": .string(item.id), "person": .string(person)]
                )
                try context.append([event])
                let sentence = item.sentence.prefix(1).lowercased() + item.sentence.dropFirst()
                Output.confirm("cancelled: \(person) \(sentence)")
            } else if let days {
                let (first, last) = try Self.range(days)
                let backup = try backup.map { try LoopFields.person($0, "--backup") }
                if let backup, backup == person { throw CLIError("\(person) cannot be their own backup") }
                // A misspelled backup covered the time off (the doctor fell silent), and a misspelled
                // --owner kept the person it meant from being away.
                try context.warnIfNobody(owner)
                try context.warnIfNobody(backup)
                let item = TimeOff(
                    id: Identifiers.event(),
                    person: person,
                    first: first,
                    last: last,
                    backup: backup,
                    recordedAt: context.now
                )
                var event = item.event
                event.by = context.actor
                // The same days again (to name a backup, as the doctor's draft says) replace the time
                // off recorded for them: two entries for one absence, one without its backup, kept the
                // doctor asking who covers.
                let replaced = try context.timeOff().filter {
                    $0.person == person && $0.first == first && $0.last == last
                }
                let cancels = replaced.map { old in
                    Event(
                        id: Identifiers.event(),
                        loop: TimeOff.ledgerKey,
                        at: context.now,
                        by: context.actor,
                        type: .awayCancelled,
                        fields: ["cancels": .string(old.id), "person": .string(person)]
                    )
                }
                try context.append(cancels + [event])
                Output.confirm(
                    "\(person): \(item.sentence)"
                        + (replaced.isEmpty ? "" : " (replaces the time off recorded for those days)")
                )
                let overlapping = try context.timeOff().filter {
                    $0.person == person && $0.id != item.id && $0.first <= last && $0.last >= first
                }
                for other in overlapping {
                    Output.warning(
                        "it overlaps \(person)'s time off \(other.first)..\(other.last)"
                            + (other.backup.map { " (backup: \($0))" } ?? "")
                            + "; `own away --cancel \(first)` cancels this one, the last recorded"
                    )
                }
                // Time off already over needs nobody to cover it; no listing or report shows it
                // (a year mistyped would leave the real days working days).
                if last < today {
                    Output.warning(
                        "this time off is already over (\(last) is before today, \(today)); "
                            + "`own away --cancel \(first)` takes it back if the year is wrong"
                    )
                } else if backup == nil {
                    print(
                        "  hand off what needs someone while \(person == context.actor ? "you are" : "\(person) is") away, "
                            + "or name a --backup; `own doctor` lists them"
                    )
                }
            }
        }

        /// Time off ahead in a read format: for text a line each, `ana: Away Mon 21 Dec …`; for JSON an
        /// array of objects with the `away` event's fields.
        static func listing(_ ahead: [TimeOff], of person: String?, format: ReadFormat) -> String {
            let lines = ahead.map { "\($0.person): \($0.sentence)" }
            let none = person.map { "no time off ahead for \($0)" } ?? "no time off ahead"
            switch format {
            case .json:
                return JSONWriter.string(.array(ahead.map(\.json)))
            case .md:
                let title = person.map { "Time off ahead for \($0)" } ?? "Time off ahead"
                return ReadFormat.markdown(lines.isEmpty ? [none] : [title] + lines.map { "  " + $0 })
            case .text:
                return lines.isEmpty ? none : lines.joined(separator: "\n")
            }
        }

        /// `FIRST..LAST` or one date, first not after last.
        static func range(_ text: String) throws -> (CivilDate, CivilDate) {
            let parts = text.components(separatedBy: "..")
            let dates = parts.map { CivilDate(iso: $0.trimming(.spaces)) }
            guard (1...2).contains(parts.count), let first = dates.first ?? nil, let last = dates.last ?? nil else {
                // A date-shaped part that is no date (2026-02-30) is said as such: the form was right.
                if (1...2).contains(parts.count),
                    let wrong = parts.first(where: { part in
                        let part = part.trimming(.spaces)
                        return CivilDate(iso: part) == nil && CivilDate.isShaped(part)
                    })
                {
                    throw CLIError("\"\(wrong)\" is not a date: no such day")
                }
                throw CLIError(
                    "\"\(text)\" is not days away: write a date, or FIRST..LAST, like 2026-12-21..2027-01-04"
                )
            }
            // As an import reads `from` and `to`: an export must import again (0226 for 2026, say).
            for day in [first, last] where !Due.day(day).isInLedgerYears {
                throw CLIError("the date \"\(day)\" is outside the years a ledger keeps, 1970 to 3999; check the year")
            }
            guard first <= last else { throw CLIError("\"\(text)\": the first day away is after the last") }
            return (first, last)
        }
    }
}
