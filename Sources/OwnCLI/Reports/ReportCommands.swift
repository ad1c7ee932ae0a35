import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own standup`: the daily update since the start of the previous working day.
    struct StandupCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "standup",
            _superCommandName: "own",
            abstract: "Draft today's standup: done, progress, today, blockers, changes to plan.",
            discussion: """
                Covers everything since the start of your previous working day on your calendar (Friday on \
                a Monday), with your commits in the configured repos. --json prints {"owner", "done", "progress", \
                "new", "today", "blockers", "changes", "away"}; with --owner all, an array of them.
                """
        )

        @OptionGroup var whose: ReportOwner
        @OptionGroup var report: ReportOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context(forOwner: whose.owner, records: report.mark).withTimeOff()
            let reports = try context.reportOwners(whose.owner).map { owner in
                let calendar = context.calendars.calendar(for: owner)
                let since = Standup.windowStart(now: context.now, calendar: calendar)
                // The standup reports the plan changes in its window only: a loop quiet since before
                // it is read without its changes, which are most of what reading a loop costs.
                let window = try context.reportWindow(
                    owner: owner,
                    since: since,
                    until: context.now,
                    reading: .withoutNotesOrChangesBefore(since)
                )
                let standup = Standup(
                    owner: owner,
                    loops: window.loops,
                    events: window.events,
                    commits: window.commits,
                    calendar: calendar,
                    now: context.now
                )
                KeptUntilExit.keep(window)
                return Report.standup(standup)
            }
            try context.deliver(reports, options: report, everyone: whose.owner == "all")
        }
    }

    /// `own weekly`: the written summary of the working week.
    struct WeeklyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "weekly",
            _superCommandName: "own",
            abstract: "Draft the weekly summary: progress, decisions, risks ahead, next week.",
            usage:
                "own weekly [--owner <person>|all] [--since <date>] [--until <date>] [--project <name>] [--format text|md|json|slack] [--post <url|name>] …",
            discussion: """
                Covers your working week so far (or --since/--until), with your commits in the configured \
                repos, guards built and time off ahead. --json prints {"owner", "progress", "new", "decisions", \
                "risks", "next", "guards", "notTakingOn", "away"}. With --project NAME: a project update for stakeholders, over every owner's loops in \
                the project, opening with its health (`own project show`).
                """
        )

        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "Start of the window, a date or date-time (a weekday is the last one, today included; default: the start of the working week).",
                valueName: "date"
            )
        )
        var since: String?
        @Option(
            help: ArgumentHelp("A project update instead: the project's loops, whoever owns them.", valueName: "name")
        )
        var project: String?
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp("End of the window, included (default: now).", valueName: "date")
        )
        var until: String?
        @OptionGroup var whose: ReportOwner
        @OptionGroup var report: ReportOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            // A project update is over every owner's loops in it: --owner would be silently ignored.
            if project != nil, whose.owner != nil {
                throw ValidationError("--project drafts one update over every owner's loops: leave --owner out")
            }
        }

        func run() throws {
            let context = try global.context(forOwner: whose.owner, records: report.mark).withTimeOff()
            if let project {
                // The team's week ([calendar]), as the update is drafted on it: whoever drafts it.
                let (start, end) = try window(context, context.calendars.fallback)
                return try projectUpdate(project, context: context, start: start, end: end)
            }
            // Everyone's: those who had loops in the window asked for (on the team's calendar).
            let asked = since != nil || until != nil ? try window(context, context.calendars.fallback) : nil
            let reports = try context.reportOwners(whose.owner, window: asked).map { owner in
                let calendar = context.calendars.calendar(for: owner)
                let (start, end) = try window(context, calendar)
                return Report.weekly(try weekly(owner, context: context, calendar: calendar, start: start, end: end))
            }
            try context.deliver(reports, options: report, everyone: whose.owner == "all")
        }

        /// The window on a person's calendar: --since and --until, by default the week so far.
        private func window(_ context: Context, _ calendar: WorkingCalendar) throws -> (Date, Date) {
            let end = try until.map { try context.reportInstant($0, calendar: calendar, endOfDay: true) } ?? context.now
            // An --until day ends at the next day's start, which a --since of that next day is after.
            let untilDay = try until.map { text -> Bool in
                if case .day = try DateExpression.parse(text, now: context.now, zone: calendar.zone) {
                    return true
                }
                return false
            }
            // The week of an --until day is the week of that day, not of the next day's start (a Sunday's
            // was next week's, and `--until eow` refused as "--since must be before --until").
            let start =
                try since.map { try context.reportInstant($0, calendar: calendar, endOfDay: false) }
                ?? Weekly.week(containing: untilDay == true ? end.addingTimeInterval(-1) : end, calendar: calendar)
                .since
            // The same instant is a window of one instant (--until is included): only a --since after it is none.
            guard start < end || (start == end && untilDay != true) else {
                // Without --until the window ends now: the message names what the person gave.
                throw CLIError(
                    until == nil
                        ? "--since is after now (\(Timestamp.format(end))): give an earlier --since, or a later --now"
                        : "--since must be before --until"
                )
            }
            // A window that starts in the future has nothing to tell yet: a draft of it would project
            // today's state onto days not lived ("overdue" in June next year).
            guard start <= context.now else {
                // With no --since, the week is --until's: that is what was given.
                throw CLIError(
                    since == nil
                        ? "--until is in a week not begun yet (it starts \(Timestamp.format(start))): a weekly tells "
                            + "what happened; give an earlier --until, or a later --now"
                        : "--since is after now (\(Timestamp.format(context.now))): a weekly tells what happened; "
                            + "give an earlier --since, or a later --now"
                )
            }
            return (start, end)
        }

        /// One person's weekly over the window.
        private func weekly(
            _ owner: String,
            context: Context,
            calendar: WorkingCalendar,
            start: Date,
            end: Date
        ) throws -> Weekly {
            // An --until is the window's end, not in it: read through the instant before (an event at
            // that midnight is the next week's, and was folded into this one's loops too).
            let last = lastInstant(end, context, calendar)
            let window = try context.reportWindow(owner: owner, since: start, until: last)
            var weekly = Weekly(
                owner: owner,
                loops: window.loops,
                events: window.events,
                commits: window.commits,
                calendar: calendar,
                now: context.now,
                since: start,
                until: weeklyEnd(end, context, calendar)
            )
            weekly.takeDeclines(
                Decline.all(in: try context.factsAboutPeople(Decline.ledgerKey)),
                from: start,
                through: last
            )
            KeptUntilExit.keep(window)
            return weekly
        }

        /// Whether --until is a day (it ends as the next day begins), not an instant (which is in the window).
        private func untilIsDay(_ context: Context, _ calendar: WorkingCalendar) -> Bool {
            guard let until,
                case .day? = try? DateExpression.parse(until, now: context.now, zone: calendar.zone)
            else { return false }
            return true
        }

        /// The window's last instant: an --until day's end is not in it (an event at that midnight is
        /// the next week's); an --until instant is, and without one the window ends now and holds it.
        private func lastInstant(_ end: Date, _ context: Context, _ calendar: WorkingCalendar) -> Date {
            Weekly.lastInstant(endingAt: end, untilIsDay: untilIsDay(context, calendar))
        }

        /// The end `Weekly` takes (not in the window): the instant after its last one.
        private func weeklyEnd(_ end: Date, _ context: Context, _ calendar: WorkingCalendar) -> Date? {
            until == nil ? nil : Weekly.until(after: lastInstant(end, context, calendar))
        }

        /// The weekly over a project's loops, whoever owns them, with the project's health first.
        private func projectUpdate(_ name: String, context: Context, start: Date, end: Date) throws {
            let policy = try PolicySources.policy(context)
            // As they were at the window's end, as a person's weekly reads them, and judged then, or
            // now when the window ends later this week (days not lived have nothing to tell).
            // With its sub-projects, found as `own list --project` and `own project show` find them.
            let asOf = min(lastInstant(end, context, context.calendars.fallback), context.now)
            let all = try context.ledger.loops(LoopQuery(projects: [name]), asOf: asOf)
            guard !all.isEmpty else {
                throw CLIError("no loop names the project \"\(name)\"; `own project list` shows the projects")
            }
            let loops = all.filter { $0.state.isLive || $0.lastEventAt >= start }
            let events = try context.ledger.events(ofLoops: loops.map(\.key), since: start, until: asOf)
            var weekly = Weekly(
                owner: name,
                loops: loops,
                events: events,
                calendar: context.calendars.fallback,
                now: context.now,
                since: start,
                until: weeklyEnd(end, context, context.calendars.fallback),
                project: name,
                owners: context.calendars
            )
            weekly.health = ProjectHealth(
                name: name,
                loops: all,
                policy: policy,
                calendars: context.calendars,
                now: asOf,
                naming: \.key
            )
            try context.deliver(.weekly(weekly), options: report)
        }
    }

    /// `own notice LOOP`: an immediate notice for a change to scope, timeline or risk, or a block.
    struct NoticeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "notice",
            _superCommandName: "own",
            abstract: "Draft an immediate notice for a loop whose scope, timeline or risk changed, or that is blocked.",
            usage:
                "own notice <loop> [--workaround <text>] [--contingency <text>] [--format text|md|json|slack] [--post <url|name>] …",
            discussion: """
                Says what changed, what was done, the workaround (a `workaround` field on an event) and the \
                contingency, addressed to the loop's affects. --mark records it as a `notice` report.
                """
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(help: ArgumentHelp("The workaround people can use meanwhile.", valueName: "text"))
        var workaround: String?
        @Option(help: ArgumentHelp("What happens if it is not resolved (replaces the drafted one).", valueName: "text"))
        var contingency: String?
        @OptionGroup var report: ReportOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            // Only --mark records: a notice drafted from a mistyped --db makes no empty ledger there.
            // The owner's time off is off their calendar: the contingency counts working days, as the
            // server's notice does.
            let context = try global.context(forOwner: nil, records: report.mark).withTimeOff()
            let loop = try context.loop(loop)
            let events = try context.ledger.events(ofLoops: [loop.key], since: nil, until: context.now)
            let calendar = context.calendars.calendar(for: loop.owner)
            guard
                var notice = Notice(
                    loop: loop,
                    events: events,
                    calendar: calendar,
                    now: context.now,
                    drafter: context.actor
                )
            else {
                throw CLIError(
                    "#\(loop.number) has no change to scope, timeline or risk, and no block, on record; "
                        + "record one with own scope, own due, own risk or own block first"
                )
            }
            if let workaround { notice.workaround = workaround }
            if let contingency { notice.contingency = contingency }
            try context.deliver(.notice(notice), options: report)
        }
    }

    /// `own brag --since DATE`: delivered work, for a review document.
    struct BragCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "brag",
            _superCommandName: "own",
            abstract: "Draft a brag document: what you delivered, grouped by kind and stakes, with outcomes.",
            usage: "own brag --since <date> [--until <date>] [--owner <person>|all] [--format text|md|json|slack] …",
            discussion: """
                Links to the loops come from the configuration's [links] loop = "https://…/{number}" \
                (or {key}). --mark records each loop as reported in a `doc`.
                """
        )

        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "First day (a date, or an expression like -4w or mon, the last Monday; no time of day).",
                valueName: "date"
            )
        )
        var since: String
        @Option(parsing: .unconditional, help: ArgumentHelp("Last day, included (default: today).", valueName: "date"))
        var until: String?
        @OptionGroup var whose: ReportOwner
        @OptionGroup var report: ReportOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context(forOwner: whose.owner, records: report.mark).withTimeOff()
            // Everyone's: those who had loops in the days asked for (on the team's calendar).
            let zone = context.calendars.fallback.zone
            // The first day looks back (`mon`: the last Monday), the last ahead, as a weekly's window.
            let days = try [(since, DateExpression.WeekdayReading.lastOrToday), (until ?? "today", .nextOrToday)].map {
                try DateExpression.parse($0, now: context.now, zone: zone, weekdays: $1).day(in: zone)
            }
            // Days the wrong way round are refused by each brag, as for one person.
            let window = days[0] <= days[1] ? (days[0].start(in: zone), days[1].adding(days: 1).start(in: zone)) : nil
            let reports = try context.reportOwners(whose.owner, window: window).map { owner in
                Report.brag(try brag(owner, context: context))
            }
            try context.deliver(reports, options: report, everyone: whose.owner == "all")
        }

        /// One person's brag document over the window.
        private func brag(_ owner: String, context: Context) throws -> Brag {
            let calendar = context.calendars.calendar(for: owner)
            // A brag document covers whole days: a time given was dropped without a word, and a loop
            // done before it listed.
            func day(_ text: String, _ option: String) throws -> CivilDate {
                let given = try DateExpression.parse(
                    text,
                    now: context.now,
                    zone: calendar.zone,
                    weekdays: option == "--since" ? .lastOrToday : .nextOrToday
                )
                guard case .day(let day) = given else {
                    throw CLIError(
                        "\(option) \(text) has a time of day; a brag document covers whole days: give a date, like "
                            + given.day(in: calendar.zone).description
                    )
                }
                return day
            }
            let first = try day(since, "--since")
            let last = try until.map { try day($0, "--until") } ?? calendar.day(of: context.now)
            guard first <= last else {
                throw CLIError(
                    until == nil
                        ? "--since is after today (\(last)): give an earlier --since, or a later --now"
                        : "--since must not be after --until"
                )
            }
            let today = calendar.day(of: context.now)
            guard first <= today else {
                throw CLIError("--since is after today (\(today)): give an earlier --since, or a later --now")
            }
            let loops = try context.ledger.loops(
                LoopQuery(owners: [owner], states: [.done], doneSince: first.start(in: calendar.zone)),
                asOf: Brag.readAsOf(until: last, zone: calendar.zone, now: context.now)
            )
            return Brag(
                owner: owner,
                loops: loops,
                since: first,
                until: last,
                calendar: calendar,
                linkTemplate: context.configuration.table("links")["loop"]?.stringValue
            )
        }
    }
}
