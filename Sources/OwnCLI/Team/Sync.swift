import ArgumentParser
import Foundation
import OwnCore
import OwnGit
import OwnOutput
import OwnStore

extension Own {
    /// `own sync`: pushes the events the server lacks, then pulls what is new.
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            _superCommandName: "own",
            abstract: "Push your events to the team server and pull the team's.",
            discussion: """
                Safe to run at any time and to repeat: the server stores each event once, and a pull imports \
                each event once. Loops fold in time order, so events made offline land where they belong. \
                It pushes the events you recorded: the server takes each person's events from their own token, \
                so one recorded here as someone else (`--as`, or pulled from the team) is not pushed.
                """
        )

        @Option(help: ArgumentHelp("Seconds each request may take.", valueName: "seconds")) var timeout = Amount(60)
        @Flag(
            help: """
                Write the summary as one JSON object: {"pushed", "newToServer", "pulled", "newHere", "stayed", \
                "notYet": [{"id", "reason"}], "refused": [{"id", "reason"}]} (warnings stay on standard error); \
                when it fails part-way, {"failed": true, "newToServer", "pulled", "newHere"}: how far it got.
                """
        )
        var json = false
        @OptionGroup var global: GlobalOptions

        /// Events per push (and at most `pushBytes` of them), and per pull. A push the server finds too
        /// large all the same (its `--max-body-bytes`) is sent again in halves.
        static let pushBatch = 5_000
        static let pushBytes = 8 << 20
        static let pullPage = 100_000

        func validate() throws {
            guard timeout.value > 0, timeout.value <= 86_400 else {
                throw ValidationError("--timeout must be more than 0 seconds, and at most 86400 (a day)")
            }
        }

        /// What a sync did so far: said in `--json`'s object when it fails part-way, so a script
        /// learns the events it pushed before the failure went to the server.
        final class Progress {
            var newToServer = 0
            var pulled = 0
            var newHere = 0
            /// The summary was written: a refusal after it fails the sync with nothing more to say.
            var summarized = false
        }

        func run() throws {
            let progress = Progress()
            do {
                try sync(progress)
            } catch {
                // The reason is on standard error already (or is the error, said as every command says
                // it): the object says how far the sync got, and that it failed.
                if json, !progress.summarized {
                    var text = ""
                    JSONWriter.writeObject(
                        [
                            "failed": .bool(true), "newToServer": .number(Double(progress.newToServer)),
                            "pulled": .number(Double(progress.pulled)), "newHere": .number(Double(progress.newHere)),
                        ],
                        order: ["failed", "newToServer", "pulled", "newHere"],
                        into: &text
                    )
                    print(text)
                }
                throw error
            }
        }

        private func sync(_ progress: Progress) throws {
            let environment = ProcessInfo.processInfo.environment
            let context = try global.context()
            let ledgerPath = try Context.ledgerPath(options: global.values, environment: environment)
            // Held to the end of the sync: the state read next is the last sync's, not one in progress.
            let lock = try SyncLock(ledger: ledgerPath)
            defer { withExtendedLifetime(lock) {} }
            guard var state = try RemoteState.load(ledger: ledgerPath, configured: context.configuration.remote) else {
                throw CLIError(RemoteState.missing)
            }
            let client = try TeamServerClient(remote: state, timeout: timeout.value)
            // Only the acting person's events are pushed, and the token's person's are all the server
            // takes: a sync as someone else (`--as`, OWN_USER) moved its cursor past this person's
            // events, which no later sync pushed. Refused before anything moves.
            if let person = try Self.tokensPerson(client), ComposedForm.of(person) != ComposedForm.of(context.actor) {
                Output.error(
                    "nothing was pushed or pulled: the server writes events as the token's person, and "
                        + Self.whoToBe(actor: context.actor, person: person)
                )
                throw ExitCode(1)
            }
            try checkLedger(context.ledger, &state, ledger: ledgerPath)
            let readded = try checkHistory(client, &state, ledger: ledgerPath, actor: context.actor)
            // Loops an earlier sync gave up on when another person's token refused their `created`:
            // pushed again from the start (the server skips what it holds).
            // (So are those a sync before `later` gave up on as dated ahead of the server's clock.)
            let stranded = state.refusedCreated.filter { Self.isWrongPerson($0.value) || Self.isAhead($0.value) }.keys
            if !stranded.isEmpty {
                for key in stranded { state.refusedCreated[key] = nil }
                state.pushed = 0
            }

            // Push: the ledger's events from where the last push stopped, in its own order.
            // (Past the runs a pull brought from the server, which it holds.) `positions` are each
            // pending event's place in the ledger's order.
            state.skipFromServer()
            var pending: [String] = []
            var positions: [Int] = []
            var total = 0
            var run = 0
            // The events an earlier sync kept for later come first, in the ledger's order.
            let later = Set(state.later)
            try context.ledger.exportEvents { line in
                defer { total += 1 }
                guard total >= state.pushed || later.contains(total) else { return }
                while run < state.fromServer.count, state.fromServer[run].upperBound <= total { run += 1 }
                if run < state.fromServer.count, state.fromServer[run].contains(total) { return }
                pending.append(line)
                positions.append(total)
            }
            let laterCount = positions.prefix { $0 < state.pushed }.count
            // The event the restore check gave back to a server that had lost it counts as pushed.
            var added = readded
            progress.newToServer = added
            var refused: [(line: String, reason: String)] = []
            // Events the server did not take yet (dated ahead of its clock), with the reason, and the
            // loops whose `created` is one of them: their other events wait with it.
            var waiting: [(line: String, reason: String)] = []
            var waitingPositions: [Int] = []
            var waitingLoops: Set<String> = []
            // How many of `refused` the state has noted (`RemoteState.refused`), batch by batch.
            var noted = 0
            // Loops whose `created` the server refused (another loop has the key there), in this sync
            // or an earlier one: their other events stay here too, or they would land on the team's
            // loop of that key.
            // Each with the reason its created was refused: only another loop of its key on the server
            // holds the key back for later syncs (`state.heldBack`), and its pulls.
            // Another reason (`state.refusedCreated`) holds the loop's later events here too, said so.
            var refusedLoops = state.refusedCreated.merging(state.heldBack.map { ($0, Self.heldBack) }) { $1 }
            // Events recorded as someone else (pulled from a server, imported from their export, or
            // written with --as) are theirs to push: the server takes a person's events from that
            // person's token only. Sent, each was refused, and a refused created held its loop's key
            // back, so a ledger pointed at a new server never pulled its teammates' loops again.
            var others: [String: Int] = [:]
            var start = 0
            // A push the server refused as a whole (a reader's token, say), its reason printed already:
            // nothing more is pushed, and the pull still runs, as for one refused event. A server not
            // reached, or a token it does not accept, ends the sync there: a pull would fail alike.
            var pushStopped = false
            var unsent = 0
            // This ledger's events the server did not take in this sync (refused, someone else's,
            // unsent): a pull tells the team's loop of a key from this ledger's own by them.
            var stayed: [String] = []
            // Events the server refused for good (in an earlier sync or this one), by id: an undo of
            // one stays here with it, as the event it takes back did. The server holds nothing for it
            // to take back, and refused it as naming no event.
            var refusedIDs = Set(state.refused.map(\.id))
            var undoneHere = 0
            // Refused for good in an earlier sync, and not sent again in this one.
            var refusedBefore = 0
            func keepUndos(of ids: Set<String>, in lines: inout [String]) {
                guard !ids.isEmpty else { return }
                lines.removeAll { line in
                    guard let target = Self.retracted(by: line), ids.contains(target) else { return false }
                    undoneHere += 1
                    stayed.append(line)
                    return true
                }
            }
            pushing: while start < pending.count {
                let batch = pending[start..<Self.batchEnd(pending, from: start)]
                var left = Array(batch)
                func wait(_ line: String, _ reason: String) {
                    waiting.append((line, reason))
                    if let index = batch.firstIndex(of: line) { waitingPositions.append(positions[index]) }
                }
                if !context.actor.isEmpty {
                    left.removeAll { line in
                        guard let author = Self.author(of: line), author != context.actor else { return false }
                        others[author, default: 0] += 1
                        stayed.append(line)
                        return true
                    }
                }
                if !waitingLoops.isEmpty {
                    left.removeAll { line in
                        guard let key = Self.loop(of: line), waitingLoops.contains(key) else { return false }
                        wait(line, Self.waitsForCreated)
                        return true
                    }
                }
                // Each line is parsed for its key only when some key is held back: a push reads none.
                if !refusedLoops.isEmpty {
                    left.removeAll { line in
                        guard let key = Self.loop(of: line), let reason = refusedLoops[key] else { return false }
                        refused.append((line, Self.held(reason)))
                        return true
                    }
                }
                keepUndos(of: refusedIDs, in: &left)
                // Refused for good in an earlier sync: not sent again (a server restored from a backup
                // is sent this ledger's events again, and refused them again, failing the sync).
                if !state.refused.isEmpty {
                    let earlier = Set(state.refused.map(\.id))
                    left.removeAll { line in
                        guard let id = Self.id(of: line), earlier.contains(id) else { return false }
                        stayed.append(line)
                        refusedBefore += 1
                        return true
                    }
                }
                // A push is all or nothing. When the server refuses one event of it (it names which),
                // that event is held back and the rest pushed again: one event the server will not
                // take never stops the others, nor the pull. The first `chunk` events go at a time.
                var chunk = left.count
                while !left.isEmpty {
                    let part = Array(left.prefix(chunk))
                    switch try push(client, part, actor: context.actor) {
                    case .stored(let count):
                        added += count
                        progress.newToServer = added
                        // The restore check's event: not an undo (see `lastAddedAgain`).
                        if count > 0, let line = part.last(where: { !$0.contains(#""type":"retracted""#) }) {
                            state.lastAdded = line
                        }
                        left.removeFirst(part.count)
                        for line in part
                        where line.contains(#""type":"retracted""#) || line.contains(#""type":"handedOff""#)
                            || (line.contains(#""type":"edited""#) && line.contains(#""owner":"#))
                        {
                            guard let event = try? Event(jsonLine: line, makeID: { "" }), event.by == context.actor
                            else { continue }
                            if event.type == .retracted {
                                state.undone.append((event.loop, event.id))
                            } else if event.type == .handedOff || event.fields["owner"] != nil {
                                state.ownerChanges.append((event.loop, event.id))
                            }
                        }
                        state.undone = Array(state.undone.suffix(RemoteState.undoneKept))
                        state.ownerChanges = Array(state.ownerChanges.suffix(RemoteState.undoneKept))
                    case .tooLarge where part.count == 1:
                        refused.append((left.removeFirst(), Self.tooLarge))
                    case .tooLarge:
                        chunk = (part.count + 1) / 2
                    case .stopped:
                        pushStopped = true
                        unsent = left.count + pending.count - start - batch.count
                        stayed += left + pending[(start + batch.count)...]
                        break pushing
                    case .refused(let id, let reason):
                        guard let index = left.firstIndex(where: { Self.id(of: $0) == id }) else {
                            throw CLIError("the server refused event \(id), which this push did not hold: \(reason)")
                        }
                        let line = left.remove(at: index)
                        // Dated ahead of the server's clock: it waits, with its loop's other events
                        // when it is the loop's created, and goes again with the next sync.
                        if Self.isAhead(reason) {
                            wait(line, reason)
                            if Self.isCreated(line), let key = Self.loop(of: line) {
                                waitingLoops.insert(key)
                                left.removeAll { other in
                                    guard Self.loop(of: other) == key else { return false }
                                    wait(other, Self.waitsForCreated)
                                    return true
                                }
                            }
                            continue
                        }
                        // On a loop whose created the server does not hold yet (a teammate's loop from
                        // their export, or a server restored before they pushed it again): it waits for
                        // their next sync, not refused for good.
                        if Self.awaitsCreated(reason), let key = Self.loop(of: line) {
                            wait(line, Self.awaitsCreator(key))
                            continue
                        }
                        refused.append((line, reason))
                        if let id = Self.id(of: line) {
                            refusedIDs.insert(id)
                            keepUndos(of: [id], in: &left)
                        }
                        if Self.isCreated(line), let key = Self.loop(of: line) {
                            let held = Self.isKeyClash(reason) ? Self.heldBack : reason
                            refusedLoops[key] = held
                            // Refused before it (the server judges an undo first), an event of the loop
                            // is held back with it: that is what keeps it here, whatever else was said.
                            for index in refused.indices[noted...] where index < refused.count - 1 {
                                if Self.loop(of: refused[index].line) == key { refused[index].reason = Self.held(held) }
                            }
                            left.removeAll { other in
                                guard Self.loop(of: other) == key else { return false }
                                refused.append((other, Self.held(held)))
                                return true
                            }
                        }
                    }
                }
                start += batch.count
                // The events kept for later lie before the cursor: it never moves back for them.
                state.pushed = max(state.pushed, positions[start - 1] + 1)
                state.later = waitingPositions.sorted() + positions[min(start, laterCount)..<laterCount]
                state.noteRefused(Array(refused[noted...]))
                noted = refused.count
                state.skipFromServer()
                state.heldBack = refusedLoops.filter { $0.value == Self.heldBack }.keys.sorted()
                state.refusedCreated = refusedLoops.filter { $0.value != Self.heldBack }
                try state.save(ledger: ledgerPath)
            }

            // Pull: pages after the cursor. Sequence numbers have no gaps, so a page of n events
            // moves the cursor by n.
            var pulled = 0
            var imported = 0
            var stayedIDs: Set<String>?
            func stayedHere() -> Set<String> {
                if let stayedIDs { return stayedIDs }
                let ids = Set((stayed + refused.map(\.line) + waiting.map(\.line)).compactMap(Self.id(of:)))
                stayedIDs = ids
                return ids
            }
            while true {
                let answer = try client.request("GET", "/api/v1/events?after=\(state.pulled)&limit=\(Self.pullPage)")
                let lines = answer.split(separator: "\n").map(String.init)
                if lines.isEmpty { break }
                // The team's loop of a key this ledger's own loop holds (`heldBack`) stays on the server:
                // its events would fold into the wrong loop here.
                let held = Set(state.heldBack)
                let (theirs, kept) = lines.reduce(into: ([String](), [String]())) { split, line in
                    // Parsed for its key only when some key is held back: a pull's lines are parsed once.
                    if !held.isEmpty, let key = Self.loop(of: line), held.contains(key) {
                        split.0.append(key)
                    } else {
                        split.1.append(line)
                    }
                }
                for key in Set(theirs).sorted() {
                    Output.warning(
                        "the team's loop \(key) was not pulled: your own loop has that key and stays yours"
                    )
                }
                var clashes = Set<String>()
                var arrived = Set<String>()
                let summary = try importPage(
                    kept,
                    into: context.ledger,
                    stayedHere: stayedHere,
                    clashes: &clashes,
                    watching: Set(state.undone.map(\.loop) + state.ownerChanges.map(\.loop)),
                    arrived: &arrived
                )
                if !arrived.isEmpty {
                    try sayUndoneNoMore(&state, arrived: arrived, ledger: context.ledger)
                    try sayOwnerChangesVoided(&state, arrived: arrived, ledger: context.ledger)
                }
                if !clashes.isEmpty { state.heldBack = Set(state.heldBack).union(clashes).sorted() }
                imported += summary.added
                progress.newHere = imported
                // What the pull added need not go back to the server it came from: its run of the
                // ledger's order is kept, and pushes pass over it (`RemoteState.fromServer`).
                if summary.added > 0 {
                    state.fromServer.append(summary.eventsBefore..<(summary.eventsBefore + summary.added))
                    state.skipFromServer()
                }
                pulled += lines.count
                progress.pulled = pulled
                state.pulled += lines.count
                state.pulledID = lines.last.flatMap(Self.id(of:))
                try state.save(ledger: ledgerPath)
                if lines.count < Self.pullPage { break }
            }
            let skipped = others.values.reduce(0, +)
            let sent = pending.count - refused.count - waiting.count - skipped - unsent - undoneHere - refusedBefore
            if json {
                let listed = { (events: [(line: String, reason: String)]) in
                    JSONValue.array(
                        events.map { event in
                            .object([
                                "id": Self.id(of: event.line).map(JSONValue.string) ?? .null,
                                "reason": .string(String(Self.eventReason(event.reason))),
                            ])
                        }
                    )
                }
                let summary: [String: JSONValue] = [
                    "pushed": .number(Double(sent)), "newToServer": .number(Double(added)),
                    "pulled": .number(Double(pulled)), "newHere": .number(Double(imported)),
                    "stayed": .number(Double(skipped + unsent + undoneHere + refusedBefore)), "notYet": listed(waiting),
                    "refused": listed(refused),
                ]
                var text = ""
                let order = ["pushed", "newToServer", "pulled", "newHere", "stayed", "notYet", "refused"]
                JSONWriter.writeObject(summary, order: order, into: &text)
                print(text)
                progress.summarized = true
            } else {
                print(
                    "pushed \(Draft.count(sent, "event")) (\(added) new to the server), pulled \(pulled) (\(imported) new here)"
                )
            }
            // After a push refused as a whole nothing was pushed, and a reader's ledger holds the team's
            // events it pulled past its own unpushed ones: a note about others' events would be noise.
            if skipped > 0, !pushStopped {
                let whose = others.keys.sorted().map { "\($0): \(others[$0] ?? 0)" }.joined(separator: ", ")
                Output.note(
                    "\(Draft.count(skipped, "event")) recorded as others (\(whose)) stayed here: the server takes "
                        + "each person's events from their own sync"
                )
            }
            if refusedBefore > 0 {
                Output.note(
                    "\(Draft.count(refusedBefore, "event")) the server refused in an earlier sync stayed here, "
                        + "not sent again"
                )
            }
            if undoneHere > 0 {
                Output.note(
                    undoneHere == 1
                        ? "1 undo of an event the server refused stayed here with it: the team never had what it takes back"
                        : "\(undoneHere) undos of events the server refused stayed here with them: "
                            + "the team never had what they take back"
                )
            }
            if pushStopped {
                Output.error(
                    "the server took none of your events from there on (the reason is above): they stay here for a "
                        + "later sync, and the team's events were pulled all the same"
                )
            }
            for (line, reason) in waiting { Output.warning(Self.notYet(line, reason)) }
            guard refused.isEmpty, !pushStopped, waiting.isEmpty else {
                for (line, reason) in refused { Output.error(Self.refusal(line, reason)) }
                throw ExitCode(1)
            }
        }

        /// The most events of one page a pull leaves out one by one (see `importPage`) before it gives up.
        static let leftOutLimit = 100

        /// Imports a page of the team's events. The team's loop of a key this ledger's own loop has
        /// (made here and on the server too) is left out whole, its key added to `clashes` (and held
        /// back from then on); another event this ledger's history refuses (one a server before these
        /// checks took) is left out with a warning, and the rest imported, so one bad event never stops
        /// a pull for good; the cursor moves past it.
        private func importPage(
            _ lines: [String],
            into ledger: any Ledger,
            stayedHere: () -> Set<String>,
            clashes: inout Set<String>,
            watching: Set<String>,
            arrived: inout Set<String>
        ) throws -> ImportSummary {
            var leftOut = Set<Int>()
            while true {
                var iterator = lines.enumerated().lazy.filter { !leftOut.contains($0.offset) }.makeIterator()
                var seen = Set<String>()
                do {
                    defer { arrived = seen }
                    return try ledger.importEvents {
                        guard let (index, line) = iterator.next() else { return nil }
                        do {
                            // What the server holds, a ledger mirrors: an event a server took before a
                            // check this version makes (a field's shape) is read without that check.
                            let event =
                                try (try? Event(jsonLine: line, makeID: { "" }))
                                ?? Event(jsonLine: line, checkingFields: false, makeID: { "" })
                            if watching.contains(event.loop) { seen.insert(event.id) }
                            return ImportedEvent(event: event, line: index + 1, text: line)
                        } catch {
                            throw CLIError(
                                "the server sent an event this own cannot read (\(error)); nothing was pulled"
                            )
                        }
                    }
                } catch LedgerError.brokenHistory(let line, let reason) where lines.indices.contains(line - 1) {
                    let event = try? Event(jsonLine: lines[line - 1], makeID: { "" })
                    if let key = event?.loop, try Self.clash(of: key, in: lines, ledger: ledger, stayedHere: stayedHere)
                    {
                        clashes.insert(key)
                        leftOut.formUnion(lines.indices.filter { Self.loop(of: lines[$0]) == key })
                        Output.warning(
                            "the team's loop \(key) was not pulled: your own loop has that key and stays yours"
                        )
                        continue
                    }
                    try leaveOut(line - 1, because: reason)
                } catch LedgerError.conflictingEvent(_, let line, _) where lines.indices.contains(line - 1) {
                    // This ledger holds another event under the id (one imported from an edited
                    // export): it keeps its own; the server refuses that one when it is pushed.
                    try leaveOut(line - 1, because: "this ledger holds another event with that id, and keeps its own")
                }
            }
            func leaveOut(_ index: Int, because reason: String) throws {
                guard leftOut.count < Self.leftOutLimit else {
                    throw CLIError(
                        "more than \(Self.leftOutLimit) of the team's events do not fit this ledger's history "
                            + "(the last: \(reason)); nothing more was pulled"
                    )
                }
                leftOut.insert(index)
                let event = try? Event(jsonLine: lines[index], makeID: { "" })
                let what = event.map { "\($0.type.rawValue) on \($0.loop) by \($0.by) (id \($0.id))" } ?? "an event"
                Output.warning("the team's \(what) was not pulled: \(reason); your ledger keeps its own history")
            }
        }

        /// Says which of this ledger's undos (`RemoteState.undone`) take back nothing now that the
        /// events `arrived` are here: one of them, recorded before the undo by someone else, built on
        /// the event it took back (`Event.retractionRefusal`), as on the server and every ledger.
        private func sayUndoneNoMore(_ state: inout RemoteState, arrived: Set<String>, ledger: any Ledger) throws {
            var histories: [String: [Event]] = [:]
            state.undone = try state.undone.filter { loop, id in
                let events = try histories[loop] ?? ledger.events(ofLoop: loop)
                histories[loop] = events
                guard let index = events.firstIndex(where: { $0.id == id }),
                    case .builtUpon(let target, let later)? = events[index].retractionRefusal(
                        among: Array(events[..<index])
                    ),
                    arrived.contains(later.id)
                else { return true }
                Output.warning(
                    "your undo of the \(target.type.rawValue) on \(loop) takes back nothing now: \(later.by) recorded "
                        + "\(later.type.rawValue) on it before your undo (pulled now), building on it; record the "
                        + "correction instead"
                )
                return false
            }
        }

        /// Says which of this ledger's changes of owner (`RemoteState.ownerChanges`) change nothing now
        /// that the events `arrived` on their loops are here, and why (`Loop.eventsChangingNothing`, the
        /// fold's own judgement, as `own show` marks them): the loop was taken up before a take, or
        /// someone else owned it before a hand-off. Each is said once.
        private func sayOwnerChangesVoided(_ state: inout RemoteState, arrived: Set<String>, ledger: any Ledger) throws
        {
            var histories: [String: [Event]] = [:]
            state.ownerChanges = try state.ownerChanges.filter { loop, id in
                let events = try histories[loop] ?? ledger.events(ofLoop: loop)
                histories[loop] = events
                guard events.contains(where: { arrived.contains($0.id) }),
                    let why = Loop.eventsChangingNothing(events)[id],
                    let change = events.first(where: { $0.id == id })
                else { return true }
                let owner = Loop.fold(events).map { " and stays \($0.owner)'s" } ?? ""
                Output.warning(
                    "your \(change.type == .handedOff ? "hand-off" : "change of owner") of \(loop) changes nothing now: "
                        + "\(why) (pulled now)\(owner); see `own show \(loop)`"
                )
                return false
            }
        }

        /// Whether the team's loop `key` in a page is another loop than this ledger's of that key: the
        /// page has its `created`, and the ledger another, one the server did not take from this ledger
        /// (`stayedHere`, the ids of this sync's events that stayed here). A second created the server
        /// holds for a loop this ledger pulled before is no other loop, only an event left out.
        static func clash(
            of key: String,
            in lines: [String],
            ledger: any Ledger,
            stayedHere: () -> Set<String>
        ) throws -> Bool {
            guard
                let theirs = lines.first(where: { isCreated($0) && loop(of: $0) == key }).flatMap(id(of:)),
                let ours = try ledger.events(ofLoop: key).first(where: { $0.type == .created })?.id, ours != theirs
            else { return false }
            return stayedHere().contains(ours)
        }

        /// What the server answered a push.
        enum PushAnswer {
            /// Stored: how many of the events were new to it.
            case stored(Int)
            /// It refused one event (by id), and so the whole push.
            case refused(id: String, reason: String)
            /// It refused the push as larger than it takes.
            case tooLarge
            /// It refused the push as a whole (a reader's token, say), for a reason printed already.
            case stopped
        }

        /// Where a push from `start` ends: `pushBatch` events, or fewer that come to `pushBytes`.
        static func batchEnd(_ lines: [String], from start: Int) -> Int {
            var end = start
            var bytes = 0
            while end < lines.count, end - start < pushBatch {
                bytes += lines[end].utf8.count + 1
                if bytes > pushBytes, end > start { break }
                end += 1
            }
            return end
        }

        private func push(_ client: TeamServerClient, _ lines: [String], actor: String) throws -> PushAnswer {
            switch try client.attempt("POST", "/api/v1/events", bytes: Data(lines.joined(separator: "\n").utf8)) {
            case .success(let text):
                let added = (try? JSONParser.parse(text))?.objectValue?["added"]?.numberValue ?? 0
                return .stored(Int(added))
            case .failure(let refusal):
                if refusal.tooLarge { return .tooLarge }
                guard let event = refusal.event else { return .stopped }
                // The token is another person's: it would refuse every event of this ledger's person
                // alike. A setting to fix, not events to give up on: the push stops, and they stay for
                // a sync with the right token.
                if Self.isWrongPerson(refusal.reason) {
                    Output.error(Self.wrongPerson(refusal.reason, actor: actor))
                    return .stopped
                }
                return .refused(id: event, reason: refusal.reason)
            }
        }

        /// Starts the sync over when this ledger no longer holds what it synced: restored from an older
        /// copy, its `.remote` left as it was, it lacks the event of its own the server added last, or
        /// holds fewer events than were pushed. Its cursors then pointed past its new events, which no
        /// sync pushed, and past the team's it lost, which none pulled again.
        private func checkLedger(_ ledger: any Ledger, _ state: inout RemoteState, ledger path: String) throws {
            let lost = try state.lastAdded.flatMap(Self.id(of:)).map { try !ledger.holdsEvent(id: $0) } ?? false
            let count = try ledger.eventCount()
            guard lost || state.pushed > count else { return }
            Output.warning(
                "this ledger no longer holds the events it last synced (restored from an older copy?): your "
                    + "events are pushed again and the team's pulled again; what either side holds is skipped"
            )
            state.startOver()
            try state.save(ledger: path)
        }

        /// Starts the sync over when the server no longer holds the event last pulled where it was
        /// (restored from a backup, perhaps written to since): its events after the cursor are not
        /// the ones this ledger lacks, and what was pushed since the backup is gone from it. Every
        /// event of this ledger's person is pushed again and the team's pulled again; the server and
        /// the ledger skip what they hold.
        /// Returns how many events the check itself gave back to the server (the one it pushed again).
        private func checkHistory(
            _ client: TeamServerClient,
            _ state: inout RemoteState,
            ledger: String,
            actor: String
        ) throws -> Int {
            guard state.pulled > 0 else { return 0 }
            let answer = try client.request("GET", "/api/v1/events?after=\(state.pulled - 1)&limit=1")
            let held = answer.split(separator: "\n").first.map(String.init)
            var readded = 0
            if let held, state.pulledID == nil || Self.id(of: held) == state.pulledID {
                readded = try lastAddedAgain(client, state, actor: actor)
                if readded == 0 { return 0 }
                Output.warning(
                    "the server no longer holds this ledger's event it added last (restored from a backup?): your "
                        + "events are pushed again and the team's pulled again; what either side holds is skipped"
                )
            } else {
                Output.warning(
                    "the server no longer holds the events this ledger last pulled from it (restored from a backup, or "
                        + "the token is now another team's?): your events are pushed again and the team's pulled "
                        + "again; what either side holds is skipped"
                )
            }
            state.startOver()
            try state.save(ledger: ledger)
            return max(readded, 0)
        }

        /// Whether the server holds the last event it added from this ledger, asked by pushing it again:
        /// skipped (0), it holds it; added (1), or refused for a loop it no longer holds (-1), it had
        /// lost it. A server restored from a backup holds its event at the cursor again once its author
        /// pushes it again, while this ledger's own events since the backup are gone. Other answers
        /// tell nothing (0). The event is never an undo (`lastAdded`): one is refused once the event it
        /// takes back is gone, which would tell nothing.
        private func lastAddedAgain(_ client: TeamServerClient, _ state: RemoteState, actor: String) throws -> Int {
            guard let line = state.lastAdded else { return 0 }
            switch try push(client, [line], actor: actor) {
            case .stored(let count): return count
            case .refused(_, let reason): return Self.awaitsCreated(reason) ? -1 : 0
            case .tooLarge, .stopped: return 0
            }
        }

        /// An event's id, read from its line.
        static func id(of line: String) -> String? {
            (try? JSONParser.parse(line))?.objectValue?["id"]?.stringValue
        }

        /// Who recorded an event, read from its line as every ledger reads it: a name without the
        /// blanks around it (`Event.trimmedName`). Compared as written, " ben " on an imported line
        /// was someone else's, and never pushed by ben's sync.
        static func author(of line: String) -> String? {
            (try? JSONParser.parse(line))?.objectValue?["by"]?.stringValue.map(Event.trimmedName)
        }

        /// An event's loop key, read from its line composed, as every ledger reads keys (`ComposedForm`).
        static func loop(of line: String) -> String? {
            (try? JSONParser.parse(line))?.objectValue?["loop"]?.stringValue.map(ComposedForm.of)
        }

        /// Whether the line is a loop's `created` event.
        static func isCreated(_ line: String) -> Bool {
            (try? JSONParser.parse(line))?.objectValue?["type"]?.stringValue == EventType.created.rawValue
        }

        /// The reason for an event larger alone than the server takes in a request.
        static let tooLarge = "it is larger than the server takes in one request (its --max-body-bytes)"

        /// The reason for the events of a loop whose key the team has for another loop.
        static let heldBack = "its loop's created was refused"

        /// Whether the server refused a `created` because the team has another loop of its key.
        /// What a push refused as another person's says. Only the acting person's events are pushed, so
        /// either the token is someone else's or the name this ledger records you by (often git's
        /// user.name, "Ana Lopez") is not the token's person: the advice names both fixes.
        static func wrongPerson(_ reason: String, actor: String) -> String {
            let person = reason.range(of: "the token speaks for ").map {
                String(reason[$0.upperBound...].prefix { $0 != ";" })
            }
            guard let person, !person.isEmpty else {
                return "the server refused the push: \(reason); point this ledger at your own token "
                    + "(own remote URL --token-file FILE)"
            }
            return "the server refused the push: \(reason); " + whoToBe(actor: actor, person: person)
        }

        /// The two fixes when this ledger's person is not the token's.
        static func whoToBe(actor: String, person: String) -> String {
            "this ledger records you as \(actor), and the token is \(person)'s: if you are \(person), set user = "
                + "\"\(person)\" in the configuration (or OWN_USER) and sync again; if not, point this ledger at "
                + "your own token (own remote URL --token-file FILE)"
        }

        /// The person the token speaks for, as the server names them (its inbox's `person`); nil when it
        /// does not say. A server not reached, or a token it does not accept, ends the sync here, said
        /// once, as it would end the push.
        static func tokensPerson(_ client: TeamServerClient) throws -> String? {
            guard case .success(let answer) = try client.attempt("GET", "/api/v1/inbox?limit=1", bytes: Data()),
                case .object(let members)? = try? JSONParser.parse(answer)
            else { return nil }
            return members["person"]?.stringValue
        }

        /// Whether the server refused an event because the token speaks for someone else.
        static func isWrongPerson(_ reason: String) -> Bool {
            reason.contains("but the token speaks for")
        }

        static func isKeyClash(_ reason: String) -> Bool {
            reason.contains("already has a created event")
        }

        /// Whether the server refused an event as dated ahead of its clock: not for good, since its
        /// clock will reach that date.
        static func isAhead(_ reason: String) -> Bool {
            reason.contains("after the server's clock")
        }

        /// Whether the server refused an event as on a loop it holds no created of: not for good, since
        /// the loop's creator's next sync brings it.
        static func awaitsCreated(_ reason: String) -> Bool {
            reason.contains("has no created event on the server")
        }

        /// The reason for an event on a loop whose created the server does not hold yet.
        static func awaitsCreator(_ key: String) -> String {
            "the server holds no created event for loop \(TextEscaping.quoted(key)) yet; its creator's next sync brings it"
        }

        /// The reason for an event that waits for its loop's created (dated ahead of the server's clock).
        static let waitsForCreated = "its loop's created waits until the server's clock reaches its date"

        /// The server numbers a refused line within the push ("line 3: …"); the event a message names
        /// says which it is, and a position in a body sync made up means nothing to its reader.
        static func withoutLineNumber(_ reason: String) -> Substring {
            let reason = Substring(reason)
            guard reason.hasPrefix("line "), let colon = reason.firstIndex(of: ":"),
                reason[reason.index(reason.startIndex, offsetBy: 5)..<colon].allSatisfy(\.isNumber)
            else { return reason }
            return reason[reason.index(after: colon)...].drop { $0 == " " }
        }

        /// An event as sync's messages name it: `noted on keys at 2026-11-23T10:00:00Z (id n1)`, or
        /// its line when it does not parse.
        static func named(_ line: String) -> String {
            (try? Event(jsonLine: line, makeID: { "" })).map {
                "\($0.type.rawValue) on \($0.loop) at \($0.atText) (id \($0.id))"
            } ?? line
        }

        /// The line for an event the server did not take yet: which, why, and that the next syncs push
        /// it again until the server's clock has reached its date.
        static func notYet(_ line: String, _ reason: String) -> String {
            "\(named(line)) was not pushed yet: \(withoutLineNumber(reason)). Each sync pushes it again until the "
                + "server takes it"
        }

        /// The id a retraction's line takes back; nil for any other line.
        static func retracted(by line: String) -> String? {
            // Parsed only when the word is in it: an imported line may be spaced otherwise.
            guard line.contains("retracted"), let members = (try? JSONParser.parse(line))?.objectValue,
                members["type"]?.stringValue == EventType.retracted.rawValue
            else { return nil }
            return members["retracts"]?.stringValue
        }

        /// The reason for an event sync keeps back itself, its loop's `created` refused for `reason`.
        static func held(_ reason: String) -> String {
            reason == heldBack ? heldBack : heldBack + " (" + reason + ")"
        }

        /// The line for an event the server refused: which event, why, and what to do. It stays in this
        /// ledger and is not pushed again (the server's answer will not change); the team does not see it.
        /// The server's reason for refusing one event, as the sync tells it: without the line of the
        /// batch it names, and without "nothing was written", which was true of the batch it refused
        /// (the sync pushes the rest).
        static func eventReason(_ reason: String) -> Substring {
            let reason = withoutLineNumber(reason)
            return reason.hasSuffix("; nothing was written") ? reason.dropLast("; nothing was written".count) : reason
        }

        static func refusal(_ line: String, _ reason: String) -> String {
            let event = try? Event(jsonLine: line, makeID: { "" })
            let reason = eventReason(reason)
            let what = named(line)
            if reason.hasPrefix(heldBack + " (") {
                return
                    "\(what) was not pushed: the server refused its loop's created\(reason.dropFirst(heldBack.count)); "
                    + "it stays in your ledger only"
            }
            if reason == heldBack {
                return "\(what) was not pushed: the server refused its loop's created (the team has another "
                    + "loop of that key), so the loop stays in your ledger only; to share it, drop it and add it "
                    + "again under another key"
            }
            if event?.type == .retracted {
                // A retraction someone else built on first takes nothing back (`Event.withoutRetracted`):
                // here too, once their event is pulled, so nothing is left to record again.
                return "the server refused your undo, \(what): \(reason). Your ledger folds an undo by the "
                    + "same rule: with their event here, it takes nothing back there either"
            }
            return "the server refused \(what): \(reason). The rest was pushed; this event stays in your "
                + "ledger only and is not pushed again: if it matters to the team, record it again in a way "
                + "the server accepts"
        }
    }
}
