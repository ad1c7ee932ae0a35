import Foundation
import OwnCore
import Testing

@Suite("Clearing a field: --due none, --affects none, --estimate none …")
struct ClearFieldTests {
    /// `own stage N none` clears the stage as `own edit --stage none` does, with the same event.
    @Test func stageNoneTakesTheLoopOutOfItsStage() throws {
        let own = OwnBinary()
        own.succeeds("add", "Fix the flaky deploy", "--stage", "design")
        var run = own("stage", "1", "NONE")
        #expect(run.code == 0 && run.stdout == "#1 at no stage: Fix the flaky deploy\n", "\(run.stdout)\(run.stderr)")
        let shown = try #require(try JSONParser.parse(own("show", "1", "--json").stdout).objectValue)
        #expect(shown["loop"]?.objectValue?["stage"] == .null)
        let last = (shown["events"]?.arrayValue ?? []).last?.objectValue
        #expect(last?["type"] == "edited" && last?["stage"] == .null)
        run = own("stage", "1", "none")
        #expect(run.code == 0 && run.stdout == "#1 unchanged: it is at no stage\n", "\(run.stdout)")
        #expect(own("export").stdout.split(separator: "\n").count == 2, "nothing more recorded")
        #expect(own("stage", "--help").stdout.contains("none takes the loop out of its stage"))
        // Again at the stage it is at records nothing either: it counted as progress.
        own.succeeds("stage", "1", "review")
        run = own("stage", "1", "review")
        #expect(run.code == 0 && run.stdout == "#1 unchanged: it is at stage review already\n", "\(run.stdout)")
        #expect(own("export").stdout.split(separator: "\n").count == 3, "nothing more recorded")
    }

    @Test func editClearsFieldsAndTheEventSaysSo() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Fix the flaky deploy",
            "--due",
            "2026-12-04",
            "--affects",
            "release-team",
            "--estimate",
            "6h",
            "--stage",
            "design",
            "--project",
            "infra"
        )
        var run = own(
            "edit",
            "1",
            "--due",
            "none",
            "--affects",
            "none",
            "--estimate",
            "none",
            "--stage",
            "none",
            "--project",
            "None"
        )
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix(
                "#1 edited: affects cleared, due cleared, estimate cleared, project cleared, stage cleared\n"
            ),
            "\(run.stdout)"
        )
        let shown = try #require(try JSONParser.parse(own("show", "1", "--json").stdout).objectValue)
        let loop = try #require(shown["loop"]?.objectValue)
        #expect(loop["due"] == .null)
        #expect(loop["estimateHours"] == .null)
        #expect(loop["affects"] == .array([]))
        #expect(loop["stage"] == .null)
        // The due date a live loop had, removed, is a change to plan beside the edit (see below).
        let events = (shown["events"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(events.suffix(2).map { $0["type"] } == ["edited", "dueChanged"])
        #expect(events.last?["due"] == .null)
        // Cleared again: nothing changes, nothing is recorded.
        run = own("edit", "1", "--due", "none")
        #expect(run.stdout == "#1 unchanged: it already has those values\n")
        // `none` with names is said as --tag's is (the message told to write --affects none, given).
        run = own("edit", "1", "--affects", "lee", "--affects", "none")
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: --affects none clears everyone and goes alone; give the people to keep without it\n"
        )
        // As --tag does: a name adds to whom it affects, -NAME removes one (the second name replaced the
        // first, and the edit said only "affects").
        #expect(own("edit", "1", "--affects", "lee").code == 0)
        #expect(own("edit", "1", "--affects", "ops,kenji").code == 0)
        #expect(own("show", "1", "--json").stdout.contains(#""affects":["lee","ops","kenji"]"#))
        #expect(own("edit", "1", "--affects", "-ops").code == 0)
        #expect(own("show", "1", "--json").stdout.contains(#""affects":["lee","kenji"]"#))
        // A name it does not have removes nothing, and says so: a typo read as done.
        run = own("edit", "1", "--affects", "-zed")
        #expect(run.code == 0 && run.stdout == "#1 unchanged: it already has those values\n", "\(run.stdout)")
        #expect(
            run.stderr == "own: warning: --affects -zed: it has no person zed; nothing to remove\n",
            "\(run.stderr)"
        )
        #expect(own("edit", "1", "--affects", "-lee", "--affects", "-kenji").code == 0)
        #expect(own("show", "1", "--json").stdout.hasPrefix(#"{"loop":{"affects":[],"#))
        run = own("add", "y", "--affects", "-lee")
        #expect(run.stderr == "own: --affects -lee removes a person, and a new loop has none; give the person as lee\n")
        // The export imports again into the same loop.
        let copy = OwnBinary()
        #expect(copy("import", copy.file("ledger.jsonl", own("export").stdout)).code == 0)
        #expect(copy("show", "1", "--json").stdout.contains(#""due":null"#))
    }

    /// Moving a due date the loop has is a change to plan whichever command makes it: `own edit --due`
    /// records it as `own due` does, so the doctor asks who was told and the standup lists it. Setting
    /// the first due date is an edit like any other.
    @Test func editMovingADueDateIsAChangeToPlan() throws {
        let own = OwnBinary(now: "2026-11-23T09:00:00Z")
        own.succeeds("add", "Ship the export", "--key", "export", "--due", "2026-12-10", "--affects", "web")
        own.succeeds("add", "Tidy the docs", "--key", "docs", "--stakes", "low")
        let moved = own(
            "edit",
            "export",
            "--due",
            "2026-12-20",
            "--title",
            "Ship the CSV export",
            "--now",
            "2026-11-23T10:00:00Z"
        )
        #expect(moved.code == 0, "\(moved.stderr)")
        #expect(moved.stdout.hasPrefix("#1 edited: due, title\n"), "\(moved.stdout)")
        #expect(moved.stdout.contains("nobody told yet: `own notice 1` drafts the notice for web"), "\(moved.stdout)")
        let shown = try #require(
            try JSONParser.parse(own("show", "export", "--json", "--now", "2026-11-23T12:00:00Z").stdout).objectValue
        )
        let types = shown["events"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue }
        #expect(types == ["created", "edited", "dueChanged"])
        #expect(shown["loop"]?.objectValue?["due"] == "2026-12-20")
        #expect(shown["loop"]?.objectValue?["title"] == "Ship the CSV export")
        let doctor = own("doctor", "--json", "--now", "2026-11-25T17:00:00Z")
        #expect(doctor.stdout.contains(#""rule":"uncommunicated-change""#), "\(doctor.stdout)")
        let standup = own("standup", "--now", "2026-11-24T10:00:00Z").stdout
        #expect(
            standup.contains("Changes to plan\n  export Ship the CSV export - due moved to Sun 20 Dec"),
            "\(standup)"
        )
        #expect(own("notice", "export", "--now", "2026-11-25T17:00:00Z").code == 0)
        // A done loop's date is corrected as an edit: it has no plan left to change.
        own.succeeds("done", "export", "--now", "2026-11-23T11:30:00Z")
        let corrected = own("edit", "export", "--due", "2026-12-18", "--now", "2026-11-23T11:45:00Z")
        #expect(corrected.code == 0, "\(corrected.stderr)")
        #expect(corrected.stdout == "#1 edited: due\n", "\(corrected.stdout)")
        // A past date on it is a correction too: no warning that it is "overdue from now on".
        let past = own("edit", "export", "--due", "2026-11-20", "--now", "2026-11-23T11:50:00Z")
        #expect(past.code == 0 && !past.stderr.contains("overdue"), "\(past.stderr)")
        own.succeeds("add", "Live", "--key", "live", "--stakes", "low", "--now", "2026-11-23T11:50:00Z")
        let live = own("edit", "live", "--due", "2026-11-20", "--now", "2026-11-23T11:50:00Z")
        #expect(live.stderr.contains("has already passed; the loop is overdue from now on"), "\(live.stderr)")
        // A first due date is no change to plan: an edit, and nothing to tell.
        let first = own("edit", "docs", "--due", "2026-12-04", "--now", "2026-11-23T11:00:00Z")
        #expect(first.stdout == "#2 edited: due\n", "\(first.stdout)")
        let docs = try #require(
            try JSONParser.parse(own("show", "docs", "--json", "--now", "2026-11-23T12:00:00Z").stdout).objectValue
        )
        #expect(
            docs["events"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue } == ["created", "edited"]
        )
    }

    /// A due date removed from a live loop is a change to plan, as a move is: removed, then set later,
    /// the slip went unseen by the doctor and the record.
    @Test func removingADueDateIsAChangeToPlan() throws {
        let own = OwnBinary(now: "2026-12-01T09:00:00Z")
        own.succeeds(
            "add",
            "Laundered",
            "--key",
            "laund",
            "--done-when",
            "x",
            "--due",
            "2026-12-10",
            "--affects",
            "lee"
        )
        let removed = own("edit", "laund", "--due", "none", "--now", "2026-12-01T10:00:00Z")
        #expect(removed.code == 0, "\(removed.stderr)")
        #expect(
            removed.stdout.contains("nobody told yet: `own notice 1` drafts the notice for lee"),
            "\(removed.stdout)"
        )
        own.succeeds("edit", "laund", "--due", "2026-12-20", "--now", "2026-12-01T10:01:00Z")
        let shown = own("show", "laund", "--now", "2026-12-01T11:00:00Z").stdout
        // In the commands' words, not the events' (`dueChanged`, `doneWhen`): as `own edit` says them.
        #expect(shown.contains("due changed: removed"), "\(shown)")
        own.succeeds("edit", "laund", "--done-when", "none", "--estimate", "none", "--now", "2026-12-01T11:05:00Z")
        own.succeeds("ask", "laund", "--from", "infra", "asked", "--now", "2026-12-01T11:06:00Z")
        let words = own("show", "laund", "--now", "2026-12-01T11:10:00Z").stdout
        #expect(words.contains("edited: done-when cleared\n"), "\(words)")
        #expect(words.contains("help asked: from infra; asked"), "\(words)")
        let doctor = own("doctor", "--json", "--now", "2026-12-02T16:00:00Z").stdout
        #expect(doctor.contains(#""rule":"uncommunicated-change""#), "\(doctor)")
        #expect(doctor.contains("due date (Dec 10) removed"), "\(doctor)")
        let record = own("record", "--now", "2026-12-21T10:00:00Z").stdout
        #expect(record.contains("due date removed with nobody told"), "\(record)")
        // A date pulled in is no bad news: recorded, and nobody needs telling.
        let pulled = own("due", "laund", "2026-12-15", "--now", "2026-12-01T10:02:00Z")
        #expect(pulled.stdout == "#1 now due 2026-12-15\n", "\(pulled.stdout)")
        // `own due KEY none` removes it too, with whom it was told.
        own.succeeds("add", "Told", "--key", "told", "--due", "2026-12-10", "--affects", "lee")
        let told = own("due", "told", "none", "--reason", "waiting on legal", "--told", "lee")
        #expect(told.stdout.hasPrefix("#2 has no due date now"), "\(told.stdout)")
        #expect(own("show", "told", "--json").stdout.contains(#""due":null"#))
        let standup = own("standup", "--now", "2026-12-02T10:00:00Z").stdout
        #expect(standup.contains("due date removed (was Thu 10 Dec): waiting on legal; told lee"), "\(standup)")
        let notice = own("notice", "told", "--now", "2026-12-02T10:00:00Z").stdout
        #expect(notice.contains("due date removed (was Thu 10 Dec)"), "\(notice)")
    }

    /// A change to plan on a loop that lists no one it affects: the notice would be addressed to no
    /// one (the hint said "for your lead", whom no notice names).
    @Test func aChangeToPlanWithNobodyAffectedSaysToNameThem() {
        let own = OwnBinary()
        own.succeeds("add", "Solo", "--due", "2026-12-04", "--done-when", "shipped")
        let run = own("risk", "1", "the vendor is late")
        #expect(
            run.stdout.contains(
                "nobody told yet, and it lists no one it affects: `own edit 1 --affects NAME` names them, then "
                    + "`own notice 1` drafts the notice"
            ),
            "\(run.stdout)"
        )
    }

    @Test func noneOnANewLoopIsLeftOutAndPlanChangesPointToEdit() {
        let own = OwnBinary()
        var run = own("add", "Fix the flaky deploy", "--due", "none", "--done-when", "green")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("show", "1", "--json").stdout.contains(#""due":null"#))
        run = own("due", "1", "none")
        #expect(run.code == 0)
        #expect(run.stdout == "#1 has no due date; nothing recorded\n", "\(run.stdout)")
        run = own("scope", "1", "smaller", "--estimate", "none")
        #expect(run.stderr == "own: own scope records a new estimate; `own edit 1 --estimate none` clears it\n")
    }

    /// `none` is no monitor and no guard: `own done --monitored-by none` recorded the word, and the
    /// doctor took it for a monitor (no `stopped-at-merge`), as `own guard 1 none` silenced `no-guard`.
    @Test func noneMonitorsNothingAndGuardsNothing() throws {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Ship the export",
            "--stakes",
            "high",
            "--done-when",
            "green",
            "--now",
            "2026-12-01T09:00:00Z"
        )
        own.succeeds("approve", "1", "--as", "lee", "--now", "2026-12-01T09:05:00Z")
        var run = own(
            "done",
            "1",
            "--outcome",
            "shipped",
            "--monitored-by",
            "none",
            "--guard",
            "NONE",
            "--now",
            "2026-12-01T10:00:00Z"
        )
        #expect(run.code == 0, "\(run.stderr)")
        let done = own("export").stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(done.contains(#""type":"done""#) && !done.contains("monitoredBy") && !done.contains("guard"), "\(done)")
        #expect(run.stdout.contains("stopped-at-merge"), "\(run.stdout)")
        run = own("guard", "1", "none", "--now", "2026-12-01T10:05:00Z")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: none is no guard: name what now prevents a repeat"), "\(run.stderr)")
        own.succeeds("edit", "1", "--monitored-by", "export alert", "--now", "2026-12-01T10:06:00Z")
        run = own("edit", "1", "--monitored-by", "none", "--now", "2026-12-01T10:07:00Z")
        #expect(run.stdout.hasPrefix("#1 edited: monitored-by cleared"), "\(run.stdout)")
        #expect(own("show", "1", "--json", "--now", "2026-12-01T10:08:00Z").stdout.contains(#""monitoredBy":null"#))
        // Verified by mistake, taken back.
        own.succeeds("edit", "1", "--verified", "--now", "2026-12-01T10:09:00Z")
        run = own("edit", "1", "--no-verified", "--now", "2026-12-01T10:10:00Z")
        #expect(run.stdout.hasPrefix("#1 edited: verified cleared"), "\(run.stdout)")
        let shown = own("show", "1", "--json", "--now", "2026-12-01T10:11:00Z").stdout
        #expect(shown.contains(#""verified":false"#), "\(shown)")
    }

    /// Asking nobody, or everyone, or yourself, is asking no one: it silenced `stuck-alone`.
    @Test func helpIsAskedFromSomeone() {
        let own = OwnBinary()
        own.succeeds("add", "Blocked thing")
        for word in ["nobody", "all", "None", " "] {
            let run = own("ask", "1", "--from", word, "in #infra")
            #expect(run.code == 2, "\(word): \(run.stdout)")
            #expect(run.stderr.contains("give whom you asked: a person or a team"), "\(word): \(run.stderr)")
        }
        // Nor its owner: asking yourself silenced it as well.
        let yourself = own("ask", "1", "--from", "ana", "asked myself")
        #expect(yourself.code == 2)
        #expect(yourself.stderr == "own: ana owns #1: help is asked of someone else (a person or a team)\n")
        #expect(!own("export").stdout.contains("helpAsked"))
        #expect(own("ask", "1", "--from", " infra-team ", "in #infra").stdout == "#1 help asked from infra-team\n")
    }

    /// A drop with nobody told is counted as dropped untold: said at once, with who to tell.
    @Test func aDropWithNobodyToldSaysWhoToTell() {
        let own = OwnBinary()
        own.succeeds("add", "Migrate the queue", "--affects", "bob")
        let untold = own("drop", "1", "not needed any more")
        #expect(
            untold.stdout == "#1 dropped: Migrate the queue\n  nobody told yet: tell bob, then `own undo` and drop it "
                + "again with --told; the record lists it as dropped untold\n",
            "\(untold.stdout)"
        )
        own.succeeds("add", "Tidy up")
        #expect(own("drop", "2", "--reason", "done elsewhere", "--told", "lee").stdout == "#2 dropped: Tidy up\n")
        // Naming only yourself tells no one: reminded, and counted as untold, as `due` and `scope` count it.
        own.succeeds("add", "Rename the bucket", "--affects", "bob")
        let toSelf = own("drop", "3", "--reason", "not needed", "--told", "ana")
        #expect(toSelf.stdout.contains("nobody told yet: tell bob"), "\(toSelf.stdout)")
        let record = own("record").stdout
        #expect(record.contains("#1") && record.contains("#3") && !record.contains("#2"), "\(record)")
        // A teammate's drop is not the owner's: the record does not count it, and the hint says nothing of it.
        own.succeeds("add", "Theirs", "--affects", "bob")
        let teammates = own("drop", "4", "not needed", "--as", "lee")
        #expect(teammates.stdout.hasSuffix("drop it again with --told\n"), "\(teammates.stdout)")
    }

    /// A tag or project typed or imported as "e" and a combining accent is the composed one: `edit`
    /// says the loop has it, and `list --tag` and `--project` find it.
    @Test func tagsAndProjectsAreOneWhateverTheirUnicodeForm() {
        let own = OwnBinary()
        let decomposed = "cafe\u{301}"
        own.succeeds("add", "Menu", "--tag", decomposed, "--project", decomposed, "--key", "menu")
        #expect(own("edit", "menu", "--tag", "caf\u{E9}", "--project", "caf\u{E9}").stdout.contains("unchanged"))
        #expect(own("list", "--tag", "caf\u{E9}").stdout.contains("Menu"))
        #expect(own("list", "--project", "caf\u{E9}").stdout.contains("Menu"))
        #expect(!own("list", "--tag", "-caf\u{E9}").stdout.contains("Menu"))
        // Typed decomposed with a search, which reads the loops in memory after the ledger's SQL.
        #expect(own("list", "--project", decomposed, "--grep", "Menu").stdout.contains("Menu"))
    }
}
