import ArgumentParser
import Foundation
import OwnCore
import OwnStore

/// What `own list` was asked, as plain values: read from the parsed command, or straight from the
/// arguments of the everyday invocations (`Own.run`), which spares each run the argument parser's
/// reflection over every option (most of `own list`'s start-up).
struct ListRequest: Equatable {
    var contextName: String?
    var owner: String?
    var state: [LoopState]?
    var kind: [Kind]?
    var stakes: [Stakes]?
    var dueBefore: String?
    var grep: String?
    var project: String?
    var tags: [String] = []
    var affects: String?
    var all = false
    var delegated = false
    var format = ReadFormat.text
    var global = Global()

    /// The options every command takes (`GlobalOptions`), as plain values.
    struct Global: Equatable {
        var db: String?
        var now: String?
        var actor: String?
        var config: String?
        var policy: String?

        var options: GlobalOptions {
            var options = GlobalOptions()
            options.db = db
            options.now = now
            options.actor = actor
            options.config = config
            options.policy = policy
            return options
        }
    }

    init() {}

    init(_ list: Own.List) {
        contextName = list.contextName
        owner = list.owner
        state = list.state?.values
        kind = list.kind?.values
        stakes = list.stakes?.values
        dueBefore = list.dueBefore
        grep = list.grep
        project = list.project
        tags = list.tags
        affects = list.affects
        all = list.all
        delegated = list.delegated
        format = list.output.resolved
        global = Global(
            db: list.global.db,
            now: list.global.now,
            actor: list.global.actor,
            config: list.global.config,
            policy: list.global.policy
        )
    }

    /// Where an option that takes one text puts it; nil for any other.
    private static func textField(_ option: String) -> WritableKeyPath<ListRequest, String?>? {
        switch option {
        case "--owner": \.owner
        case "--grep": \.grep
        case "--project": \.project
        case "--affects": \.affects
        case "--db": \.global.db
        case "--now": \.global.now
        case "--as": \.global.actor
        case "--config": \.global.config
        case "--policy": \.global.policy
        default: nil
        }
    }

    /// The request, when the arguments (after `list`) are only options the argument parser would
    /// read the same way: each given once (`--tag` as often as wanted) as `--name value`, a value
    /// that does not start with `-`, and at most one `@context`. Nil for anything else (`--help`,
    /// `--name=value`, `--state`, a mistake…), which the argument parser then reads, with its help
    /// and its errors.
    init?(arguments: [String]) {
        var seen: Set<String> = []
        var json = false
        var index = 0
        func value() -> String? {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            guard argument == "--tag" || seen.insert(argument).inserted else { return nil }
            switch argument {
            case "--json": json = true
            case "--all": all = true
            case "--delegated": delegated = true
            case "--format":
                guard let name = value(), let named = ReadFormat(rawValue: name) else { return nil }
                format = named
            case "--tag":
                guard let text = value() else { return nil }
                tags.append(text)
            default:
                if let field = Self.textField(argument) {
                    guard let text = value() else { return nil }
                    self[keyPath: field] = text
                } else {
                    guard contextName == nil, argument.hasPrefix("@") else { return nil }
                    contextName = argument
                }
            }
            index += 1
        }
        // `--json` wins over `--format`, as `FormatOptions.resolved` has it.
        if json { format = .json }
    }

    func run() throws {
        let context = try global.options.readingContext()
        var query = LoopQuery()
        // The table and the JSON show no notes, plan changes, reports or guards.
        query.reading = .listing
        // Handed off by someone: whoever owns them now, found by their delegator.
        var delegator: String?
        if delegated {
            delegator = owner ?? context.actor
            guard delegator != "all", delegator?.isEmpty == false else {
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
            query.states = Set(state)
        } else if !all {
            query.states = LoopState.live
        }
        if let kind { query.kinds = Set(kind) }
        if let stakes { query.stakes = Set(stakes) }
        if let dueBefore {
            // Like Taskwarrior's due.before: a day means before that day starts.
            query.dueBefore =
                switch try LoopFields.due(dueBefore, context) {
                case .day(let day): day.start(in: .gmt)
                case .instant(let instant): instant
                }
        }
        let preset = try contextName.map { try ListContext.named($0, in: context.configuration) } ?? ListContext()
        if let grep = grep ?? preset.grep { query.text = try LoopFields.text(grep, "--grep") }
        if let project = project ?? preset.project { query.projects = Set(LoopFields.list([project])) }
        if !(tags + preset.tags).isEmpty { query.tags = Set(LoopFields.list(tags + preset.tags)) }
        if let affects = affects ?? preset.affects { query.affects = try LoopFields.text(affects, "--affects") }
        let loops = Loop.byUrgency(
            try context.ledger.loops(query, asOf: context.now),
            now: context.now,
            calendars: context.calendars
        )
        if format == .json {
            // One run of bytes for the whole array, made text once.
            var output: [UInt8] = [UInt8(ascii: "[")]
            output.reserveCapacity(loops.count * 512 + 2)
            // Each loop given where it lies: an array's element passed on is copied, strings and all.
            loops.withUnsafeBufferPointer { loops in
                for index in loops.indices {
                    if index > 0 { output.append(UInt8(ascii: ",")) }
                    LoopJSON.write(loops[index], now: context.now, calendars: context.calendars, into: &output)
                }
            }
            output.append(UInt8(ascii: "]"))
            print(String(decoding: output, as: UTF8.self))
            return
        }
        if loops.isEmpty {
            print(
                delegated
                    ? "no loops handed off by \(delegator ?? "") match"
                    : all || state != nil || query.text != nil || query.projects != nil || query.tags != nil
                        || query.affects != nil
                        ? "no loops match" : "no open loops for \(context.actor): `own add \"…\"` opens one"
            )
            return
        }
        let showOwner = query.owners?.count != 1 || delegated
        if format == .md {
            print(
                ReadFormat.table(
                    ["#", "title", "state", "stakes", "due", "owner"],
                    loops.map { loop in
                        let zone = context.calendars.calendar(for: loop.owner).zone
                        let due = loop.due.map { $0.day(in: zone).description } ?? "-"
                        let overdue = loop.isOverdue(at: context.now, calendars: context.calendars)
                        return [
                            "#\(loop.number)", loop.title, loop.state.rawValue, loop.stakes.rawValue,
                            due + (overdue ? " (overdue)" : ""), loop.owner,
                        ]
                    }
                )
            )
            return
        }
        print(
            LoopTable(
                loops: loops,
                context: context,
                showOwner: showOwner,
                width: Terminal.width(context.environment),
                colour: Terminal.colour(context.environment)
            ).render()
        )
    }
}
