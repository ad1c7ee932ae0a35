import ArgumentParser
import Foundation
import OwnCore
import OwnGit
import OwnStore

extension Context {
    /// The person a report is about: `--owner`, or whoever is acting.
    func reportOwner(_ owner: String?) -> String {
        owner.flatMap { $0.isEmpty ? nil : $0 } ?? actor
    }

    /// The people the reports are about: `--owner NAME` or whoever is acting, one report; with
    /// `--owner all`, everyone who owned a live loop at the window's end or one that ended in the
    /// window, who handed one off in it, or who declined work in it (their weekly says so under "Not
    /// taking on"), by name. The
    /// window is the report's (a day wider each side, for the owners' zones); by default the two weeks
    /// up to now. A past weekly or a quarter's brag left out whoever worked then and not lately.
    func reportOwners(_ owner: String?, window: (since: Date, until: Date)? = nil) throws -> [String] {
        guard owner == "all" else { return [reportOwner(owner)] }
        let day = 86_400.0
        let since = window.map { $0.since.addingTimeInterval(-day) } ?? now.addingTimeInterval(-14 * day)
        let until = min(window.map { $0.until.addingTimeInterval(day) } ?? now, now)
        let loops =
            try ledger.loops(LoopQuery(states: LoopState.live), asOf: until)
            + ledger.loops(LoopQuery(states: LoopState.ended, changedSince: since), asOf: until)
        let declined = Decline.all(in: try factsAboutPeople(Decline.ledgerKey)).filter {
            $0.at >= since && $0.at <= until
        }
        // Who handed a loop off in the window: the hand-off, and what was decided before it, are
        // theirs to report even when it was their only loop.
        let handedOff = loops.filter { ($0.handedOffAt ?? .distantPast) >= since }.compactMap(\.delegatedBy)
        return Set(loops.map(\.owner) + declined.map(\.person) + handedOff).sorted()
    }

    /// The owner's loops a report over a window needs: every live one (blockers, due dates and risks
    /// do not wait for an event), and those that ended with an event since `since`. Read from the
    /// projection, so a report never replays history; the two sets do not overlap.
    /// The loops the owner handed off in the window are read too: the hand-off is their decision.
    /// Read without their notes: a report tells progress from the window's events, not from them.
    /// `reading` may leave out more (the standup's: plan changes older than its window).
    func reportLoops(
        owner: String,
        since: Date,
        asOf: Date? = nil,
        reading: Loop.Reading = .withoutNotes
    ) throws -> [Loop] {
        func read(_ query: LoopQuery) throws -> [Loop] {
            var query = query
            query.reading = reading
            return try ledger.loops(query, asOf: asOf ?? now)
        }
        var handedOff = LoopQuery(changedSince: since)
        handedOff.handedOff = true
        let handed = try read(handedOff).filter { $0.owner != owner }
        // One the owner handed off and its new owner handed on names that one as its delegator now:
        // the window's events say whose hand-off it holds (it dropped out of the owner's reports).
        let others = handed.filter { $0.delegatedBy != owner }
        let handedOn =
            others.isEmpty
            ? []
            : Set(
                try ledger.events(ofLoops: others.map(\.key), since: since, until: asOf ?? now)
                    .filter { $0.type == .handedOff && $0.by == owner }.map(\.loop)
            )
        return try read(LoopQuery(owners: [owner], states: LoopState.live))
            + read(LoopQuery(owners: [owner], states: LoopState.ended, changedSince: since))
            + handed.filter { $0.delegatedBy == owner || handedOn.contains($0.key) }
    }

    /// Everything a report over a window reads: the owner's commits in it, the loops it touches (and
    /// those the commits name), and those loops' events since its start.
    func reportWindow(
        owner: String,
        since: Date,
        until: Date,
        reading: Loop.Reading = .withoutNotes
    ) throws
        -> (loops: [Loop], events: [Event], commits: [ReportCommit])
    {
        // git runs while the ledger is read: the two waits overlap instead of adding up. Without
        // repositories there is nothing to wait for, and no task is started.
        let gitLog =
            configuration.repositories.isEmpty
            ? nil : Pending { [self] in await reportCommits(owner: owner, since: since, until: until) }
        // A window that ended before now shows the loops as they were when it ended.
        let end = min(until, now)
        let touched = try reportLoops(owner: owner, since: since, asOf: end, reading: reading)
        let commits = gitLog?.wait() ?? []
        let loops = try addingLoops(namedBy: commits, to: touched)
        // Only a loop whose last event is in the window has events in it.
        let changed = loops.filter { $0.lastEventAt >= since }
        let events = try ledger.events(ofLoops: changed.map(\.key), since: since, until: end)
        return (loops, events, commits)
    }

    /// Adds the loops commits name that are not among `loops` (someone else's, or quiet ones).
    func addingLoops(namedBy commits: [ReportCommit], to loops: [Loop]) throws -> [Loop] {
        var known = Set(loops.map(\.key))
        for loop in loops where loop.number > 0 { known.insert(String(loop.number)) }
        var result = loops
        for commit in commits {
            for reference in commit.loopReferences {
                let bare = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
                guard !known.contains(bare), let loop = try ledger.loop(bare, asOf: now), !known.contains(loop.key)
                else {
                    continue
                }
                known.insert(loop.key)
                known.insert(String(loop.number))
                result.append(loop)
            }
        }
        return result
    }

    /// The owner's commits in the window from every repository in `repos`, read at the same time.
    /// A repository git cannot read is a warning, not a failed report.
    func reportCommits(owner: String, since: Date, until: Date) async -> [ReportCommit] {
        let repositories = configuration.repositories
        guard !repositories.isEmpty else { return [] }
        // `[people.NAME] git = "..."` names someone's git identity; otherwise your own is the
        // repository's user.email, and someone else's is matched by their name.
        let person = configuration.table("people")[owner]?.objectValue
        let configured = person?["git"]?.stringValue
        let own = owner == actor
        let environment = environment
        let start = Int(since.timeIntervalSince1970.rounded(.down))
        let end = Int(until.timeIntervalSince1970.rounded(.up))
        return await withTaskGroup(of: ([ReportCommit], String?).self) { group in
            for path in repositories {
                group.addTask {
                    let log = CommitLog(repository: path)
                    do {
                        var author = configured
                        if author == nil {
                            author = own ? await log.userEmail(environment: environment) ?? owner : owner
                        }
                        let commits = try await log.commits(author: author, since: start, until: end)
                        return (
                            commits.map { commit in
                                ReportCommit(
                                    hash: commit.hash,
                                    subject: commit.subject,
                                    at: Date(timeIntervalSince1970: Double(commit.authoredAt)),
                                    repository: log.name,
                                    loopReferences: commit.loopReferences
                                )
                            },
                            nil
                        )
                    } catch {
                        return ([], "cannot read git activity in \(path): \(error)")
                    }
                }
            }
            var all: [ReportCommit] = []
            for await (commits, warning) in group {
                all += commits
                if let warning { Output.warning(warning) }
            }
            return all.sorted { ($0.at, $0.hash) < ($1.at, $1.hash) }
        }
    }

    /// Prints one report per person (`--owner all`, `everyone`): one after another, or as one JSON
    /// array, one person's too (a script reading everyone's broke on a team of one); marks each when
    /// asked. One post carries one person's report, so `--post` takes one owner.
    func deliver(_ reports: [Report], options: ReportOptions, everyone: Bool) throws {
        let format = options.resolvedFormat()
        let array = everyone && (format == .json || format == .slack)
        if reports.count == 1, !array || options.post != nil { return try deliver(reports[0], options: options) }
        guard options.post == nil else {
            throw CLIError("--post sends one person's report: name them with --owner NAME")
        }
        if reports.isEmpty {
            if format == .json || format == .slack { print("[]") } else { print("nobody has loops to report on") }
            return
        }
        let outputs = reports.map { $0.rendered(as: format) }
        if format == .json || format == .slack {
            print("[" + outputs.map { $0.trimming(.spacesAndNewlines) }.joined(separator: ",") + "]")
        } else {
            print(outputs.joined(separator: "\n"), terminator: "")
        }
        if options.mark { try mark(reports) }
        KeptUntilExit.keep(reports, outputs)
    }

    /// Prints a report, posts it when asked, and marks its loops only once the post went through. A
    /// `--post` that names no webhook is refused before anything is printed.
    func deliver(_ report: Report, options: ReportOptions) throws {
        let format = options.resolvedFormat()
        let address = try options.post.map(postAddress)
        let output = report.rendered(as: format)
        print(output, terminator: "")
        if let address {
            // A webhook takes JSON: the Slack payload when asked for, the JSON report otherwise.
            let payload = format == .slack ? output : report.rendered(as: .json)
            // Not installed beside own: the post failed (exit 1, as for a post that did not go
            // through), not a usage error (2), which a cron wrapper reads as a bad command line.
            do {
                _ = try Sibling.executable("own-post")
            } catch let error as CLIError {
                Output.error(error.message + "; nothing was posted or marked")
                throw ExitCode(1)
            }
            // `own-post` says why on standard error when it could not deliver.
            let code = try Sibling.run("own-post", [address, String(options.postTimeout)], input: payload)
            if code != 0 { throw ExitCode(code == 2 ? 2 : 1) }
        }
        if options.mark { try mark([report]) }
        KeptUntilExit.keep(report, output)
    }

    /// A `--post` value as a URL: itself, or the `[post]` table's entry of that name; an http or
    /// https URL with a host, as `own-post` takes.
    func postAddress(_ value: String) throws -> String {
        if value.contains("://") { return try Self.webhookURL(value, named: "--post \"\(value)\"") }
        guard let address = configuration.table("post")[value]?.stringValue, !address.isEmpty else {
            let names = configuration.table("post").keys.sorted()
            throw CLIError(
                "--post \"\(value)\" is neither a URL nor a name in the configuration's [post] table"
                    + (names.isEmpty ? " (it has none)" : " (it has: \(names.joined(separator: ", ")))")
            )
        }
        return try Self.webhookURL(address, named: "the [post] table's \"\(value)\"")
    }

    /// `address` when it is an http or https URL with a host; an error naming where it came from
    /// (never the URL itself, whose path holds the webhook's secret) otherwise.
    private static func webhookURL(_ address: String, named origin: String) throws -> String {
        guard HTTPAddress.isValid(address) else {
            throw CLIError("\(origin) is not an http:// or https:// URL; nothing was printed, sent or marked")
        }
        return address
    }

    /// Records a `reported` event on each loop the reports included, all in one transaction, naming
    /// the changes to plan and blocks it told of (`covers`, `Report.covers`), and not one that arrives
    /// later from someone's offline work, however old. A loop already reported on this channel with
    /// nothing recorded since is left alone: marking the same report twice records nothing. The events
    /// share the command's id (the first's, then `.2`, `.3`), so `own undo` takes the mark back whole.
    func mark(_ reports: [Report]) throws {
        var events: [Event] = []
        let first = Identifiers.event()
        // A loop two of the reports include (everyone's) is marked once.
        var seen: Set<String> = []
        for report in reports {
            for key in report.includedLoops where seen.insert(key).inserted {
                try markEvent(of: key, in: report, id: events.isEmpty ? first : "\(first).\(events.count + 1)")
                    .map { events.append($0) }
            }
        }
        if !events.isEmpty { try append(events) }
        let count = events.count == 1 ? "1 loop" : "\(events.count) loops"
        let channels = Set(reports.map(\.channel.rawValue)).sorted().joined(separator: ", ")
        Output.note("marked \(count) as reported (\(channels))")
    }

    /// The `reported` event that marks a loop as told of in `report`, or nil when it is marked already.
    private func markEvent(of key: String, in report: Report, id: String) throws -> Event? {
        let loop = try ledger.loop(key)
        let covers = try loop.map { loop in
            report.covers(of: loop, events: try ledger.events(ofLoop: key), at: now)
        }
        // Marked already: on this channel, since its last event, and of every change now on record.
        if let loop,
            loop.reports.contains(where: { marked in
                marked.channel == report.channel && marked.at >= loop.lastEventAt
                    && marked.covers.map { Set($0).isSuperset(of: covers ?? []) } ?? true
            })
        {
            return nil
        }
        return Event(
            id: id,
            loop: key,
            at: now,
            by: actor,
            type: .reported,
            fields: [
                "channel": .string(report.channel.rawValue), "note": .string("own \(report.command)"),
                "covers": .array((covers ?? []).map(JSONValue.string)),
            ]
        )
    }

    /// A `--since` or `--until` as an instant on the owner's calendar: a day starts at its local
    /// midnight, or ends at the next one when `endOfDay`.
    func reportInstant(_ text: String, calendar: WorkingCalendar, endOfDay: Bool) throws -> Date {
        // A window's start looks back (`--since fri`: the last Friday), its end ahead (`--until fri`:
        // this week's), today included.
        switch try DateExpression.parse(
            text,
            now: now,
            zone: calendar.zone,
            weekdays: endOfDay ? .nextOrToday : .lastOrToday
        ) {
        case .day(let day): (endOfDay ? day.adding(days: 1) : day).start(in: calendar.zone)
        case .instant(let instant): instant
        }
    }
}

extension Report {
    /// The command that makes it, for the `reported` event's note.
    var command: String {
        switch self {
        case .standup: "standup"
        case .weekly: "weekly"
        case .notice: "notice"
        case .brag: "brag"
        }
    }
}
