import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own show`: one loop and its whole history.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            _superCommandName: "own",
            abstract: "Show a loop and its whole history."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.readingContext()
            let loop = try context.loop(loop)
            let events = try context.ledger.events(ofLoops: [loop.key], since: nil, until: context.now)
            // The events of this loop the team server refused for good, as the last syncs noted them.
            let ids = Set(events.map(\.id))
            // Read from the configuration the command has read already, and the state beside the ledger.
            let ledger = try? Context.ledgerPath(
                options: global.values,
                environment: ProcessInfo.processInfo.environment
            )
            // A remote setting it cannot read is `own sync`'s to say; here it marks nothing.
            let remote = ledger.flatMap {
                try? RemoteState.load(ledger: $0, configured: context.configuration.remote)
            }
            let refusedByServer = Dictionary(
                (remote?.refused ?? []).filter { ids.contains($0.id) }.map { ($0.id, $0.reason) },
                uniquingKeysWith: { _, last in last }
            )
            // What was taken back, and the undos and changes of owner that change nothing (and why): the
            // text marks them in the history, the JSON lists them beside the events, as the server's does.
            let history = LoopHistory(events)
            let (retracted, voided, unmoved) = (history.undone, history.takesBackNothing, history.changesNothing)
            let byID = Dictionary(events.map { ($0.id, $0) }) { first, _ in first }
            if output.resolved == .json {
                let local = [(name: "refusedByServer", value: refusedByServer)]
                print(history.json(loop, now: context.now, calendars: context.calendars, extra: local))
                return
            }
            let zone = context.calendars.calendar(for: loop.owner).zone
            // Everything below comes from the ledger: escaped, it cannot act on the terminal.
            var lines = ["#\(loop.number) \(TextEscaping.escaped(loop.title))"]
            var facts: [(String, String)] = [
                ("key", loop.key), ("owner", loop.owner),
            ]
            if let delegator = loop.delegatedBy { facts.append(("delegated by", delegator)) }
            facts += [
                ("state", loop.state.rawValue),
                ("stakes", "\(loop.stakes.rawValue) (autonomy \(loop.autonomy))"), ("kind", loop.kind.rawValue),
            ]
            facts.append(("done when", loop.doneWhen ?? "- (not defined)"))
            // A due instant (`--due 4h`, a Taskwarrior due) on the owner's calendar, as the history's
            // instants: in UTC it read as another day than `own list` gives.
            var due =
                loop.due.map {
                    if case .instant(let instant) = $0 { Timestamp.format(instant, in: zone) } else { $0.json }
                } ?? "- (none)"
            if loop.isOverdue(at: context.now, calendars: context.calendars) { due += " (overdue)" }
            facts.append(("due", due))
            if let stage = loop.stage { facts.append(("stage", stage.rawValue)) }
            if !loop.affects.isEmpty { facts.append(("affects", loop.affects.joined(separator: ", "))) }
            if let project = loop.project { facts.append(("project", project)) }
            if !loop.tags.isEmpty { facts.append(("tags", loop.tags.joined(separator: ", "))) }
            if let hours = loop.estimateHours { facts.append(("estimate", JSONWriter.string(.number(hours)) + "h")) }
            if let reason = loop.blockReason, let since = loop.blockedAt {
                facts.append(("blocked", "\(reason) (since \(Timestamp.format(since, in: zone)))"))
            }
            for (name, value) in [("ux", loop.ux), ("touches", loop.touches), ("if it fails", loop.ifItFails)] {
                if let value { facts.append((name, value)) }
            }
            if let outcome = loop.outcome { facts.append(("outcome", outcome)) }
            if loop.verified {
                facts.append(("verified", "in production" + (loop.monitoredBy.map { ", " + $0 } ?? "")))
            }
            if let origin = loop.origin { facts.append(("origin", origin)) }
            let labelWidth = (facts.map(\.0.count).max() ?? 0) + 2
            for (name, value) in facts {
                let label = name + ":" + String(repeating: " ", count: labelWidth - name.count - 1)
                lines.append("  " + label + TextEscaping.escaped(value))
            }
            lines.append("history:")
            for event in events {
                var line = "\(event.by)  \(Self.describe(event))"
                if retracted.contains(event.id) { line += " (undone)" }
                if let id = event.retractedID, let taken = byID[id] {
                    // One that takes nothing back names what it meant to (it did not take it back).
                    let verb = voided[event.id] == nil ? "takes back" : "meant to take back"
                    line =
                        "\(event.by)  retracted: \(verb) the \(taken.type.rawValue) of "
                        + Timestamp.format(taken.at, in: zone)
                }
                if let why = voided[event.id] { line += " (takes back nothing: \(why))" }
                if let why = unmoved[event.id] { line += " (changes nothing: \(why))" }
                if let reason = refusedByServer[event.id] {
                    line += " (only in this ledger: the team server refused it: \(reason))"
                }
                lines.append("  \(Timestamp.format(event.at, in: zone))  \(TextEscaping.escaped(line))")
            }
            print(output.resolved == .md ? ReadFormat.markdown(lines) : lines.joined(separator: "\n"))
        }

        /// One line for an event: its type and what it says (`Event.historyLine`).
        static func describe(_ event: Event) -> String { event.historyLine }
    }

    /// `own edit`: change any field of a loop.
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            _superCommandName: "own",
            abstract: "Change a loop's fields (title, done-when, due, stakes, kind, …).",
            usage:
                "own edit <loop> [--title <text>] [--done-when <text>] [--due <date>|none] [--stakes <stakes>] [--tag <tag>|-<tag>] …",
            discussion:
                "Moving a due date the loop already has is a change to plan: it is recorded as `own due` records it "
                + "(the doctor asks who was told, and the reports list it). `own due` also takes --reason and --told. "
                + "On a done or dropped loop, which `own due` leaves alone, it corrects the record as an edit."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(name: .long, help: ArgumentHelp("The new title.", valueName: "text")) var title: String?
        @Flag(
            name: .long,
            inversion: .prefixedNo,
            help:
                "Verified in production since it was done (what `stopped-at-merge` asks for); --no-verified takes it back."
        )
        var verified: Bool?
        @Option(
            name: .customLong("monitored-by"),
            help: ArgumentHelp(
                "What would notice if it broke: an alert, a dashboard; none clears it.",
                valueName: "text"
            )
        )
        var monitoredBy: String?
        @OptionGroup var fields: LoopFields
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            let current = try context.loop(loop)
            if verified == true || monitoredBy != nil, current.state != .done {
                throw CLIError(
                    "#\(current.number) is \(current.state.rawValue), not done: --verified and --monitored-by say a done "
                        + "loop was verified in production since; give them to `own done \(current.number)`, or once it is done"
                )
            }
            var values = try fields.fields(context, current: current)
            if let title { values["title"] = .string(try LoopFields.text(title, "--title")) }
            if let verified { values["verified"] = verified ? true : .null }
            if let monitoredBy {
                values["monitoredBy"] =
                    LoopFields.isNone(monitoredBy) ? .null : .string(try LoopFields.text(monitoredBy, "--monitored-by"))
            }
            guard !values.isEmpty else {
                throw CLIError("nothing to change: give at least one field, e.g. --title or --due")
            }
            values = current.changedFields(values)
            // A done or dropped loop keeps its owner, as a hand-off refuses it: given by an edit, ana's
            // delivery went into bob's brag, weekly and readiness (and stayed in ana's record).
            if values["owner"] != nil, !current.state.isLive {
                throw CLIError(
                    "#\(current.number) is \(current.state.rawValue): it stays \(current.owner)'s, who ended it; "
                        + "`own reopen \(current.number) REASON` first to give it to someone else"
                )
            }
            if let owner = values["owner"]?.stringValue, !current.ownerMayBeChanged(to: owner, by: context.actor) {
                throw CLIError(
                    "#\(current.number) is \(current.owner)'s: only its owner gives it another owner; "
                        + "ask \(current.owner) to (`own handoff \(current.number) --to \(owner)`)"
                )
            }
            if context.actor == current.owner, current.editApproves(values) {
                throw CLIError(
                    "#\(current.number) awaits approval (autonomy \(current.autonomy), \(current.stakes.rawValue) stakes): "
                        + "its owner cannot edit it out of that; get `own approve \(current.number)` from someone else"
                )
            }
            if context.actor != current.owner, current.editApproves(values) {
                // The ledger does not know roles; the team server does, and refuses it from a member.
                Output.note(
                    "this edit approves #\(current.number), as `own approve` does: a team server takes it only "
                        + "from a lead, and refuses it at the next sync otherwise"
                )
            }
            guard !values.isEmpty else {
                print("#\(current.number) unchanged: it already has those values")
                return
            }
            // A due date moved or removed (not set for the first time) is a change to plan, recorded as
            // `own due` records it: the doctor asks who was told, and the reports list it. As an edit, the
            // new date went unnoticed by both (and a date removed, then set later, hid the slip).
            var actions: [(action: LoopAction, fields: EventFields)] = []
            var edited = values
            // A loop no longer live has no plan to change: its date is corrected as an edit.
            if let due = values["due"], current.due != nil, current.state.isLive {
                edited["due"] = nil
                actions.append((.moveDue, ["due": due]))
            }
            if !edited.isEmpty { actions.insert((.edit, edited), at: 0) }
            let loop = try context.record(actions, on: loop)
            print("#\(loop.number) edited: \(Self.names(values))")
            if actions.contains(where: { $0.action == .moveDue }) {
                remindToTell(loop, told: [], context: context)
            }
            if let owner = values["owner"]?.stringValue, owner != current.owner, context.actor != current.owner {
                // Taken from a hand-off nobody had taken up (`Loop.ownerMayBeChanged`): whoever handed it off
                // still follows it, now to the taker.
                Output.note(
                    current.delegatedBy == context.actor
                        ? "you own #\(loop.number) again: its hand-off to \(current.owner) had not been taken up"
                        : "you own #\(loop.number) now: its hand-off to \(current.owner) had not been taken up"
                            + (current.delegatedBy.map { "; \($0), who handed it off, still follows it up" } ?? "")
                )
            } else if let owner = values["owner"]?.stringValue, owner != current.owner,
                let delegator = loop.delegatedBy
            {
                // An edit moves the loop and nothing else: whoever handed it off before still follows it.
                Output.note(
                    "\(owner) owns #\(loop.number) now, by an edit; \(delegator), who handed it off, still follows it up"
                )
            } else if let owner = values["owner"]?.stringValue, owner != current.owner {
                // An edit moves the loop and nothing else: no delegator, no one asked to accept it.
                Output.note(
                    "\(owner) owns #\(loop.number) now, by an edit: nobody follows it up; `own handoff \(loop.number) "
                        + "--to \(owner)` would have made you its delegator and asked \(owner) to take it on"
                )
            }
        }

        /// The fields an edit changed, by the options that change them (`estimate`, `done-when`), those
        /// it cleared marked: "due cleared, title".
        static func names(_ fields: EventFields) -> String {
            Event.editedNames(fields, naming: Event.optionName(of:))
        }
    }
}
