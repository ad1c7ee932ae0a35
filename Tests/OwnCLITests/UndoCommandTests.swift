import Foundation
import OwnCore
import Testing

@Suite("own undo: take back my last event with a retraction, within undo-within, unless others built on it")
struct UndoCommandTests {
    /// A loop with a mistaken done, at fixed instants.
    func ledgerWithAMistakenDone() -> OwnBinary {
        let own = OwnBinary()
        own.succeeds("add", "Fix the flaky deploy", "--now", "2026-11-27T15:00:00Z")
        own.succeeds("start", "1", "--now", "2026-11-27T15:10:00Z")
        own.succeeds("done", "1", "--outcome", "green", "--now", "2026-11-27T15:30:00Z")
        return own
    }

    /// Writes the configuration file `own` reads.
    func configure(_ own: OwnBinary, _ text: String) {
        try? FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", text)
    }

    @Test func undoTakesBackTheLastEventAndThenTheOneBefore() throws {
        let own = ledgerWithAMistakenDone()
        var run = own("undo", "--yes")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #1 Fix the flaky deploy: done: green at 2026-11-27T15:30:00Z"))
        #expect(run.stdout.contains("#1 is active"))
        run = own("show", "1")
        #expect(run.stdout.contains("state:     active"), "\(run.stdout)")
        #expect(run.stdout.contains("ana  done: green (undone)"))
        #expect(run.stdout.contains("ana  retracted: takes back the done of 2026-11-27T15:30:00Z"), "\(run.stdout)")
        let done = try #require(
            try JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["events"]?.arrayValue?.last?
                .objectValue
        )
        #expect(own("show", "1", "--json").stdout.contains(#""undone":["\#(done["retracts"]?.stringValue ?? "")"]"#))
        // Again: the start goes too; then only the creation is left, which undo does not unmake.
        run = own("undo", "--yes")
        #expect(run.stdout.contains("#1 is open"), "\(run.stderr)")
        run = own("undo", "--yes")
        #expect(run.code == 2)
        #expect(run.stderr.contains("your last event created #1"))
        #expect(run.stderr.contains("own drop 1"))
        // The ledger kept everything: three events and two retractions.
        let exported = own("export").stdout.split(separator: "\n")
        #expect(exported.count == 5)
    }

    /// A loop created at a later instant (`--now` ahead) is no event an undo takes back: it stands in
    /// the way of none. A note dated ahead does, and says which --now follows it.
    @Test func aCreationDatedAheadDoesNotStandInTheWayOfAnUndo() {
        let own = OwnBinary()
        own.succeeds("add", "Later", "--now", "2026-11-27T18:00:00Z")
        own.succeeds("add", "Now")
        own.succeeds("note", "2", "oops")
        let run = own("undo", "--yes")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #2 Now: noted"), "\(run.stdout)")
        own.succeeds("note", "1", "ahead", "--now", "2026-11-27T18:05:00Z")
        let ahead = own("undo", "--yes")
        #expect(ahead.code == 2 && ahead.stderr.contains("give --now 2026-11-27T18:05:00Z or later"), "\(ahead.stderr)")
    }

    @Test func anEventIsUndoneOnceEvenAtAnEarlierInstant() {
        let own = ledgerWithAMistakenDone()
        own.succeeds("undo", "--yes", "--now", "2026-11-27T15:40:00Z")
        // At an instant before that undo, the done is taken back already: the start is the last left.
        let run = own("undo", "--yes", "--now", "2026-11-27T15:35:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #1 Fix the flaky deploy: started"), "\(run.stdout)")
        let retractions = own("export").stdout.split(separator: "\n").filter { $0.contains("\"retracted\"") }
        #expect(retractions.count == 2)
        // A second retraction of the done, imported (as an older ledger may hold one): it takes back
        // nothing more, and `own show` says so.
        let doneID =
            own("export").stdout.split(separator: "\n").first { $0.contains(#""type":"done""#) }
            .flatMap { try? Event(jsonLine: String($0), makeID: { "" }) }?.id ?? ""
        let key = try? JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["loop"]?.objectValue?["key"]?
            .stringValue
        let again =
            #"{"id":"again","loop":"\#(key ?? "")","at":"2026-11-27T15:50:00Z","by":"ana","type":"retracted","retracts":"\#(doneID)"}"#
        own.succeeds("import", own.file("again.jsonl", again + "\n"))
        let json = own("show", "1", "--json").stdout
        #expect(json.contains(#""again":"done \#(doneID) was taken back already""#), "\(json)")
    }

    @Test func withoutATerminalUndoNeedsYes() {
        let own = ledgerWithAMistakenDone()
        let run = own("undo")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: undo asks before it takes anything back, and there is no terminal"))
        #expect(run.stderr.contains("`own undo --yes` takes back #1 Fix the flaky deploy: done: green"))
        #expect(own("show", "1", "--json").stdout.contains(#""state":"done""#))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalUndoAsksFirst() {
        let own = ledgerWithAMistakenDone()
        // `script` gives `own` a terminal, fed from standard input.
        func onTerminal(_ answer: String, _ options: String = "") -> Run {
            own.run(
                ["-qec", OwnBinary.executable + " undo" + options, "/dev/null"],
                stdin: answer,
                executable: "/usr/bin/script"
            )
        }
        var run = onTerminal("n\n")
        #expect(run.stdout.contains("this takes back #1 Fix the flaky deploy: done: green"), "\(run.stdout)")
        #expect(run.stdout.contains("undo it? [y/N]"))
        #expect(run.stdout.contains("nothing undone"))
        #expect(own("show", "1", "--json").stdout.contains(#""state":"done""#))
        // Declined, --json still answers in JSON: nothing undone.
        run = onTerminal("n\n", " --json")
        #expect(run.stdout.contains(#"{"undone":null,"retraction":null,"loop":null}"#), "\(run.stdout)")
        run = onTerminal("y\n")
        #expect(run.stdout.contains("undone: #1"), "\(run.stdout)")
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
    }

    @Test func anEventOlderThanUndoWithinStays() {
        let own = ledgerWithAMistakenDone()
        var run = own("undo", "--yes", "--now", "2026-11-27T16:31:00Z")
        #expect(run.code == 2)
        #expect(
            run.stderr.contains(
                "nothing of yours to undo from the last 1h (undo-within, counted from each event's time); an older event is corrected instead"
            ),
            "\(run.stderr)"
        )
        run = own("undo", "--yes", "--now", "2026-11-27T16:29:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        // The configuration sets the window.
        let other = ledgerWithAMistakenDone()
        configure(other, "undo-within = \"2h\"\n")
        run = other("undo", "--yes", "--now", "2026-11-27T17:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        // A bare number is hours, in quotes or not.
        for setting in ["\"2\"", "2"] {
            let hours = ledgerWithAMistakenDone()
            configure(hours, "undo-within = \(setting)\n")
            run = hours("undo", "--yes", "--now", "2026-11-27T17:00:00Z")
            #expect(run.code == 0, "\(setting): \(run.stderr)")
        }
    }

    @Test func aBadUndoWithinIsRefusedByName() {
        let own = ledgerWithAMistakenDone()
        for setting in ["\"soon\"", "\"0m\"", "-1"] {
            configure(own, "undo-within = \(setting)\n")
            let run = own("undo", "--yes")
            #expect(run.code == 2, "\(setting)")
            #expect(run.stderr.contains("undo-within must be a time above zero such as \"1h\""), "\(run.stderr)")
        }
        // Weeks, as due dates take them.
        configure(own, "undo-within = \"1w\"\n")
        #expect(own("undo", "--yes").code == 0)
    }

    /// The refusal names the events in words, as the history does: "your handed off", not "handedOff".
    @Test func aRefusalNamesTheEventsInWords() {
        let own = OwnBinary(now: "2026-12-07T10:00:00Z")
        own.succeeds("add", "a")
        own.succeeds("handoff", "1", "--to", "lee", "x")
        own.succeeds("start", "1", "--as", "lee", "--now", "2026-12-07T10:00:30Z")
        let run = own("undo", "--yes", "--now", "2026-12-07T10:01:00Z")
        #expect(run.code == 2)
        #expect(run.stderr.contains("lee recorded started on #1 after your handed off;"), "\(run.stderr)")
    }

    @Test func anEventSomeoneElseBuiltOnStays() {
        let own = ledgerWithAMistakenDone()
        own.succeeds("note", "1", "checked the dashboards", "--as", "lee", "--now", "2026-11-27T15:40:00Z")
        let run = own("undo", "--yes")
        #expect(run.code == 2)
        #expect(run.stderr.contains("lee recorded noted on #1 after your done"), "\(run.stderr)")
        #expect(run.stderr.contains("record the correction instead (`own reopen 1 --reason …`)"), "\(run.stderr)")
        // Lee's own note is Lee's to undo.
        #expect(own("undo", "--yes", "--as", "lee").code == 0)
    }

    /// lee, who never saw ana's done, notes the loop in his copy; ana undoes the done. When lee's note
    /// comes in by an import, it was recorded after the done and before the undo: the undo takes back
    /// nothing now (as on every ledger and the server), and the import says so, as a pull does.
    @Test func anImportThatLeavesAnUndoTakingBackNothingSaysSo() throws {
        let own = ledgerWithAMistakenDone()
        own.succeeds("undo", "--yes", "--now", "2026-11-27T15:50:00Z")
        let line =
            #"{"id":"lee-1","loop":"\#(try #require(JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["loop"]?.objectValue?["key"]?.stringValue))","at":"2026-11-27T15:40:00Z","by":"lee","type":"noted","note":"looks good"}"#
        let run = own("import", own.file("lee.jsonl", line + "\n"))
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("own: warning: ana's undo on "), "\(run.stderr)")
        #expect(run.stderr.contains("takes back nothing now: lee recorded noted after it first (imported now)"))
        #expect(own("show", "1").stdout.contains("state:     done"))
        // Imported again: nothing new, nothing said.
        #expect(own("import", own.file("lee.jsonl", line + "\n")).stderr.isEmpty)
    }

    /// A retraction (from an import) that names another loop's event takes back nothing, and its
    /// loop's history says so rather than "takes back" that event.
    @Test func aRetractionNamingAnotherLoopsEventSaysItTakesBackNothing() {
        let own = OwnBinary()
        let lines = [
            #"{"id":"a1","loop":"alpha","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"Alpha"}"#,
            #"{"id":"b1","loop":"beta","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"Beta"}"#,
            #"{"id":"b2","loop":"beta","at":"2026-11-23T09:10:00Z","by":"ana","type":"noted","note":"kept"}"#,
            #"{"id":"a2","loop":"alpha","at":"2026-11-23T09:20:00Z","by":"ana","type":"retracted","retracts":"b2"}"#,
        ]
        own.succeeds("import", own.file("cross.jsonl", lines.joined(separator: "\n") + "\n"))
        let alpha = own("show", "alpha").stdout
        #expect(alpha.contains("takes back b2 (takes back nothing: this loop has no event b2)"), "\(alpha)")
        // The JSON says it too, beside the events, as a script needs it.
        let json = own("show", "alpha", "--json").stdout
        #expect(json.contains(#""takesBackNothing":{"a2":"this loop has no event b2"}"#), "\(json)")
        #expect(!json.contains(#""undone""#), "\(json)")
        #expect(!own("show", "beta").stdout.contains("(undone)"))
    }

    @Test func timeOffAfterTheLastLoopEventIsNotSkippedOver() {
        let own = ledgerWithAMistakenDone()
        #expect(own("away", "2026-12-21..2027-01-04", "--now", "2026-11-27T15:45:00Z").code == 0)
        let run = own("undo", "--yes")
        #expect(run.code == 2)
        #expect(run.stderr.contains("your last event records time off; `own away --cancel DAY` calls it off"))
        #expect(run.stderr.contains("`own undo LOOP` takes back your last event on one"), "\(run.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""state":"done""#))
        // Called off, the time off is dealt with: undo comes to the done again.
        #expect(own("away", "--cancel", "2026-12-21", "--now", "2026-11-27T15:50:00Z").code == 0)
        let undone = own("undo", "--yes")
        #expect(undone.code == 0, "\(undone.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
    }

    /// A decline recorded by mistake is taken back as a loop's event is: it leaves the list and the
    /// weekly; naming a loop takes back the last event on it, past a decline.
    @Test func aDeclineIsTakenBackAndNamingTheLoopReachesPastOne() {
        let own = ledgerWithAMistakenDone()
        own.succeeds("add", "Other work", "--now", "2026-11-27T15:35:00Z")
        own.succeeds("decline", "rewrite the billing cron", "--reason", "no capacity", "--now", "2026-11-27T15:40:00Z")
        own.succeeds("decline", "rewrite the cron", "--reason", "typo", "--now", "2026-11-27T15:41:00Z")
        var run = own("undo", "--yes", "--now", "2026-11-27T15:42:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: declined: rewrite the cron; typo at"), "\(run.stdout)")
        let listed = own("decline", "--list", "--now", "2026-11-27T15:43:00Z").stdout
        #expect(listed.contains("rewrite the billing cron") && !listed.contains("rewrite the cron:"), "\(listed)")
        #expect(!own("weekly", "--now", "2026-11-27T16:00:00Z").stdout.contains("rewrite the cron -"))
        // Undone again after a note undone since: the decline is next, not an older note.
        own.succeeds("note", "2", "n", "--now", "2026-11-27T15:44:00Z")
        own.succeeds("undo", "--yes", "--now", "2026-11-27T15:45:00Z")
        let next = own("undo", "--yes", "--now", "2026-11-27T15:46:00Z")
        #expect(next.stdout.contains("undone: declined: rewrite the billing cron"), "\(next.stdout)\(next.stderr)")
        run = own("undo", "1", "--yes", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""type":"done""#))
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
        // Its creation is all that is left of #2: not taken back, by number or otherwise.
        run = own("undo", "2", "--yes")
        #expect(run.code == 2)
        #expect(run.stderr.contains("your last event created #2"), "\(run.stderr)")
        // Named by its number, as it was given, when nothing of the person's is left on it.
        run = own("undo", "2", "--yes", "--now", "2026-11-27T18:00:00Z")
        #expect(run.code == 2 && run.stderr.hasPrefix("own: nothing of yours on #2 to undo"), "\(run.stderr)")
    }

    /// The team server marks a change it announced with a `reported` event of its own, seconds after
    /// a sync: that mark builds on nothing, and the change stays its author's to take back.
    @Test func theServersReportedMarkDoesNotKeepAnEventFromBeingUndone() throws {
        let own = ledgerWithAMistakenDone()
        let shown = try JSONParser.parse(own("show", "1", "--json").stdout)
        let key = try #require(shown.objectValue?["loop"]?.objectValue?["key"]?.stringValue)
        let mark = own.file(
            "reported.jsonl",
            #"{"id":"srv-1","loop":"\#(key)","at":"2026-11-27T15:31:00Z","by":"own-server","type":"reported","channel":"notice"}"#
                + "\n"
        )
        own.succeeds("import", mark)
        let run = own("undo", "--yes")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
    }

    @Test func jsonNamesTheEventTheRetractionAndTheLoopAfter() throws {
        let own = ledgerWithAMistakenDone()
        let run = own("undo", "--yes", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        let object = try #require(try JSONParser.parse(run.stdout).objectValue)
        let undone = try #require(object["undone"]?.objectValue)
        let retraction = try #require(object["retraction"]?.objectValue)
        #expect(undone["type"] == "done")
        #expect(retraction["type"] == "retracted")
        #expect(retraction["retracts"] == undone["id"])
        #expect(retraction["at"] == "2026-11-27T16:00:00Z")
        #expect(object["loop"]?.objectValue?["state"] == "active")
    }

    /// An edit that moves the due date beside other fields records two events (the move is a change
    /// to plan of its own): undo takes back the whole edit, not its last half.
    @Test func anEditOfSeveralEventsIsTakenBackWhole() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate keys", "--due", "2026-12-01", "--stakes", "medium", "--now", "2026-11-27T15:00:00Z")
        own.succeeds("edit", "1", "--title", "Renamed", "--due", "2026-12-15", "--stakes", "low")
        let run = own("undo", "--yes", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        // The events as `own export` writes them, members in its order.
        #expect(run.stdout.hasPrefix(#"{"undone":{"id":"#), "\(run.stdout)")
        let object = try #require(try JSONParser.parse(run.stdout).objectValue)
        let others = try #require(object["others"]?.arrayValue)
        #expect(others.count == 1)
        #expect(others.first?.objectValue?["undone"]?.objectValue?["type"] == "edited")
        #expect(object["undone"]?.objectValue?["type"] == "dueChanged")
        // The retractions are one command's events: the first's id, then that id with `.2`.
        let first = try #require(others.first?.objectValue?["retraction"]?.objectValue?["id"]?.stringValue)
        #expect(object["retraction"]?.objectValue?["id"]?.stringValue == first + ".2", "\(run.stdout)")
        let loop = try #require(object["loop"]?.objectValue)
        #expect(loop["title"] == "Rotate keys" && loop["due"] == "2026-12-01" && loop["stakes"] == "medium", "\(loop)")
        // Nothing of that edit is left to undo: the next undo finds the creation, which it refuses.
        #expect(own("undo", "--yes").stderr.contains("your last event created #1"))
    }

    /// `standup --mark` records a `reported` event on each loop it told of, as one command: undo takes
    /// the whole mark back, and `own undo LOOP` only that loop's part of it.
    @Test func aReportsMarkIsTakenBackWhole() throws {
        let own = OwnBinary()
        for title in ["Rotate keys", "Fix deploy", "Write runbook"] {
            own.succeeds("add", title, "--now", "2026-11-27T09:00:00Z")
        }
        own.succeeds("standup", "--mark", "--now", "2026-11-27T15:00:00Z")
        let last = own("export").stdout.split(separator: "\n").last.map(String.init) ?? ""
        let marked = try JSONParser.parse(last)
        #expect(marked.objectValue?["type"] == "reported")
        // Only loop 2's mark: the others stay marked.
        var run = own("undo", "2", "--yes", "--now", "2026-11-27T15:01:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #2 Fix deploy: reported"), "\(run.stdout)")
        run = own("undo", "--yes", "--json", "--now", "2026-11-27T15:02:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        let object = try #require(try JSONParser.parse(run.stdout).objectValue)
        #expect(object["undone"]?.objectValue?["type"] == "reported")
        let others = try #require(object["others"]?.arrayValue)
        #expect(others.count == 1, "\(run.stdout)")
        let undoneLoops = Set(
            ([object["undone"]] + others.map { $0.objectValue?["undone"] }).compactMap {
                $0??.objectValue?["loop"]?.stringValue
            }
        )
        #expect(undoneLoops.count == 2)
        // No loop is marked now: each shows its mark undone, and nothing is left to undo.
        for number in ["1", "2", "3"] {
            #expect(own("show", number).stdout.contains("(undone)"), "#\(number)")
            #expect(!own("show", number, "--json").stdout.contains(#""reports":[{"#), "#\(number)")
        }
        run = own("undo", "--yes", "--now", "2026-11-27T15:03:00Z")
        #expect(run.code == 2 && run.stderr.contains("nothing of yours to undo"), "\(run.stderr)")
    }

    /// A mark someone built on, on one of its loops, is not taken back at all: undo names the loop.
    @Test func aMarkSomeoneBuiltOnIsNotTakenBackInPart() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate keys", "--now", "2026-11-27T09:00:00Z")
        own.succeeds("add", "Fix deploy", "--now", "2026-11-27T09:00:00Z")
        own.succeeds("standup", "--mark", "--now", "2026-11-27T15:00:00Z")
        own.succeeds("note", "1", "looked at it", "--now", "2026-11-27T15:05:00Z", environment: ["OWN_USER": "lee"])
        let run = own("undo", "--yes", "--now", "2026-11-27T15:06:00Z")
        #expect(run.code == 2)
        #expect(run.stderr.contains("lee recorded noted on #1 after your reported"), "\(run.stderr)")
        #expect(!own("show", "2").stdout.contains("(undone)"))
    }

    /// An earlier --now does not get round it: the ledger holds lee's start, dated after it, and an
    /// undo dated before that start took the hand-off back from under lee, without a word.
    @Test func anUndoDatedBeforeWhatSomeoneBuiltOnIsRefusedAllTheSame() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate keys", "--now", "2026-11-27T09:00:00Z")
        own.succeeds("handoff", "1", "--to", "lee", "yours", "--now", "2026-11-27T09:10:00Z")
        own.succeeds("start", "1", "--now", "2026-11-27T09:20:00Z", environment: ["OWN_USER": "lee"])
        let run = own("undo", "--yes", "--now", "2026-11-27T09:10:01Z")
        #expect(run.code == 2, "\(run.stdout)")
        #expect(run.stderr.contains("lee recorded started on #1 after your handed off"), "\(run.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""owner":"lee""#))
    }

    /// An undo that took back nothing (lee's note, pulled later, had built on the event first) leaves
    /// the event standing: a second undo says so, and does not take back the event before it instead.
    @Test func aLastEventWhoseUndoTookBackNothingIsSaidSoNotSkipped() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate keys", "--key", "keys", "--now", "2026-11-27T09:00:00Z")
        own.succeeds("note", "keys", "W first", "--now", "2026-11-27T09:10:00Z")
        own.succeeds("note", "keys", "X second", "--now", "2026-11-27T09:20:00Z")
        own.succeeds("undo", "--yes", "--now", "2026-11-27T09:40:00Z")
        let lee = #"{"id":"lee-1","loop":"keys","at":"2026-11-27T09:30:00Z","by":"lee","type":"noted","note":"on X"}"#
        own.succeeds("import", "-", stdin: lee + "\n")
        #expect(own("show", "keys").stdout.contains("X second"))
        let run = own("undo", "--yes", "--now", "2026-11-27T09:45:00Z")
        #expect(run.code == 2, "\(run.stdout)")
        #expect(run.stderr.contains("was undone once, and that undo took back nothing"), "\(run.stderr)")
        let shown = own("show", "keys").stdout
        #expect(shown.contains("W first") && !shown.contains("W first (undone)"), "\(shown)")
    }

    /// Two commands in the same second are two undos: only one command's events are taken together
    /// (they share its id), not every event of the instant.
    @Test func twoCommandsInTheSameSecondAreUndoneOneAtATime() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate keys", "--now", "2026-11-27T15:00:00Z")
        own.succeeds("note", "1", "first note")
        own.succeeds("note", "1", "second note")
        let run = own("undo", "--yes")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("second note") && !run.stdout.contains("first note"), "\(run.stdout)")
        #expect(own("show", "1").stdout.contains("first note"))
    }

    /// "Last" is the order they were recorded in, not their dates: a note dated back before a done,
    /// recorded after it, is what undo takes back; undo took back the done, and reopened the loop.
    @Test func aNoteDatedBackAfterADoneIsTheLastEvent() throws {
        let own = OwnBinary()
        own.succeeds("add", "Ship it", "--key", "ship", "--now", "2026-12-06T04:00:00Z")
        own.succeeds("done", "ship", "--outcome", "shipped", "--now", "2026-12-06T04:30:00Z")
        own.succeeds("note", "ship", "reviewed by kim", "--now", "2026-12-06T04:10:00Z")
        let run = own("undo", "--yes", "--now", "2026-12-06T04:40:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #1 Ship it: noted: reviewed by kim"), "\(run.stdout)")
        #expect(run.stdout.contains("#1 is done"), "\(run.stdout)")
        let again = own("undo", "--yes", "--now", "2026-12-06T04:41:00Z")
        #expect(again.stdout.contains("undone: #1 Ship it: done: shipped"), "\(again.stdout)")
    }

    /// In one second, "last" is the order they were recorded in, across loops, declines and time off.
    @Test func aLoopEventADeclineAndTimeOffInOneSecondAreLastAsRecorded() throws {
        let own = OwnBinary()
        own.succeeds("add", "Gate test", "--key", "gtest")
        own.succeeds("decline", "rewrite the cron", "--reason", "no capacity")
        own.succeeds("note", "gtest", "a note")
        var run = own("undo", "--yes")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("undone: #1 Gate test: noted: a note"), "\(run.stdout)")
        #expect(own("decline", "--list").stdout.contains("rewrite the cron"))
        // Then the decline, recorded before the note.
        run = own("undo", "--yes")
        #expect(run.stdout.contains("undone: declined: rewrite the cron"), "\(run.stdout)")
        // Time off recorded after a note of the same second is the last event.
        own.succeeds("note", "gtest", "another note")
        own.succeeds("away", "2026-12-21..2027-01-04")
        run = own("undo", "--yes")
        #expect(run.code == 2)
        #expect(run.stderr.contains("your last event records time off"), "\(run.stderr)")
    }

    /// Time off recorded after a decline is the last event: undo does not reach past it to the decline.
    @Test func timeOffAfterADeclineIsNotSkippedOver() {
        let own = OwnBinary()
        own.succeeds("decline", "rewrite the cron", "--reason", "no time", "--now", "2026-11-27T15:00:00Z")
        own.succeeds("away", "2026-12-21..2026-12-24", "--now", "2026-11-27T15:05:00Z")
        let run = own("undo", "--yes", "--now", "2026-11-27T15:06:00Z")
        #expect(run.code == 2)
        #expect(run.stderr.contains("your last event records time off"), "\(run.stderr)")
        #expect(own("decline", "--list").stdout.contains("rewrite the cron"))
    }

    @Test func anUndoneDoneIsNotInTheStandup() throws {
        let own = ledgerWithAMistakenDone()
        own.succeeds("undo", "--yes")
        let run = own("standup", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        let report = try #require(try JSONParser.parse(run.stdout).objectValue)
        #expect(report["done"]?.arrayValue?.isEmpty == true)
    }
}
