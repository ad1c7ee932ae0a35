import ArgumentParser
import Foundation
import OwnCore
import OwnOutput
import OwnStore

extension Own {
    /// `own undo`: takes back my last event with a `retracted` event; the ledger stays append-only.
    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo",
            _superCommandName: "own",
            abstract: "Take back your last event on a loop (a mistaken done, note, edit …), or a decline.",
            discussion: """
                Shows the event it would take back and asks before it does; --yes skips the question (and is \
                needed when there is no terminal to ask on). Undo records a `retracted` event naming the event, \
                so the ledger stays append-only and the undo syncs like any event; every view of the loop then \
                skips the event. Run it again to take back the event before. A command that recorded several \
                events (an edit that moved the due date beside other fields, a report's --mark on each loop it \
                told of) is taken back whole: its events share an id (the first's, then `.2`, `.3`); `own undo \
                LOOP` takes back only its events on that loop.

                It refuses an event older than `undo-within` in the configuration (default 1h, counted from the \
                event's time: one recorded with an earlier --now is that much older), an event someone \
                else has built on (they recorded an event on that loop after it), and a loop's creation (use \
                `own drop` for a loop made by mistake). Time off is called off with `own away --cancel`; when \
                time off or a decline is your last event, `own undo LOOP` takes back your last event on that loop.
                """
        )

        @Argument(
            help: ArgumentHelp(
                "Only your last event on this loop (its number, key or a unique start of its key); "
                    + "default: your last event."
            )
        )
        var loop: String?
        @Flag(name: .long, help: "Undo without asking.") var yes = false
        @Flag(
            name: .long,
            help:
                "JSON: {\"undone\": event, \"retraction\": event, \"others\": [{\"undone\", \"retraction\"}], \"loop\": {…}}."
        )
        var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            let target = try Self.lastEvent(context, on: try loop.map(context.loop))
            let zone = context.calendar.zone
            let taken = target.together + [target.event]
            // Each loop's events together, the loops in the order the command recorded on them.
            var keys: [String] = []
            for event in taken where !keys.contains(event.loop) { keys.append(event.loop) }
            let what =
                keys.map { key in
                    (target.loops[key].map { "#\($0.number) \(TextEscaping.escaped($0.title)): " } ?? "")
                        + taken.filter { $0.loop == key }.map { TextEscaping.escaped(Show.describe($0)) }
                        .joined(separator: " and ")
                }
                .joined(separator: "; ") + " at \(Timestamp.format(target.event.at, in: zone))"
            if !yes {
                guard isatty(0) == 1 else {
                    throw CLIError(
                        "undo asks before it takes anything back, and there is no terminal to ask on; "
                            + "`own undo --yes` takes back \(what)"
                    )
                }
                Output.note("this takes back \(what)")
                StandardError.write("undo it? [y/N] ")
                let answer = (readLine() ?? "").trimming(.spaces).lowercased()
                guard answer == "y" || answer == "yes" else {
                    print(json ? #"{"undone":null,"retraction":null,"loop":null}"# : "nothing undone")
                    return
                }
            }
            // The retractions in the order of the events they take back, the last event's last: one
            // command's events, with the first's id, then that id with `.2`, `.3` (docs/events.md).
            let first = Identifiers.event()
            let retractions = taken.enumerated().map { index, event in
                Event(
                    id: index == 0 ? first : "\(first).\(index + 1)",
                    loop: event.loop,
                    at: context.now,
                    by: context.actor,
                    type: .retracted,
                    fields: ["retracts": .string(event.id)]
                )
            }
            let pairs = zip(target.together, retractions)
            guard target.loop != nil else {
                // A decline: a fact about a person, under `@declined`, with no loop to check.
                try context.append(retractions)
                if json {
                    print(Self.json(undone: target.event, retractions.last, others: Array(pairs), loop: nil))
                } else {
                    Output.confirm("undone: \(what)")
                }
                return
            }
            // Each loop must be as it was read: an event recorded since (by anyone) may build on the
            // one being taken back. Checked before its first retraction (the loop then has each one
            // before the next).
            let firsts = Set(keys.compactMap { key in retractions.first { $0.loop == key }?.id })
            let after = try context.append(retractions) { current, retraction in
                guard firsts.contains(retraction.id), let seen = target.loops[retraction.loop] else { return }
                guard let current, current.eventCount == seen.eventCount, current.lastEventAt == seen.lastEventAt
                else {
                    throw CLIError("#\(seen.number) changed while undo was asking; run `own undo` again")
                }
            }
            if json {
                let object = LoopJSON.object(after, now: context.now, calendars: context.calendars)
                print(Self.json(undone: target.event, retractions.last, others: Array(pairs), loop: object))
                return
            }
            Output.confirm("undone: \(what)")
            for key in keys.dropLast() {
                if let other = try context.ledger.loop(key) { print("#\(other.number) is \(other.state.rawValue)") }
            }
            print("#\(after.number) is \(after.state.rawValue)")
        }

        /// What `--json` prints: the events as their interchange lines (members in the order of
        /// `own export`), the others taken back with it oldest first, then the loop as it is now.
        private static func json(
            undone: Event,
            _ retraction: Event?,
            others: [(Event, Event)],
            loop: JSONValue?
        ) -> String {
            let pairs = others.map { #"{"undone":\#($0.0.jsonLine),"retraction":\#($0.1.jsonLine)}"# }
            return #"{"undone":\#(undone.jsonLine),"retraction":\#(retraction?.jsonLine ?? "null"),"#
                + #""others":[\#(pairs.joined(separator: ","))],"loop":\#(loop.map(JSONWriter.string) ?? "null")}"#
        }

        /// The acting person's last event that undo may take back (on the loop `named`, when given),
        /// with its loop (none for a decline), or an error that says why there is none.
        static func lastEvent(
            _ context: Context,
            on named: Loop? = nil
        ) throws -> (event: Event, loop: Loop?, together: [Event], loops: [String: Loop]) {
            let key = named?.key
            // The loop as the messages name it: by its number, as it was most likely given.
            let onLoop = named.map { " on " + ($0.number > 0 ? "#\($0.number)" : $0.key) } ?? ""
            let window = context.configuration.undoWithin
            let since = context.now.addingTimeInterval(-window)
            // The instant the undo's retraction will hold (whole seconds): an event after it, even by a
            // fraction of a second, folds after the retraction, which would take back nothing.
            let now = Event.instant(context.now)
            // A decline is a fact about a person: taken back when it is the last thing they recorded.
            if key == nil, let decline = try lastDecline(context, since: since, until: now) {
                // Recorded on a loop since, and standing: a retraction, or what one took back, is no later event.
                let keys = try context.ledger.loops(LoopQuery(changedSince: decline.at)).map(\.key)
                let since = try context.ledger.events(ofLoops: keys, since: decline.at, until: nil)
                let takenBack = Set(since.compactMap(\.retractedID))
                let later = since.contains { event in
                    event.by == context.actor && Event.recordedBefore(decline, event) && event.at <= now
                        && event.type != .retracted && !takenBack.contains(event.id)
                }
                if !later {
                    try refuseIfTimeOff(after: decline, context)
                    return (decline, nil, [], [:])
                }
            }
            let loops = try context.ledger.loops(LoopQuery(changedSince: since)).filter { key == nil || $0.key == key }
            let all = try context.ledger.events(ofLoops: loops.map(\.key), since: since, until: nil)
            let events = all.filter { $0.at <= now }
            // Every retraction that took something back counts, also one dated after `now` (an earlier
            // --now than an undo already recorded): an event is taken back once. One that took back
            // nothing (a teammate had built on the event, offline) leaves it standing: the person's
            // last event still, and not theirs to take back (`named`).
            let retracted = Event.takenBack(all)
            let named = Set(all.compactMap(\.retractedID))
            let actor = context.actor
            // Dated after this instant (a clock or a --now ahead), the last event is not for an undo
            // now, which would come before it; nor is an older one. A loop's creation, which no undo
            // takes back, stands in the way of none (it sent the person to a --now that refused it).
            if let ahead = all.last(where: { event in
                event.by == actor && event.at > now && event.isRetractable && !retracted.contains(event.id)
            }) {
                // The first whole second at or after it: an instant with a fraction is recorded without it.
                let first = ahead.at == Event.instant(ahead.at) ? ahead.atText : Timestamp.format(ahead.at + 1)
                throw CLIError(
                    "your last event\(onLoop) (\(ahead.type.words) on \(ahead.loop)) is dated "
                        + "\(ahead.atText), after this command's instant (\(Timestamp.format(context.now))): "
                        + "an undo can only follow it; give --now \(first) or later"
                )
            }
            // The one recorded last (`Event.recordedBefore`), not the one dated last: a note dated back
            // after a done is what a person means by their last event, and the done is not.
            let mine = events.indices.filter { index in
                let event = events[index]
                return event.by == actor && event.type != .retracted && !retracted.contains(event.id)
            }
            guard let index = mine.max(by: { Event.recordedBefore(events[$0], events[$1]) }) else {
                // Time off recorded in the window, and nothing else: say how it is called off.
                if key == nil { try refuseIfTimeOff(since: since, context) }
                // Said as what to do with an older one, if any: there may be none at all.
                throw CLIError(
                    "nothing of yours\(onLoop) to undo from the last \(Self.describe(window)) (undo-within, counted "
                        + "from each event's time); an older event is corrected instead (`own edit`, `own due`, "
                        + "`own reopen`)"
                )
            }
            let event = events[index]
            if named.contains(event.id) {
                throw CLIError(
                    "your last event\(onLoop) (\(event.type.words) on \(event.loop)) was undone once, and that undo "
                        + "took back nothing: someone had built on it. Record the correction instead"
                )
            }
            // Time off and declines are facts about people, not loops: a later one of those is what
            // the person means by "my last event", and undo must not skip it for an older loop event
            // unless they name the loop.
            if key == nil { try refuseIfTimeOff(after: event, context) }
            // swift-format-ignore: NeverForceUnwrap
            // The events were read for these loops.
            let loop = loops.first { $0.key == event.loop }!
            guard event.isRetractable else {
                throw CLIError(
                    "your last event created #\(loop.number); undo does not unmake a loop others may name: "
                        + "`own drop \(loop.number) --reason …` takes it off your list"
                )
            }
            // The rest of the command that recorded it: the events before it whose ids are its command's
            // (`Context.record`: an edit records a moved due date as an event of its own; a report's
            // --mark records one on each loop it told of).
            let command = Self.command(of: event.id)
            let together = events[..<index].filter { other in
                Self.command(of: other.id) == command && other.by == actor && other.isRetractable
                    && !retracted.contains(other.id)
            }
            let byKey = Dictionary(loops.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            for taken in together + [event] {
                // Every event the ledger holds after it, also one dated after this command's instant:
                // an earlier --now took back what a teammate had built on, the ledger knowing it.
                guard let position = all.firstIndex(where: { $0.id == taken.id }),
                    let later = all[(position + 1)...].first(where: {
                        $0.buildsOn(taken) && !retracted.contains($0.id)
                    }),
                    let on = byKey[taken.loop]
                else { continue }
                throw CLIError(
                    "\(later.by) recorded \(later.type.words) on #\(on.number) after your \(taken.type.words); "
                        + "undo would take back what they built on: record the correction instead"
                        + (taken.type == .done || taken.type == .dropped
                            ? " (`own reopen \(on.number) --reason …`)" : "")
                )
            }
            return (event, loop, together, byKey.filter { key, _ in (together + [event]).contains { $0.loop == key } })
        }

        /// The command an event's id names: `X` for `X` and for `X.2`, `X.3` (the events one command
        /// recorded after its first).
        static func command(of id: String) -> Substring {
            guard let dot = id.lastIndex(of: "."), id[id.index(after: dot)...].allSatisfy(\.isNumber),
                id.index(after: dot) < id.endIndex
            else { return id[...] }
            return id[..<dot]
        }

        /// The acting person's latest decline from `since` up to `now`, not taken back yet.
        private static func lastDecline(_ context: Context, since: Date, until now: Date) throws -> Event? {
            let events = try context.ledger.events(ofLoops: [Decline.ledgerKey], since: nil, until: nil)
            let retracted = Set(events.compactMap(\.retractedID))
            return events.last { event in
                event.type == .declined && event.by == context.actor && event.at >= since && event.at <= now
                    && !retracted.contains(event.id)
            }
        }

        /// Refuses an undo whose last event (a loop's, or a decline) was followed by time off of the
        /// person's that still stands: the time off is their last event, which undo does not take back.
        /// Refuses when the person's last event records time off (after `event`, or from `since` when
        /// they have no other event to take back): undo does not call it off, `own away --cancel` does.
        private static func refuseIfTimeOff(after event: Event? = nil, since: Date? = nil, _ context: Context) throws {
            let personal = try context.ledger.events(
                ofLoops: Event.personalKeys.sorted(),
                since: event?.at ?? since,
                until: context.now
            )
            let calledOff = Set(personal.filter { $0.type == .awayCancelled }.compactMap { $0.string("cancels") })
            if personal.contains(where: { other in
                other.by == context.actor && event.map { Event.recordedBefore($0, other) } ?? true
                    && other.type == .away && !calledOff.contains(other.id)
            }) {
                throw CLIError(
                    "your last event records time off; `own away --cancel DAY` calls it off, and undo takes back "
                        + "events on loops and declines; `own undo LOOP` takes back your last event on one"
                )
            }
        }

        /// A window as people say it: "1h", "30m", "2d".
        static func describe(_ seconds: TimeInterval) -> String {
            let units: [(Double, String)] = [(86_400, "d"), (3600, "h"), (60, "m")]
            for (size, name) in units where seconds >= size && (seconds / size).rounded() == seconds / size {
                return JSONWriter.string(.number(seconds / size)) + name
            }
            return JSONWriter.string(.number((seconds / 60 * 10).rounded() / 10)) + "m"
        }
    }
}
