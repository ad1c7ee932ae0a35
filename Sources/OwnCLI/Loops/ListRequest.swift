import Foundation
import OwnCore
import OwnOutput
import OwnStore

/// What `own list` is asked, as plain values, and the listing itself. `Own.List` fills one from what
/// the argument parser read; the everyday form (`ListRequest.runEveryday`) fills one from the arguments
/// directly, without making the command's property wrappers: making the first of them builds
/// ArgumentParser's `Set` of names, whose first use scans every protocol conformance in the binary
/// (about 0.4M instructions, 0.1 ms of every `own list`).
struct ListRequest {
    /// How many bytes of `--json` are written at a time.
    static let jsonPiece = 16_384

    var contextName: String?
    var owner: String?
    var state: Choices<LoopState>?
    var kind: Choices<Kind>?
    var stakes: Choices<Stakes>?
    var dueBefore: String?
    var grep: String?
    var project: String?
    var tags: [String] = []
    var affects: String?
    var all = false
    var delegated = false
    var format: ReadFormat = .text
    var global = GlobalOptions.Values()

    /// The request the parsed command makes.
    init(_ command: Own.List) {
        (contextName, owner, state, kind, stakes) = (
            command.contextName, command.owner, command.state, command.kind, command.stakes
        )
        (dueBefore, grep, project, tags, affects) = (
            command.dueBefore, command.grep, command.project, command.tags, command.affects
        )
        (all, delegated, format, global) = (
            command.all, command.delegated, command.output.resolved, command.global.values
        )
    }

    func run() throws {
        let context = try Context(
            options: global,
            environment: ProcessEnvironment.current,
            needsActor: false,
            reads: true
        )
        try context.warnIfNobody(owner)
        var query = LoopQuery()
        // The table and the JSON show no notes, plan changes, reports or guards; the JSON shows a few
        // members more (everyone's hand-offs also who handed each off, which the JSON reads too).
        // Everyone's hand-offs with `--owner all`, or with `--all` and no owner, as `--all` is everyone's
        // loops (with `--delegated` it widened the states only).
        let everyones = delegated && (owner == "all" || (owner == nil && all))
        query.reading = format == .json || everyones ? .listing : .table
        // Handed off by someone: whoever owns them now, found by their delegator.
        var delegator: String?
        if everyones {
            // Everyone's hand-offs, as `--owner all` is everyone's loops: a lead's view of who waits on whom.
            query.handedOff = true
        } else if delegated {
            delegator = owner ?? context.actor
            guard delegator?.isEmpty == false else {
                throw CLIError("--delegated lists one person's hand-offs: pass --owner NAME or --as NAME")
            }
            query.delegatedBy = delegator
        } else if let owner, owner != "all" {
            query.owners = [owner]
        } else if owner == nil, !all {
            guard !context.actor.isEmpty else {
                throw CLIError(
                    "cannot tell whose loops to list: pass --as NAME or --owner NAME, set OWN_USER, or use --all"
                )
            }
            query.owners = [context.actor]
        }
        if let state {
            query.states = Set(state.values)
        } else if !all {
            query.states = LoopState.live
        }
        if let kind { query.kinds = Set(kind.values) }
        if let stakes { query.stakes = Set(stakes.values) }
        if let dueBefore {
            // Like Taskwarrior's due.before: a day means before that day starts, on the reader's
            // calendar, where `own list` shows due dates (a due instant is listed on the reader's clock).
            let zone = context.calendar.zone
            query.dueZone = zone
            query.dueBefore =
                switch try LoopFields.due(dueBefore, context) {
                case .day(let day): day.start(in: zone)
                case .instant(let instant): instant
                }
        }
        let preset = try contextName.map { try ListContext.named($0, in: context.configuration) } ?? ListContext()
        if let grep = grep ?? preset.grep { query.text = try LoopFields.text(grep, "--grep") }
        // A blank --project or --tag is refused, as a blank --grep is: it filtered by nothing, or by a
        // project no loop has, without a word.
        // `none`, as `own add` and `own edit` read it, is the loops without one (Taskwarrior's `project:`).
        // `-NAME` leaves a tag out (below), and `own edit --affects -NAME` removes someone: here it
        // read as a project or person literally named so, and matched nothing without a word.
        for (option, value) in [("--project", project), ("--affects", affects)] {
            if let value, value.hasPrefix("-") {
                throw CLIError(
                    "\(option) \(value): own list leaves out tags only (--tag -NAME); give \(option) a name, or leave it off"
                )
            }
        }
        if let project = project ?? preset.project {
            let projects = LoopFields.list([try LoopFields.text(project, "--project")])
            guard !projects.isEmpty else { throw CLIError("--project \(project) names no project; give one or more") }
            if projects.contains(where: LoopFields.isNone) {
                guard projects.count == 1 else { throw CLIError("--project none stands alone: no project, or names") }
                query.lacking.insert(.project)
            } else {
                query.projects = Set(projects)
            }
        }
        // `-NAME` excludes a tag, as Taskwarrior's filters do.
        var named = try LoopFields.names(tags, "--tag") + LoopFields.list(preset.tags)
        if named.contains(where: LoopFields.isNone) {
            guard named.count == 1 else {
                // `--tag` adds to the context's tags: say where the others came from.
                if let contextName, !preset.tags.isEmpty {
                    throw CLIError(
                        "--tag none stands alone, and \(contextName) adds its tags (\(preset.tags.joined(separator: ", "))): "
                            + "list without the context for the loops with no tags"
                    )
                }
                throw CLIError("--tag none stands alone: no tags, or names")
            }
            query.lacking.insert(.tags)
            named = []
        }
        let without = named.filter { $0.hasPrefix("-") }.map { String($0.dropFirst()) }
        if without.contains(where: \.isEmpty) {
            throw CLIError("--tag - names no tag; write --tag -NAME to leave one out")
        }
        // A tag asked for and left out matched no loop, without a word (a context's tag too).
        if let both = named.first(where: { !$0.hasPrefix("-") && without.contains($0) }) {
            throw CLIError(
                "--tag \(both) and --tag -\(both) contradict each other"
                    + (contextName.map { name in preset.tags.contains(both) ? " (\(name) adds \(both))" : "" } ?? "")
            )
        }
        if named.count > without.count { query.tags = Set(named.filter { !$0.hasPrefix("-") }) }
        if !without.isEmpty { query.withoutTags = Set(without) }
        if let affects = affects ?? preset.affects {
            // A loop's affects are named one at a time (`own add` splits a list at its commas): a list
            // here matched no loop, without a word.
            guard !affects.contains(",") else {
                throw CLIError("--affects \(affects) is a list; give one person or team, e.g. --affects bob")
            }
            if LoopFields.isNone(affects) {
                query.lacking.insert(.affects)
            } else {
                let name = try LoopFields.text(affects, "--affects")
                // As `own add --affects` refuses them: `nobody` or `all` matched no loop, without a word.
                guard Event.isPersonName(name) else {
                    throw CLIError(
                        LoopFields.noOne("--affects", name) + "; name a person or team, or --affects none for "
                            + "the loops that affect no one"
                    )
                }
                query.affects = Event.nameForm(name)
            }
        }
        let loops = Loop.byUrgency(
            try context.ledger.loops(query, asOf: context.now),
            now: context.now,
            calendars: context.calendars
        )
        defer { KeptUntilExit.keep(loops) }
        if format == .json {
            // The array written as bytes, never made a String (which would check and copy them
            // again), a piece at a time: the same memory serves each piece, where one run for
            // the whole array was memory never touched, a page fault for every 4 kB.
            var output = JSONBuffer(capacity: Self.jsonPiece + 1024)
            output.append(UInt8(ascii: "["))
            // Each loop given where it lies: an array's element passed on is copied, strings and all.
            loops.withUnsafeBufferPointer { loops in
                for index in loops.indices {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    LoopJSON.write(loops[index], now: context.now, calendars: context.calendars, into: &output)
                    if output.count >= Self.jsonPiece {
                        output.withBytes(StandardOutput.write)
                        output.removeAll()
                    }
                }
            }
            output.append(UInt8(ascii: "]"))
            output.withBytes(StandardOutput.line)
            return
        }
        if loops.isEmpty {
            // A search whose only matches are done or dropped says so: they are listed with --all.
            if query.text != nil, state == nil, !all, !delegated {
                var closed = query
                closed.states = LoopState.ended
                let count = try context.ledger.loops(closed, asOf: context.now).count
                if count > 0 {
                    Output.confirm(
                        "no open loops match; \(Draft.count(count, "done or dropped loop")) \(count == 1 ? "does" : "do"): "
                            + "add --all to list \(count == 1 ? "it" : "them")"
                    )
                    return
                }
            }
            // Whose list came out empty: the one owner asked for (`--owner`), the actor's own by default.
            let owner = query.owners.flatMap { $0.count == 1 ? $0.first : nil }
            let filtered =
                all || state != nil || query.kinds != nil || query.stakes != nil || query.dueBefore != nil
                || query.text != nil || query.projects != nil || query.tags != nil || query.withoutTags != nil
                || query.affects != nil || !query.lacking.isEmpty
            Output.confirm(
                delegated
                    ? "no loops handed off by \(delegator ?? "anyone") match"
                    : filtered || owner == nil
                        ? "no loops match"
                        : owner == context.actor
                            ? "no open loops for \(context.actor): `own add \"…\"` opens one"
                            : "no open loops for \(owner ?? "")"
            )
            return
        }
        let showOwner = query.owners?.count != 1 || delegated
        // Everyone's hand-offs: who waits on whom.
        let showDelegator = delegated && delegator == nil
        if format == .md {
            // The text table's columns in its order, the owner where it shows one.
            print(
                ReadFormat.table(
                    ["#", "state", "stakes", "due"] + (showDelegator ? ["from"] : []) + (showOwner ? ["owner"] : [])
                        + ["title"],
                    loops.map { loop in
                        let due = loop.due.map { $0.listed(in: context.calendar.zone) } ?? "-"
                        let overdue = loop.isOverdue(at: context.now, calendars: context.calendars)
                        return [
                            "#\(loop.number)", loop.state.rawValue, loop.stakes.rawValue,
                            due + (overdue ? " (overdue)" : ""),
                        ]
                            + (showDelegator ? [loop.delegatedBy ?? "-"] : []) + (showOwner ? [loop.owner] : [])
                            + [loop.title]
                    }
                )
            )
            return
        }
        StandardOutput.line(
            LoopTable(
                loops: loops,
                context: context,
                showOwner: showOwner,
                showDelegator: showDelegator,
                width: Terminal.width(context.environment),
                colour: Terminal.colour(context.environment)
            ).render()
        )
    }
}
