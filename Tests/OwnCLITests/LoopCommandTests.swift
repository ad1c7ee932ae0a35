import Foundation
import OwnCore
import Testing

@Suite("Every loop command, end to end on a temporary ledger")
struct LoopCommandTests {
    /// `--verified` says a done loop was verified in production since: an open one was marked so.
    /// `show` tells every field, in text and JSON alike (JSON lacked the three answers and the origin,
    /// text the verification and the origin).
    @Test func verifiedGoesWithADoneLoopAndShowTellsEveryField() {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Ship it",
            "--ux",
            "faster pages",
            "--touches",
            "orders",
            "--if-it-fails",
            "roll back",
            "--origin",
            "slack thread"
        )
        let refused = own("edit", "1", "--verified")
        #expect(refused.code == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("#1 is open, not done: --verified and --monitored-by"), "\(refused.stderr)")
        let json = own("show", "1", "--json").stdout
        for member in [
            #""ux":"faster pages""#, #""touches":"orders""#, #""ifItFails":"roll back""#, #""origin":"slack thread""#,
        ] {
            #expect(json.contains(member), "\(member): \(json)")
        }
        own.succeeds("done", "1", "--outcome", "shipped")
        own.succeeds("edit", "1", "--verified", "--monitored-by", "CI alert")
        let text = own("show", "1").stdout
        #expect(text.contains("verified:") && text.contains("in production, CI alert"), "\(text)")
        #expect(text.contains("origin:") && text.contains("slack thread"), "\(text)")
    }

    /// A due instant is shown on the owner's calendar, as the history's instants are: in UTC, a
    /// Berlin midnight read as the day before the one `own list` gives.
    @Test func showGivesADueInstantOnTheOwnersCalendar() {
        let own = OwnBinary()
        let config = own.file("config.toml", "[calendar]\ntz = \"Europe/Berlin\"\n")
        own.succeeds("add", "Ship it", "--due", "2026-12-14T23:00:00Z", "--config", config)
        let shown = own("show", "1", "--config", config).stdout
        #expect(shown.contains("  due:       2026-12-15T00:00:00+01:00\n"), "\(shown)")
        #expect(own("list", "--config", config).stdout.contains("2026-12-15"))
        #expect(own("show", "1").stdout.contains("  due:       2026-12-14T23:00:00Z\n"), "in UTC without a zone")
    }

    @Test func aLoopsWholeLifeThroughTheCommands() throws {
        let own = OwnBinary()
        var run = own(
            "add",
            "Fix the flaky deploy pipeline",
            "--done-when",
            "10 green runs in a row",
            "--due",
            "fri",
            "--stakes",
            "medium",
            "--kind",
            "debt",
            "--affects",
            "release-team",
            "--estimate",
            "6h"
        )
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("#1 open: Fix the flaky deploy pipeline"))
        #expect(own("start", "1").code == 0)
        #expect(own("note", "1", "root cause: shared cache dir").code == 0)
        #expect(own("block", "1", "waiting on infra for runner image").code == 0)
        #expect(own("ask", "1", "--from", "infra", "asked in #infra, ticket INF-12").code == 0)
        #expect(own("unblock", "1").code == 0)
        #expect(own("risk", "1", "if the runner image slips, the release moves a day").code == 0)
        #expect(own("scope", "1", "also fix the cache key", "--estimate", "10h", "--told", "release-team").code == 0)
        #expect(own("due", "1", "2026-12-08", "--reason", "image delayed", "--told", "release-team").code == 0)
        #expect(own("stage", "1", "deploy").code == 0)
        run = own("done", "1", "--outcome", "pipeline green 10/10", "--verified", "--monitored-by", "CI failure alert")
        #expect(run.code == 0, "\(run.stderr)")

        run = own("show", "1", "--json")
        #expect(run.code == 0)
        let shown = try JSONParser.parse(run.stdout).objectValue ?? [:]
        let loop = shown["loop"]?.objectValue ?? [:]
        #expect(loop["state"] == "done")
        #expect(loop["due"] == "2026-12-08")
        #expect(loop["estimateHours"] == 10)
        #expect(loop["outcome"] == "pipeline green 10/10")
        #expect(loop["verified"] == true)
        #expect(loop["monitoredBy"] == "CI failure alert")
        let types = shown["events"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue }
        #expect(
            types == [
                "created", "started", "noted", "blocked", "helpAsked", "unblocked", "risk", "scopeChanged",
                "dueChanged",
                "staged", "done",
            ]
        )
        let created = try #require(shown["events"]?.arrayValue?.first?.objectValue)
        #expect(created["due"] == "2026-12-04", "fri, from Friday 2026-11-27, is the next Friday")
        #expect(created["at"] == "2026-11-27T16:00:00Z", "events are recorded at --now")
        #expect(created["by"] == "ana")

        run = own("show", "1")
        #expect(run.stdout.contains("#1 Fix the flaky deploy pipeline"))
        #expect(run.stdout.contains("scope changed: also fix the cache key; now 10h (told release-team)"))
    }

    @Test func approvalHandoffDropAndEdit() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Migrate orders to bigint",
            "--stakes",
            "high",
            "--due",
            "2026-12-20",
            "--done-when",
            "ids are bigint"
        )
        var run = own("start", "1")
        #expect(run.code == 0)
        #expect(run.stderr.contains("nobody has approved it"), "starting a proposed loop warns but does not refuse")
        run = own("approve", "1")
        #expect(run.code == 2)
        #expect(run.stderr.contains("someone else must approve"))
        // Nor does its owner approve it by an edit that opens it: a raised autonomy, lowered stakes.
        for edit in [["--autonomy", "4"], ["--stakes", "low"]] {
            run = own.run(["edit", "1"] + edit, stdin: nil, environment: [:])
            #expect(run.code == 2, "\(edit)")
            #expect(
                run.stderr == "own: #1 awaits approval (autonomy 3, high stakes): its owner cannot edit it out of "
                    + "that; get `own approve 1` from someone else\n",
                "\(run.stderr)"
            )
        }
        #expect(own("edit", "1", "--autonomy", "2").code == 0, "a lower autonomy still waits for approval")
        // Someone else's edit that opens it approves it: said, since a team server takes that from a lead only.
        let byLee = own.run(["edit", "1", "--autonomy", "4"], environment: ["OWN_USER": "lee"])
        #expect(byLee.code == 0)
        #expect(byLee.stderr.contains("this edit approves #1, as `own approve` does"), "\(byLee.stderr)")
        #expect(own("undo", "--yes", "--as", "lee").code == 0)
        #expect(!own("edit", "1", "--title", "Migrate orders to bigint").stderr.contains("approves"))
        #expect(own("show", "1", "--json").stdout.contains(#""state":"active""#))
        #expect(own("approve", "1", "--by", "lee").code == 0)
        #expect(own("approve", "1", "--by", "lee").code == 2)

        own.succeeds("add", "Their service's alert", "--kind", "monitoring")
        #expect(own("handoff", "2", "--to", "data-team", "--note", "their service").code == 0)
        own.succeeds("add", "Old idea")
        #expect(own("drop", "3", "--reason", "superseded", "--told", "lead").code == 0)
        #expect(own("edit", "1", "--title", "Migrate orders ids to bigint", "--due", "2026-12-22").code == 0)

        run = own("list", "--all", "--json")
        let loops = try JSONParser.parse(run.stdout).arrayValue ?? []
        let states = Dictionary(
            uniqueKeysWithValues: loops.compactMap { loop -> (String, String)? in
                guard let object = loop.objectValue, let title = object["title"]?.stringValue,
                    let state = object["state"]?.stringValue
                else { return nil }
                return (title, state)
            }
        )
        #expect(
            states == [
                "Migrate orders ids to bigint": "active", "Their service's alert": "open", "Old idea": "dropped",
            ]
        )
    }

    /// An approval is for a loop its owner may not go ahead on alone: one at autonomy 4 or more was
    /// "approved" all the same, an event saying something that was never asked.
    @Test func aLoopThatNeedsNoApprovalIsNotApproved() {
        let own = OwnBinary()
        own.succeeds("add", "Rename a button", "--stakes", "medium")
        #expect(own("show", "1", "--json").stdout.contains(#""state":"open""#))
        let run = own("approve", "1", "--by", "lee")
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stderr.contains("#1 needs no approval: at autonomy 4"), "\(run.stderr)")
        #expect(own("export").stdout.split(separator: "\n").count == 1, "nothing was recorded")
    }

    @Test func listIsMostUrgentFirstAndFilters() throws {
        let own = OwnBinary()
        own.succeeds("add", "Routine chore", "--stakes", "routine", "--due", "2026-12-20")
        own.succeeds("add", "Overdue thing", "--stakes", "low", "--due", "2026-11-20")
        own.succeeds("add", "Blocked thing", "--stakes", "low")
        own.succeeds("block", "3", "waiting")
        own.succeeds("add", "Critical soon", "--stakes", "critical", "--due", "2026-12-01")
        own.succeeds("add", "Medium later", "--stakes", "medium", "--due", "2026-12-10")
        own.succeeds("add", "Medium sooner", "--stakes", "medium", "--due", "2026-12-02")
        own.succeeds("add", "Lee's loop", "--owner", "lee")
        own.succeeds("add", "Finished", "--kind", "docs")
        own.succeeds("done", "8")

        var run = own("list", "--json")
        let titles = (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap {
            $0.objectValue?["title"]?.stringValue
        }
        #expect(
            titles == [
                "Overdue thing", "Blocked thing", "Critical soon", "Medium sooner", "Medium later", "Routine chore",
            ]
        )

        run = own("list")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("#") == true)
        #expect(lines.count == 7)
        #expect(lines[1].contains("Overdue thing") && lines[1].contains("2026-11-20!"))

        func keys(_ arguments: String...) throws -> [String] {
            let run = own.run(arguments + ["--json"])
            #expect(run.code == 0, "\(run.stderr)")
            return (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap {
                $0.objectValue?["title"]?.stringValue
            }
        }
        #expect(try keys("list", "--owner", "lee") == ["Lee's loop"])
        #expect(try keys("list", "--state", "done") == ["Finished"])
        #expect(try keys("list", "--stakes", "medium,critical") == ["Critical soon", "Medium sooner", "Medium later"])
        #expect(try keys("list", "--kind", "docs", "--all") == ["Finished"])
        #expect(try keys("list", "--due-before", "2026-12-02") == ["Overdue thing", "Critical soon"])
        #expect(try keys("list", "--all").count == 8)
    }

    @Test func titlesAreCutToTheTerminalWidth() {
        let own = OwnBinary()
        own.succeeds("add", String(repeating: "a very long title ", count: 10))
        let run = own("list", environment: ["COLUMNS": "60"])
        #expect(run.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 })
        #expect(run.stdout.contains("…"))
        // However narrow the terminal, a title is cut to eight columns at least, not left whole.
        let narrow = own("list", environment: ["COLUMNS": "20"])
        #expect(narrow.stdout.contains("a very l…"), "\(narrow.stdout)")
        // Wide characters take two columns each, in titles and in owners' names alike.
        own.succeeds("add", String(repeating: "日本語のタイトル", count: 8))
        own.succeeds("add", "Short", "--as", "张伟")
        let wide = own("list", "--owner", "all", environment: ["COLUMNS": "60"])
        let rows = wide.stdout.split(separator: "\n").map { String($0) }
        #expect(rows.allSatisfy { $0.columnCount <= 60 }, "\(rows.map(\.columnCount))")
        // Every title starts in the same column.
        let starts = rows.dropFirst().compactMap { row -> Int? in
            ["a very", "日本", "Short"].compactMap { row.range(of: $0) }.first.map {
                String(row[..<$0.lowerBound]).columnCount
            }
        }
        #expect(starts.count == 3 && Set(starts).count == 1, "\(wide.stdout)")
    }

    /// What is recorded ahead of the clock is said to be: commands acting at the clock's time do not
    /// see it until then (a loop added an hour ahead was in no list, and `own show` refused it with
    /// "nothing was written", though it only reads).
    @Test func aLoopAddedAheadOfTheClockIsSaidToBe() throws {
        // The clock is OWN_NOW's, a fixed instant: the machine's clock plays no part.
        let own = OwnBinary(now: "2026-12-01T09:00:00Z")
        let ahead = "2026-12-01T10:00:00Z"
        let added = own("add", "Future loop", "--key", "fut", "--now", ahead)
        #expect(added.code == 0)
        #expect(
            added.stderr.contains(
                "#1 is dated \(ahead), ahead of the clock: commands acting at the clock's time do not see it "
                    + "until then (give them --now \(ahead))"
            ),
            "\(added.stderr)"
        )
        let shown = own("show", "fut")
        #expect(shown.code == 2)
        #expect(shown.stderr.contains(#"loop "fut" was created at \#(ahead), after "#), "\(shown.stderr)")
        #expect(shown.stderr.contains("give --now that instant or later"), "\(shown.stderr)")
        #expect(!shown.stderr.contains("nothing was written"), "\(shown.stderr)")
        let noted = own("note", "fut", "later still", "--now", ahead)
        #expect(noted.code == 0)
        #expect(noted.stderr.contains("the event on #1 is dated \(ahead), ahead of the clock"), "\(noted.stderr)")
        // At the clock's time, nothing is said.
        let now = own("add", "Today's loop")
        #expect(now.code == 0 && now.stderr.isEmpty, "\(now.stderr)")
        // OWN_NOW sets the clock for every command: what is dated at it is not ahead of it, whatever the
        // machine's clock says; a --now past it is.
        let year = "2030-06-01T09:00:00Z"
        let set = own.run(["add", "Demo loop", "--key", "demo"], environment: ["OWN_NOW": year])
        #expect(set.code == 0 && set.stderr.isEmpty, "\(set.stderr)")
        let later = own.run(["note", "demo", "later", "--now", "2030-06-01T10:00:00Z"], environment: ["OWN_NOW": year])
        #expect(later.stderr.contains("is dated 2030-06-01T10:00:00Z, ahead of the clock"), "\(later.stderr)")
        // An edit that records two events (a title, and a due date moved) says they are.
        own.succeeds("edit", "demo", "--due", "2030-06-10", "--now", "2030-06-01T09:00:00Z")
        let edited = own.run(
            ["edit", "demo", "--title", "Demo", "--due", "2030-06-15", "--now", "2030-06-01T10:10:00Z"],
            environment: ["OWN_NOW": year]
        )
        #expect(edited.stderr.contains("the 2 events on #"), "\(edited.stderr)")
        #expect(edited.stderr.contains("are dated 2030-06-01T10:10:00Z, ahead of the clock"), "\(edited.stderr)")
    }

    /// A server that cannot answer (503: its store down) ends the sync at its first request, said
    /// once: the push's refusal was printed, then the pull's, word for word.
    @Test func aServerInTroubleEndsTheSyncSaidOnce() throws {
        let own = OwnBinary()
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        let server = try LoopbackListener()
        server.answer(5, status: 503, body: #"{"error":"the server's store is unavailable; try again shortly"}"#)
        #expect(own("remote", "http://127.0.0.1:\(server.port)", "--token-file", token).code == 0)
        own.succeeds("add", "Rotate keys")
        let before = server.answered
        let sync = own("sync")
        #expect(sync.code == 1)
        let said = sync.stderr.components(separatedBy: "answered HTTP 503").count - 1
        #expect(said == 1, "\(sync.stderr)")
        // One request, which own-post tries twice on a server's trouble; the sync made three.
        #expect(server.answered - before == 2, "\(before)")
    }

    /// With a team server set up, nothing is written dated further ahead of the clock than the server
    /// takes (10 minutes): it would wait in the ledger unpushed, and every sync fail, until that date.
    /// Within the 10 minutes, or with no server, it is written and said.
    @Test func withATeamServerNothingIsWrittenFarAheadOfTheClock() throws {
        let own = OwnBinary(now: "2026-12-01T09:00:00Z")
        let token = own.file("ana.token", "own_secret\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: token)
        #expect(own("remote", "http://127.0.0.1:9", "--token-file", token).code == 0)
        let tomorrow = "2026-12-02T09:00:00Z"
        for arguments in [
            ["add", "Future loop", "--now", tomorrow],
            ["away", "2027-01-04..2027-01-05", "--now", tomorrow],
        ] {
            let refused = own.run(arguments)
            #expect(refused.code == 2, "\(arguments)")
            #expect(
                refused.stderr.contains("this would be dated \(tomorrow), more than 10 minutes ahead of the clock")
                    && refused.stderr.contains("record it then, or give an earlier --now")
                    // The clock is OWN_NOW's here, and said so, with what to do if the server's is the machine's.
                    && refused.stderr.contains("(2026-12-01T09:00:00Z, OWN_NOW's)")
                    && refused.stderr.contains("(or a later OWN_NOW, if the server's clock is the machine's)"),
                "\(refused.stderr)"
            )
        }
        #expect(own("add", "Today's loop", "--key", "today").code == 0)
        let refusedNote = own("note", "today", "from tomorrow", "--now", tomorrow)
        #expect(
            refusedNote.code == 2 && refusedNote.stderr.contains("more than 10 minutes ahead"),
            "\(refusedNote.stderr)"
        )
        let soon = "2026-12-01T09:05:00Z"
        let noted = own("note", "today", "in five minutes", "--now", soon)
        #expect(noted.code == 0 && noted.stderr.contains("ahead of the clock"), "\(noted.stderr)")
        let shown = own("show", "today", "--now", soon).stdout
        #expect(shown.contains("in five minutes") && !shown.contains("from tomorrow"), "\(shown)")
    }

    /// An undo at an instant before the person's last event says so, and how to reach it; not that an
    /// older event stays.
    @Test func anUndoBeforeTheLastEventSaysItIsAfterIt() throws {
        let own = OwnBinary()
        #expect(own("add", "Loop", "--key", "lp").code == 0)
        #expect(own("note", "lp", "dated later", "--now", "2026-11-28T10:00:00Z").code == 0)
        let undo = own("undo", "--yes")
        #expect(undo.code == 2)
        #expect(
            undo.stderr.contains(
                "your last event (noted on lp) is dated 2026-11-28T10:00:00Z, after this command's instant "
                    + "(2026-11-27T16:00:00Z): an undo can only follow it; give --now 2026-11-28T10:00:00Z or later"
            ),
            "\(undo.stderr)"
        )
        #expect(own("undo", "--yes", "--now", "2026-11-28T10:00:00Z").code == 0)
    }

    /// An event is recorded in whole seconds: an undo at a fraction of a second after an event dated
    /// with one would come before it, and take nothing back while it said "undone". It says so, and
    /// names the first whole second after.
    @Test func anUndoFollowsAnEventDatedWithAFractionOfASecond() throws {
        let own = OwnBinary()
        let lines = [
            #"{"id":"u1","loop":"u","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"U"}"#,
            #"{"id":"u2","loop":"u","at":"2026-11-24T13:00:00,5+01","by":"ana","type":"noted","note":"comma"}"#,
        ]
        own.succeeds("import", own.file("u.jsonl", lines.joined(separator: "\n") + "\n"))
        let early = own("undo", "u", "--yes", "--now", "2026-11-24T13:00:00,7+01")
        #expect(early.code == 2, "\(early.stdout)")
        #expect(
            early.stderr.contains("is dated 2026-11-24T13:00:00,5+01, after this command's instant")
                && early.stderr.contains("give --now 2026-11-24T12:00:01Z or later"),
            "\(early.stderr)"
        )
        #expect(own("undo", "u", "--yes", "--now", "2026-11-24T12:00:01Z").code == 0)
        let shown = own("show", "u", "--now", "2026-11-25T00:00:00Z").stdout
        #expect(!shown.contains("takes back nothing"), "\(shown)")
        #expect(own("undo", "u", "--yes", "--now", "2026-11-24T12:00:02Z").code == 2, "nothing left to undo")
    }

    /// An estimate past 10,000 hours is a typo: refused where it is typed and in an import. Summed over
    /// a project, 1e308 twice was infinity, and `--json` wrote `inf`, which is no JSON.
    @Test func anEstimatePastTenThousandHoursIsRefused() throws {
        let own = OwnBinary()
        for estimate in ["1e308", "10001h", "600001m"] {
            let run = own("add", "Big", "--estimate", estimate)
            #expect(run.code == 2, "\(estimate)")
            #expect(run.stderr.contains("is more than 10000 hours; check it, or split the loop"), "\(run.stderr)")
        }
        #expect(own("add", "Big", "--key", "big", "--estimate", "10000h").code == 0)
        let scope = own("scope", "big", "more", "--estimate", "20000")
        #expect(scope.code == 2 && scope.stderr.contains("more than 10000 hours"), "\(scope.stderr)")
        let line =
            #"{"id":"e1","loop":"huge","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"H","estimateHours":1e308}"#
        let imported = own("import", "-", stdin: line + "\n")
        #expect(imported.code == 2)
        #expect(
            imported.stderr.contains(#""estimateHours" must be a number of hours from 0 to 10000"#),
            "\(imported.stderr)"
        )
    }

    /// What a teammate's import (and so their pull) would refuse is refused when it is written: an
    /// event dated before its loop was created, and a new loop under a key kept for facts about people.
    @Test func historyAnImportWouldRefuseIsNotWritten() throws {
        let own = OwnBinary()
        own.succeeds("add", "Release 1.4", "--key", "rel", "--now", "2026-11-23T10:00:00Z")
        let early = own("note", "rel", "written on a clock behind", "--now", "2026-11-23T09:00:00Z")
        #expect(early.code == 2)
        #expect(early.stderr.contains(#"loop "rel" was created at 2026-11-23T10:00:00Z"#), "\(early.stderr)")
        #expect(own("note", "rel", "later", "--now", "2026-11-23T10:00:00Z").code == 0)
        let edit = own("edit", "rel", "--title", "Release 1.5", "--now", "2026-11-23T09:00:00Z")
        #expect(edit.code == 2)
        #expect(
            edit.stderr.contains(#"loop "rel" was created at 2026-11-23T10:00:00Z"#),
            "not 'no loop': \(edit.stderr)"
        )
        // An event longer than a push takes would stop every sync of the ledger: refused, here and
        // in an import.
        let long = String(repeating: "z", count: 70_000)
        let tooLong = own("note", "rel", long, "--now", "2026-11-23T11:00:00Z")
        #expect(tooLong.code == 2)
        #expect(
            tooLong.stderr.contains("events are shared with the team up to 65536 bytes (64 KiB)"),
            "\(tooLong.stderr)"
        )
        let longLine =
            #"{"id":"big","loop":"rel","at":"2026-11-23T11:00:00Z","by":"ana","type":"noted","note":"\#(long)"}"#
        let longImport = own("import", own.file("long.jsonl", longLine + "\n"))
        #expect(longImport.code == 2)
        #expect(longImport.stderr.contains("long.jsonl:1: the event is 70"), "\(longImport.stderr)")
        for key in ["@away", "@declined", "@mine"] {
            let reserved = own("add", "x", "--key", key)
            #expect(reserved.code == 2, "\(key)")
            #expect(reserved.stderr.contains("kept for time off and declines"), "\(reserved.stderr)")
        }
        let exported = own("export").stdout
        #expect(!exported.contains("@away") && exported.split(separator: "\n").count == 2)
        let copy = OwnBinary()
        let file = copy.file("copy.jsonl", exported)
        #expect(copy("import", file).code == 0, "what was written imports")
        let forged = copy.file(
            "forged.jsonl",
            #"{"id":"f1","loop":"@away","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"x"}"# + "\n"
        )
        let refused = copy("import", forged)
        #expect(refused.code == 2)
        #expect(refused.stderr.contains("kept for time off and declines"), "\(refused.stderr)")
        let note = copy.file(
            "note.jsonl",
            #"{"id":"f2","loop":"@away","at":"2026-11-23T09:00:00Z","by":"ana","type":"noted","note":"x"}"# + "\n"
        )
        #expect(copy("import", note).stderr.contains("not noted events"))
    }

    /// Words that mean something else in --owner and --state are refused where they would be stored
    /// or never match: an owner `all` could not be listed by owner, and no loop is `handed-off` now.
    @Test func ownerAllOrNoneAndStateHandedOffAreRefusedSayingWhy() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        for arguments in [
            ["add", "x", "--owner", "all"], ["edit", "1", "--owner", "none"], ["add", "x", "--owner", "Nobody"],
        ] {
            let run = own.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains("own handoff"), "\(run.stderr)")
        }
        #expect(own("show", "1", "--json").stdout.contains(#""owner":"ana""#))
        let estimate = own("edit", "1", "--estimate", "-3")
        #expect(estimate.stderr.contains(#"cannot read the estimate "-3""#), "not a missing value: \(estimate.stderr)")
        // Who was told, who covers and who is affected are people too: `none` as who was told counted
        // as someone, and the doctor never asked for the notice.
        for arguments in [
            ["scope", "1", "bigger", "--told", "none"], ["due", "1", "2026-12-20", "x", "--told", "lee,nobody"],
            ["away", "2026-12-14..2026-12-18", "--backup", "nobody"], ["edit", "1", "--affects", "all"],
            ["decline", "the rewrite", "--reason", "no time", "--told", "None"],
        ] {
            let run = own.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains("is no one's name"), "\(arguments): \(run.stderr)")
        }
        #expect(own.run(["edit", "1", "--affects", "none"]).code == 0, "none alone still clears who is affected")
        // Whoever records an event is one person too, whichever way they are named.
        for (arguments, environment) in [(["add", "x", "--as", "all"], [:]), (["add", "x"], ["OWN_USER": "ALL"])] {
            let run = own.run(arguments, environment: environment)
            #expect(run.code == 2, "\(arguments) \(environment)")
            #expect(run.stderr.contains("is no one's name"), "\(run.stderr)")
        }
        // An approver likewise; and a name given with spaces around it is the name without them.
        own.succeeds("add", "Risky", "--key", "risky", "--stakes", "critical")
        for name in ["all", "Nobody", "NONE"] {
            let run = own("approve", "risky", "--by", name)
            #expect(run.code == 2, "\(name)")
            #expect(run.stderr.contains("--by \(name) is no one's name"), "\(run.stderr)")
        }
        // A control character is said as such, escaped, not as a word for everyone or no one.
        let escape = own("add", "x", "--affects", "team\u{1B}[31mred")
        #expect(escape.code == 2)
        #expect(
            escape.stderr.hasPrefix(#"own: --affects "team\e[31mred" holds a control character, which no name does"#),
            "\(escape.stderr)"
        )
        own.succeeds("add", "Spaced", "--key", "spaced", "--owner", " carl ", "--as", " eve")
        let spaced = own("show", "spaced", "--json").stdout
        #expect(spaced.contains(#""owner":"carl""#) && spaced.contains(#""by":"eve""#), "\(spaced)")
        #expect(own("list", "--as", "carl").stdout.contains("Spaced"))
        // Everyone is `all` in any case, wherever --owner filters; none and nobody are refused there.
        let everyone = own("list", "--owner", "all").stdout
        for command in [["list"], ["doctor"], ["standup"], ["ics"], ["away", "--list"]] {
            #expect(
                own.run(command + ["--owner", "ALL"]).stdout == own.run(command + ["--owner", "all"]).stdout,
                "\(command)"
            )
            let nobody = own.run(command + ["--owner", "Nobody"])
            #expect(nobody.code == 2, "\(command)")
            #expect(nobody.stderr.contains("it is no one's name"), "\(command): \(nobody.stderr)")
        }
        #expect(everyone.contains("Spaced") && everyone.contains("Risky"), "\(everyone)")
        // Blank is no one either: it read as all clear (`--owner "$UNSET" --fail-on warning`).
        for command in [["doctor"], ["list"], ["record"], ["decline", "--list"]] {
            let blank = own.run(command + ["--owner", " "])
            #expect(blank.code == 2 && blank.stderr.contains("it is blank"), "\(command): \(blank.stderr)")
        }
        // A decline is one person's, named trimmed; everyone's are listed with all.
        let declineAll = own("decline", "rewrite the cron", "--owner", "all")
        #expect(
            declineAll.code == 2 && declineAll.stderr.contains("--owner all goes with --list"),
            "\(declineAll.stderr)"
        )
        own.succeeds("decline", "rewrite the cron", "--owner", " lee ")
        #expect(own("export").stdout.contains(#""person":"lee""#))
        #expect(own("decline", "--list", "--owner", "ALL").stdout.contains("rewrite the cron"))
        #expect(own("list", "--project", " , ").stderr.contains("names no project"))
        // A notice is about one loop, its owner's: it takes no --owner, and its help offers none.
        let notice = own("notice", "risky", "--owner", "bob")
        #expect(notice.code == 2 && notice.stderr.contains("unknown option '--owner'"), "\(notice.stderr)")
        #expect(!own("notice", "--help").stdout.contains("--owner"))
        // A project's name holds no comma (a list reads one as two), and a blank filter is refused.
        let comma = own("add", "Billing", "--project", "payments,search")
        #expect(comma.code == 2 && comma.stderr.contains("a project's name holds no comma"), "\(comma.stderr)")
        for filter in [["--project", ""], ["--tag", " "], ["--grep", ""]] {
            let run = own.run(["list"] + filter)
            #expect(run.code == 2 && run.stderr.contains("is blank"), "\(filter): \(run.stderr)")
        }
        let blank = own("add", "x", environment: ["OWN_USER": "  "])
        #expect(blank.code == 2)
        #expect(blank.stderr.contains("OWN_USER is blank"), "\(blank.stderr)")
        let state = own("list", "--state", "handed-off")
        #expect(state.code == 2)
        #expect(!own("list", "--help").stdout.contains("handed-off"))
    }

    @Test func keysAndNumbersBothNameALoop() throws {
        let own = OwnBinary()
        own.succeeds("add", "Keyed", "--key", "deploy-fix")
        #expect(own("note", "deploy-fix", "by key").code == 0)
        #expect(own("note", "#1", "by hash number").code == 0)
        #expect(own("show", "deploy-fix").stdout.contains("by hash number"))
    }

    @Test func nowComesFromTheEnvironmentOrTheFlag() throws {
        let own = OwnBinary(now: nil)
        own.succeeds("add", "At a fixed instant", "--now", "2026-11-20T08:30:00+01:00")
        own.succeeds("note", "1", "from the environment", environment: ["OWN_NOW": "2026-11-21T10:00:00Z"])
        let run = own("show", "1", "--json")
        let events = try JSONParser.parse(run.stdout).objectValue?["events"]?.arrayValue ?? []
        #expect(
            events.compactMap { $0.objectValue?["at"]?.stringValue } == [
                "2026-11-20T07:30:00Z", "2026-11-21T10:00:00Z",
            ]
        )
    }

    @Test func identityComesFromTheFlagTheEnvironmentThenTheConfiguration() throws {
        let own = OwnBinary()
        own.succeeds("add", "Mine")
        own.succeeds("add", "Flagged", "--as", "lee")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", "user = \"kim\"\n")
        own.succeeds("add", "Configured", environment: ["OWN_USER": ""])
        let run = own("list", "--all", "--json")
        let owners = (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap {
            $0.objectValue?["owner"]?.stringValue
        }
        #expect(owners.sorted() == ["ana", "kim", "lee"])
    }

    @Test func withoutAnyOtherNameGitsUserNameThenUSERIsWhoActs() {
        let own = OwnBinary()
        let quiet = ["OWN_USER": "", "GIT_CONFIG_NOSYSTEM": "1", "USER": "fallback"]
        own.succeeds("add", "From USER", environment: quiet)
        _ = own.file(".gitconfig", "[user]\n\tname = Git Person\n")
        own.succeeds("add", "From git", environment: quiet)
        let owners = own.run(["list", "--all", "--owner", "all", "--json"]).stdout
        #expect(owners.contains("\"owner\":\"fallback\""), "\(owners)")
        #expect(owners.contains("\"owner\":\"Git Person\""), "\(owners)")
    }

    /// git's files are read without starting git (it costs milliseconds on every command): with no
    /// git to start, the name is found all the same. A file git reads otherwise than its plain text
    /// (an include) is left to git, which then finds what it includes.
    @Test func gitsUserNameIsReadFromItsFilesAndGitIsAskedOnlyWhenTheyCannotSay() {
        let own = OwnBinary()
        let quiet = ["OWN_USER": "", "GIT_CONFIG_NOSYSTEM": "1", "USER": "fallback"]
        let noGit = quiet.merging(["PATH": own.folder + "/no-programs"]) { $1 }
        _ = own.file(".gitconfig", "[user]\n\tname = Git Person\n")
        own.succeeds("add", "Read from the file", "--key", "from-file", environment: noGit)
        _ = own.file("more.gitconfig", "[user]\n\tname = Included Person\n")
        _ = own.file(".gitconfig", "[include]\n\tpath = \(own.folder)/more.gitconfig\n")
        own.succeeds("add", "Asked of git", "--key", "asked", environment: quiet)
        own.succeeds("add", "No git to ask", "--key", "no-git", environment: noGit)
        let loops = (try? JSONParser.parse(own.run(["list", "--all", "--owner", "all", "--json"]).stdout))?.arrayValue
        let owners = Dictionary(
            uniqueKeysWithValues: (loops ?? []).compactMap { loop -> (String, String)? in
                guard let key = loop.objectValue?["key"]?.stringValue,
                    let owner = loop.objectValue?["owner"]?.stringValue
                else { return nil }
                return (key, owner)
            }
        )
        #expect(owners == ["from-file": "Git Person", "asked": "Included Person", "no-git": "fallback"])
    }

    /// The team server writes its own events under its name and refuses a person's that name it: the
    /// CLI refuses them when typed, not at the next sync.
    @Test func theServersNameIsNoOwnerRecipientOrActor() {
        let own = OwnBinary()
        own.succeeds("add", "Mine")
        for (arguments, option) in [
            (["add", "Theirs", "--owner", "own-server"], "--owner own-server"),
            (["edit", "1", "--owner", "Own-Server"], "--owner Own-Server"),
            (["handoff", "1", "--to", "own-server"], "--to own-server"),
            (["away", "2026-12-10", "--backup", "own-server"], "--backup own-server"),
            (["note", "1", "x", "--as", "own-server"], "--as own-server"),
        ] {
            let run = own.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains("\(option) is the team server's name, no person's"), "\(run.stderr)")
        }
        #expect(own("export").stdout.split(separator: "\n").count == 1)
    }

    /// A loop done without approval, or not verified in production, is said when it is done, as the
    /// doctor will find it; a low-stakes loop verified has nothing to say.
    @Test func doneSaysWhatTheDoctorWillFindOnTheLoop() {
        let own = OwnBinary()
        own.succeeds("add", "High thing", "--stakes", "high", "--done-when", "y", "--key", "high")
        let high = own("done", "high", "--outcome", "ok")
        #expect(high.code == 0, "\(high.stderr)")
        #expect(high.stdout.contains("the doctor finds needs-approval: work recorded Nov 27 before approval"))
        #expect(high.stdout.contains("the doctor finds stopped-at-merge: done Nov 27 at stakes high"))
        own.succeeds("add", "Low thing", "--stakes", "low", "--key", "low")
        let low = own("done", "low", "--outcome", "ok", "--verified", "--monitored-by", "the error alert")
        #expect(low.code == 0 && !low.stdout.contains("the doctor finds"), "\(low.stdout)")
    }

    @Test func theDefaultLedgerIsCreatedUnderXDGDataHome() {
        let own = OwnBinary()
        // A command that only reads leaves nothing behind, not even the ledger's folder.
        for read in [["list"], ["doctor"], ["standup"]] {
            #expect(own.run(read, environment: ["OWN_DB": ""]).code == 0, "\(read)")
        }
        #expect(!FileManager.default.fileExists(atPath: own.folder + "/data/own"))
        let run = own("add", "Somewhere", environment: ["OWN_DB": ""])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: own.folder + "/data/own/ledger.sqlite"))
    }

    @Test func aRelativeXDGDataHomeIsIgnored() {
        // Read against the current folder, every folder a command ran in got a ledger of its own.
        let own = OwnBinary()
        let run = own("add", "Somewhere", environment: ["OWN_DB": "", "XDG_DATA_HOME": "relative/data"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: own.folder + "/.local/share/own/ledger.sqlite"))
    }

    @Test func theTourRunsOnAScratchLedger() {
        let own = OwnBinary()
        let run = own("tour", "--db", own.folder + "/tour.sqlite")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("$ own list"))
        #expect(run.stdout.contains("Fix the flaky deploy pipeline"))
        #expect(!FileManager.default.fileExists(atPath: own.ledger))
    }
}
