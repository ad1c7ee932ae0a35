import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own import`: events from JSON Lines, or tasks from Taskwarrior.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            _superCommandName: "own",
            abstract: "Import events from JSON Lines (`own export`), or tasks from `task export` (--from taskwarrior).",
            discussion: """
                All or nothing: a bad line is reported with its number and nothing is imported (several: each of \
                the first ten on a line of its own, and how many). Importing the same \
                events again changes nothing (events are matched by id); an id already recorded with different \
                content is an error. Use - to read standard input.
                """
        )

        enum Source: String, NamedValues {
            case jsonl, taskwarrior
        }

        @Argument(help: "The file to read, or - for standard input.", completion: .file()) var file: String
        @Option(name: .long, help: ArgumentHelp("The file's format.", valueName: "format")) var from: Source = .jsonl
        @OptionGroup var global: GlobalOptions

        func run() throws {
            // Before the ledger is opened: a missing file must not leave a new, empty ledger behind.
            if file != "-" { try Self.checkFile(file) }
            // Nor a refused one: the ledger it started is removed again (`MadeLedger`).
            let context = try global.context()
            let summary: ImportSummary
            do {
                summary = try importEvents(into: context)
            } catch {
                throw Self.explained(error, file: file, from: from)
            }
            print(
                "imported \(Draft.count(summary.added, "event")) into \(Draft.count(summary.loops, "loop")) "
                    + "(\(summary.skipped) already present)"
            )
            // An undo here that an event imported now builds on takes back nothing from now on, as a
            // pull says of one; said, not left for `own show` to be the only one to tell.
            guard summary.added > 0, summary.eventsBefore > 0 else { return }
            for (retraction, why) in try context.ledger.retractionsVoided(after: summary.eventsBefore) {
                Output.warning(
                    "\(retraction.by)'s undo on \(retraction.loop) takes back nothing now: \(why) (imported now); "
                        + "see `own show \(retraction.loop)`"
                )
            }
        }

        /// What a refused import says: the file, its line, and what to do.
        static func explained(_ error: any Error, file: String, from: Source) -> any Error {
            do {
                throw error
            } catch LedgerError.conflictingEvent(let id, _, _) where from == .taskwarrior {
                // A task's events are named `tw-<uuid>-<what>`; a renamed or re-dated task comes in as an
                // edit (`TaskwarriorTasks.reconciled`), so what conflicts is its start, end or a note.
                let marker = ["-note-", "-edited-"].compactMap { id.range(of: $0, options: .backwards) }.first
                let key = String(id[..<(marker?.lowerBound ?? id.lastIndex(of: "-") ?? id.endIndex)])
                return CLIError(
                    "task \(key.dropFirst("tw-".count)) changed in Taskwarrior since it was imported in a way own "
                        + "keeps as history (its start, its end or an annotation: event \(id)); nothing was imported. "
                        + "Record that change with own's commands (`own note \(TextEscaping.shellWord(key)) …`), or export only the tasks "
                        + "that are new"
                )
            } catch LedgerError.conflictingEvent(let id, let line, let inFile) {
                return CLIError(
                    "\(file):\(line): event id \"\(id)\" is "
                        + (inFile
                            ? "an earlier line's of the file, which has"
                            : "already in the ledger (`own export` shows it), with")
                        + " different content; nothing was imported"
                )
            } catch LedgerError.brokenHistory(let line, let reason) {
                return CLIError("\(file):\(line): \(reason); nothing was imported")
            } catch {
                return error
            }
        }

        private func importEvents(into context: Context) throws -> ImportSummary {
            let summary: ImportSummary
            // Events dated after now: kept, and said, since no read shows them before their time.
            var ahead = 0
            var latest = context.now
            func note(_ event: Event) {
                if event.at > context.now {
                    ahead += 1
                    latest = max(latest, event.at)
                }
            }
            switch from {
            case .jsonl:
                // Streamed: memory stays the same whatever the file's size.
                var lines = try LineReader(file: file)
                defer { lines.close() }
                var first = true
                summary = try context.ledger.importEvents {
                    while let (number, read) = try lines.next() {
                        var line = read
                        // A byte-order mark (Windows editors write one) is not part of the first line.
                        if number == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
                        if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        if first, line.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }) == UInt8(ascii: "[") {
                            throw CLIError(
                                "\(file) is a JSON array, not JSON Lines; for a Taskwarrior export use "
                                    + "`own import --from taskwarrior \(file)`, otherwise put one event per line "
                                    + "(as `own export` writes)"
                            )
                        }
                        first = false
                        switch Self.event(in: line) {
                        case .success(let (event, text)):
                            note(event)
                            return ImportedEvent(event: consume event, line: number, text: text)
                        case .failure(let refusal):
                            throw Self.badLines(first: (number, refusal.reason), in: file, after: &lines)
                        }
                    }
                    return nil
                }
            case .taskwarrior:
                var data = try Self.read(file)
                if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
                let tasks: [JSONValue]
                let events: [Event]
                guard let text = String(validating: data, as: UTF8.self) else {
                    throw CLIError("\(file) is not valid UTF-8 (as `task export` writes); nothing was imported")
                }
                do {
                    tasks = try TaskwarriorTasks.tasks(fromExport: text)
                    events = try TaskwarriorTasks.events(for: tasks, by: context.actor)
                    TaskwarriorTasks.unmapped(in: tasks).forEach(Output.warning)
                } catch {
                    throw CLIError("\(file): \(error); nothing was imported")
                }
                // Each event is held to what a line of JSON Lines is (its key, its text, its dates), so
                // what a Taskwarrior import records, an export of the ledger imports back.
                for event in events {
                    do {
                        let line = event.jsonLine
                        _ = try Event(jsonLine: line, makeID: { "" })
                        if let long = Self.tooLong(line) { throw CoreError.invalidEvent(long) }
                    } catch {
                        throw CLIError(
                            "\(file): task \(event.loop.dropFirst("tw-".count)): \(error); nothing was imported"
                        )
                    }
                }
                // A task changed in Taskwarrior since it was imported comes in as an edit of its loop.
                let ledger = context.ledger
                let changes: [Event]
                var notes: [String] = []
                do {
                    changes = try TaskwarriorTasks.reconciled(
                        events,
                        modified: TaskwarriorTasks.modifiedTimes(of: tasks),
                        notes: &notes
                    ) { key in try ledger.events(ofLoop: key) }
                } catch let error as CoreError {
                    throw CLIError("\(file): \(error); nothing was imported")
                }
                notes.forEach(Output.warning)
                changes.forEach(note)
                do {
                    summary = try ledger.importEvents(
                        changes.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }
                    )
                } catch LedgerError.brokenHistory(let line, let reason) where changes.indices.contains(line - 1) {
                    // The line is the event's place among those the tasks made: the task says more, in
                    // its own words (an annotation, a start, an end), and what to change in Taskwarrior.
                    let event = changes[line - 1]
                    let task = event.loop.dropFirst("tw-".count)
                    let what: String =
                        switch event.type {
                        case .noted: "its annotation \(TextEscaping.quoted(event.string("note") ?? ""))"
                        case .started: "its start"
                        case .done, .dropped: "its end"
                        default: "its \(event.type.rawValue) event"
                        }
                    let reason =
                        reason.hasPrefix("this event is dated before")
                        ? "\(what), dated \(Timestamp.format(event.at)), is before the task's entry; in Taskwarrior, "
                            + "change the task's entry (`task \(task) modify entry:…`) or that date"
                        : reason.replacingOccurrences(of: "; check its \"at\"", with: "")
                    throw CLIError("\(file): task \(task): \(reason); nothing was imported")
                }
            }
            if ahead > 0 {
                Output.warning(
                    "\(Draft.count(ahead, "event")) \(ahead == 1 ? "is" : "are") dated after now (the latest "
                        + "\(Timestamp.format(latest))): lists, reports and the doctor show \(ahead == 1 ? "it" : "them") "
                        + "only from then; check the \"at\" of the file's events, or give --now"
                )
            }
            return summary
        }

        /// Why a line is longer than a push takes (one would stop every sync of this ledger), or nil.
        /// Why a line of JSON Lines holds no event it can import.
        struct Refusal: Error {
            var reason: String
        }

        /// The event a line holds, and its text as stored (nil for a line with no id, which is named
        /// by its text and stored as the event writes it), or why it holds none.
        static func event(in line: String) -> Result<(Event, String?), Refusal> {
            // As a push takes them: a longer one would stop every sync of this ledger. Measured as
            // stored: without blanks around it, and with the id a line without one is given (which
            // `own export` writes).
            let text = trimmed(line)
            if let long = tooLong(text) { return .failure(Refusal(reason: long)) }
            let event: Event
            // A line with no id is named by its text: importing it again adds nothing.
            var generated = false
            do {
                event = try Event(jsonLine: line) {
                    generated = true
                    return "line-" + Fingerprint.of(text)
                }
            } catch {
                return .failure(Refusal(reason: "\(error)"))
            }
            if generated, let long = tooLong(event.jsonLine) {
                return .failure(Refusal(reason: "\(long), with the id it is given"))
            }
            return .success((event, generated ? nil : text))
        }

        /// How many bad lines a refused import names: the rest of the file is read for them, so that
        /// one run shows what to fix, not one line a run.
        static let badLinesNamed = 10

        /// The refusal of a file whose line `first` holds no event. One bad line is the error itself;
        /// several (the rest of the file read for them) are each said on a line of their own, up to
        /// `badLinesNamed`, and the error counts them.
        static func badLines(first: (Int, String), in file: String, after lines: inout LineReader) -> CLIError {
            var named = [first]
            var count = 1
            while let (number, line) = try? lines.next() {
                if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                guard case .failure(let refusal) = event(in: line) else { continue }
                count += 1
                if named.count < badLinesNamed { named.append((number, refusal.reason)) }
            }
            guard count > 1 else { return CLIError("\(file):\(first.0): \(first.1); nothing was imported") }
            for (number, reason) in named { Output.error("\(file):\(number): \(reason)") }
            let shown = count == named.count ? "each above" : "the first \(named.count) above"
            return CLIError("\(file): \(count) lines hold no event (\(shown)); nothing was imported")
        }

        static func tooLong(_ line: String) -> String? {
            guard line.utf8.count > Event.longestPushedLine else { return nil }
            return "the event is \(line.utf8.count) bytes; events are shared with the team up to "
                + "\(Event.longestPushedLine) bytes (64 KiB; link to a long text rather than paste it)"
        }

        /// The line without surrounding white space (a CRLF file's carriage return included).
        static func trimmed(_ line: String) -> String {
            func space(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x20 || byte == 0x09 }
            // The end bytes read in place (a million lines: the generic `first` and `last` cost 140
            // instructions a line).
            let padded =
                line.utf8.withContiguousStorageIfAvailable { bytes in
                    guard let first = bytes.first, let last = bytes.last else { return false }
                    return space(first) || space(last)
                } ?? (line.utf8.first.map(space) == true || line.utf8.last.map(space) == true)
            guard padded else { return line }
            return line.trimming(.spacesAndNewlines)
        }

        /// Refuses a path that is missing or a folder, with a message that says what to change.
        static func checkFile(_ file: String) throws {
            var info = stat()
            guard stat(file, &info) == 0 else {
                throw CLIError("cannot read \(file): \(String(cString: strerror(errno))); check the path")
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw CLIError("\(file) is a folder; give the file to import, e.g. \(file)/ledger.jsonl")
            }
        }

        static func read(_ file: String) throws -> Data {
            if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
            guard let handle = FileHandle(forReadingAtPath: file) else {
                throw CLIError("cannot read \(file); check its permissions")
            }
            defer { try? handle.close() }
            return handle.readDataToEndOfFile()
        }
    }
}
