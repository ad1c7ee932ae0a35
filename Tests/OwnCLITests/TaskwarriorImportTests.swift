import Foundation
import OwnCore
import Testing

/// Runs the real Taskwarrior binary on a private data folder.
private struct Taskwarrior {
    let folder: String

    init(in folder: String) {
        self.folder = folder + "/task"
        try? FileManager.default.createDirectory(atPath: self.folder + "/data", withIntermediateDirectories: true)
        let written = FileManager.default.createFile(
            atPath: self.folder + "/taskrc",
            contents: Data(
                "data.location=\(self.folder)/data\nconfirmation=off\nverbose=nothing\nnews.version=2.6.0\n".utf8
            )
        )
        #expect(written, "cannot write \(self.folder)/taskrc")
    }

    @discardableResult
    func callAsFunction(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["task"] + arguments
        // Taskwarrior 2.6 crashes without HOME.
        process.environment = [
            "TASKRC": folder + "/taskrc", "TASKDATA": folder + "/data", "PATH": "/usr/bin:/bin", "HOME": folder,
        ]
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TaskFailed(
                message: "task \(arguments.joined(separator: " ")): " + String(decoding: problem + data, as: UTF8.self)
            )
        }
        return String(decoding: data, as: UTF8.self)
    }
}

private struct TaskFailed: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

@Suite("Importing a real Taskwarrior 2.6 export")
struct TaskwarriorImportTests {
    /// An export is one JSON array over many lines: a mistake in it is placed by line and column.
    @Test func aBrokenExportIsPlacedByLineAndColumn() {
        let own = OwnBinary()
        let path = own.file("broken.json", "[\n  {\"uuid\": \"a\", \"description\": \"x\"},\n  {\"uuid\": \"b\",}\n]\n")
        let run = own("import", "--from", "taskwarrior", path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("not a Taskwarrior export: "), "\(run.stderr)")
        #expect(run.stderr.contains("(line 3, column 16)"), "\(run.stderr)")
    }

    @Test func tasksBecomeLoopsWithTheirHistory() throws {
        // Taskwarrior dates the tasks by the clock, and reads are as of --now: read as of the clock.
        let own = OwnBinary(now: nil)
        let task = Taskwarrior(in: own.folder)
        try task("add", "Fix the flaky pipeline", "priority:H", "project:infra", "+debt", "due:2026-12-04")
        try task("1", "start")
        try task("1", "annotate", "root cause: shared cache dir")
        try task("add", "Write the runbook", "+docs")
        try task("add", "Follow up on the pipeline", "depends:1")
        try task("2", "done")
        try task("add", "An idea we dropped", "priority:L")
        try task("4", "delete")
        let export = try task("export")
        #expect(export.contains("Fix the flaky pipeline"), "Taskwarrior must be installed (scripts/test installs it)")
        let file = own.file("tasks.json", export)

        var run = own("import", "--from", "taskwarrior", file)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("into 4 loops"))

        run = own("list", "--all", "--json")
        let loops = (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap(\.objectValue)
        let byTitle = Dictionary(uniqueKeysWithValues: loops.map { ($0["title"]?.stringValue ?? "", $0) })
        let pipeline = try #require(byTitle["Fix the flaky pipeline"])
        #expect(pipeline["stakes"] == "high")
        #expect(pipeline["kind"] == "debt")
        #expect(pipeline["state"] == "active")
        #expect(pipeline["due"]?.stringValue?.hasPrefix("2026-12-0") == true)
        #expect(byTitle["Write the runbook"]?["state"] == "done")
        #expect(byTitle["Write the runbook"]?["kind"] == "docs")
        #expect(byTitle["Write the runbook"]?["stakes"] == "routine")
        #expect(byTitle["An idea we dropped"]?["state"] == "dropped")
        #expect(byTitle["An idea we dropped"]?["stakes"] == "low")

        let key = try #require(pipeline["key"]?.stringValue)
        run = own("show", key, "--json")
        let events =
            try JSONParser.parse(run.stdout).objectValue?["events"]?.arrayValue?.compactMap(\.objectValue) ?? []
        // Taskwarrior stamps the start and the note by its clock, in the same second or not: they
        // show in the one fold order every ledger shares, by instant and then by id (docs/events.md).
        #expect(events.map { $0["type"]?.stringValue ?? "" }.sorted() == ["created", "noted", "started"])
        #expect(events.first?["type"] == "created")
        let instants = events.map { $0["at"]?.stringValue ?? "" }
        #expect(instants == instants.sorted(), "\(instants)")
        #expect(events.first?["project"] == "infra")
        #expect(events.first { $0["type"] == "noted" }?["note"] == "root cause: shared cache dir")
        let followUp = try #require(byTitle["Follow up on the pipeline"]?["key"]?.stringValue)
        let followUpEvents = try JSONParser.parse(own("show", followUp, "--json").stdout).objectValue?["events"]?
            .arrayValue
        #expect(followUpEvents?.first?.objectValue?["dependsOn"] == .array([.string(key)]))

        run = own("import", "--from", "taskwarrior", file)
        #expect(run.stdout.hasPrefix("imported 0 events"), "importing the same export again adds nothing")
    }

    /// Tasks go on changing in Taskwarrior: an export imported again brings a rename, a new due date
    /// or priority in as an edit of the loop, once, together with the tasks that are new.
    @Test func aTaskChangedInTaskwarriorComesInAsAnEditWhenImportedAgain() throws {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-000000000001"
        func export(_ description: String, priority: String, more: String = "") -> String {
            #"[{"uuid":"\#(uuid)","description":"\#(description)","entry":"20261120T090000Z","status":"pending","#
                + #""priority":"\#(priority)","tags":["ops"]}\#(more)]"#
        }
        let first = own.file("one.json", export("Write tests", priority: "L"))
        #expect(own("import", "--from", "taskwarrior", first).code == 0)
        let second =
            #",{"uuid":"5f7c1c7e-0000-4000-8000-000000000002","description":"New task","#
            + #""entry":"20261125T090000Z","status":"pending"}"#
        let changed = own.file("two.json", export("Write more tests", priority: "H", more: second))
        let run = own("import", "--from", "taskwarrior", changed)
        #expect(run.code == 0, "\(run.stderr)")
        // The first task's created event is there already; its edit and the new task's created are not.
        #expect(run.stdout == "imported 2 events into 2 loops (1 already present)\n", "\(run.stdout)")
        let shown = try JSONParser.parse(own("show", "tw-" + uuid, "--json").stdout).objectValue ?? [:]
        let loop = shown["loop"]?.objectValue ?? shown
        #expect(loop["title"] == "Write more tests", "\(shown)")
        #expect(loop["stakes"] == "high")
        #expect(own("list", "--all").stdout.contains("New task"))
        let again = own("import", "--from", "taskwarrior", changed)
        // The two tasks' created events (the first task's change is in the loop already).
        #expect(again.stdout == "imported 0 events into 0 loops (2 already present)\n", "\(again.stdout)")
    }

    /// A high-priority task waits for approval: its owner's edit does not lower its stakes, so a lower
    /// priority imported again is left out of the edit, which takes the rest (a team server refuses
    /// an edit that would approve the loop whole: the team kept the old title for good). The import
    /// says so, and what to do: the same export imported once the loop is approved takes it.
    /// Started (Taskwarrior's `start`) it is active, and awaits approval all the same.
    @Test(arguments: [false, true])
    func aLowerPriorityOnALoopAwaitingApprovalIsLeftOutUntilApproved(started: Bool) throws {
        let own = OwnBinary()
        func export(_ priority: String, _ title: String, modified: String) -> String {
            #"[{"uuid":"12345678-1111-4111-8111-111111111111","description":"\#(title)","#
                + (started ? #""start":"20261120T100000Z","# : "")
                + #""entry":"20261120T090000Z","modified":"\#(modified)","status":"pending","priority":"\#(priority)"}]"#
        }
        #expect(
            own(
                "import",
                "--from",
                "taskwarrior",
                own.file("a.json", export("H", "Rotate keys", modified: "20261120T090000Z"))
            )
            .code == 0
        )
        let lower = own.file("b.json", export("L", "Rotate all keys", modified: "20261121T090000Z"))
        let run = own("import", "--from", "taskwarrior", lower)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stderr.contains("its new priority (low stakes) was not taken: the loop awaits approval at high stakes")
                && run.stderr.contains("once someone approves it (`own approve "),
            "\(run.stderr)"
        )
        // Someone else importing the same export adds nothing: their edit would approve the loop.
        let other = own("import", "--from", "taskwarrior", lower, "--as", "bob")
        #expect(other.code == 0 && other.stdout.hasPrefix("imported 0 events"), "\(other.stdout)")
        #expect(other.stderr.contains("was not taken"), "\(other.stderr)")
        func loop() throws -> [String: JSONValue] {
            let shown = try JSONParser.parse(own("show", "1", "--json").stdout).objectValue ?? [:]
            return shown["loop"]?.objectValue ?? shown
        }
        #expect(try loop()["title"] == "Rotate all keys")
        #expect(try loop()["stakes"] == "high")
        let edits = own("export").stdout.split(separator: "\n").filter { $0.contains(#""type":"edited""#) }
        #expect(edits.count == 1 && !edits[0].contains("stakes"), "\(edits)")
        own.succeeds("approve", "1", "--by", "lee")
        let again = own("import", "--from", "taskwarrior", lower)
        #expect(again.code == 0 && !again.stderr.contains("not taken"), "\(again.stderr)")
        #expect(try loop()["stakes"] == "low")
    }

    /// The loop made from a newer export holds the task as of then: an older export imported after
    /// it changes nothing and adds no edit to the history (it put the older title, stakes and due
    /// date back, dated at the task's entry).
    @Test func anOlderExportImportedAfterANewerOneChangesNothing() throws {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-000000000004"
        func export(_ name: String, _ title: String, priority: String, due: String, modified: String) -> String {
            own.file(
                name,
                #"[{"uuid":"\#(uuid)","description":"\#(title)","entry":"20261120T100000Z","status":"pending","#
                    + #""priority":"\#(priority)","due":"\#(due)","modified":"\#(modified)"}]"#
            )
        }
        let newer = export(
            "new.json",
            "New title",
            priority: "L",
            due: "20261220T000000Z",
            modified: "20261122T100000Z"
        )
        let older = export(
            "old.json",
            "Old title",
            priority: "H",
            due: "20261210T000000Z",
            modified: "20261121T100000Z"
        )
        #expect(own("import", "--from", "taskwarrior", newer).code == 0)
        let run = own("import", "--from", "taskwarrior", older)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "imported 0 events into 0 loops (1 already present)\n", "\(run.stdout)")
        let shown = try JSONParser.parse(own("show", "tw-" + uuid, "--json").stdout).objectValue ?? [:]
        let loop = shown["loop"]?.objectValue ?? [:]
        #expect(loop["title"] == "New title", "\(shown)")
        #expect(loop["stakes"] == "low")
        #expect(loop["due"]?.stringValue?.hasPrefix("2026-12-20") == true, "\(shown)")
        let types = shown["events"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue }
        #expect(types == ["created"], "\(shown)")
    }

    /// Edit after edit, each dated when Taskwarrior modified the task: the latest wins, a rename back
    /// to the first title included, and an older export imported after a newer one changes nothing.
    @Test func theLatestChangeInTaskwarriorWins() throws {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-000000000003"
        func export(_ title: String, modified: String) -> String {
            own.file(
                "\(modified).json",
                #"[{"uuid":"\#(uuid)","description":"\#(title)","entry":"20261120T090000Z","status":"pending","#
                    + #""modified":"\#(modified)"}]"#
            )
        }
        func title() throws -> String? {
            let shown = try JSONParser.parse(own("show", "tw-" + uuid, "--json").stdout).objectValue ?? [:]
            return (shown["loop"]?.objectValue ?? shown)["title"]?.stringValue
        }
        let steps = [
            ("Task A", "20261120T090000Z"), ("Task A renamed", "20261121T090000Z"), ("Task A v3", "20261122T090000Z"),
            ("Task A", "20261123T090000Z"), ("Task A v5", "20261124T090000Z"),
        ]
        for (name, modified) in steps {
            let run = own("import", "--from", "taskwarrior", export(name, modified: modified))
            #expect(run.code == 0, "\(run.stderr)")
            let now = try title()
            #expect(now == name, "after \(modified): \(String(describing: now))")
        }
        let older = own("import", "--from", "taskwarrior", export("Task A v3", modified: "20261122T090000Z"))
        #expect(older.stdout.hasPrefix("imported 0 events"), "\(older.stdout)")
        #expect(try title() == "Task A v5")
        // An older export never imported before adds no back-dated edit either.
        let unseen = own("import", "--from", "taskwarrior", export("Task A v4", modified: "20261123T120000Z"))
        #expect(unseen.stdout.hasPrefix("imported 0 events"), "\(unseen.stdout)")
        #expect(try title() == "Task A v5")
    }

    /// A re-import brings what Taskwarrior changed, and only that: what was set with own's commands
    /// stays, and someone else importing the same export adds nothing.
    @Test func aReimportChangesOnlyWhatTaskwarriorChanged() throws {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-000000000009"
        func export(_ title: String, modified: String) -> String {
            own.file(
                "\(modified).json",
                #"[{"uuid":"\#(uuid)","description":"\#(title)","entry":"20261120T090000Z","status":"pending","#
                    + #""priority":"L","modified":"\#(modified)","start":"20261120T100000Z"}]"#
            )
        }
        let first = export("Write tests", modified: "20261120T090000Z")
        #expect(own("import", "--from", "taskwarrior", first).code == 0)
        own.succeeds(
            "edit",
            "tw-" + uuid,
            "--done-when",
            "tests green",
            "--due",
            "2026-12-20",
            "--stakes",
            "critical",
            "--now",
            "2026-11-21T09:00:00Z"
        )
        let renamed = export("Write the tests", modified: "20261122T090000Z")
        #expect(own("import", "--from", "taskwarrior", renamed).stdout.hasPrefix("imported 1 event"))
        let loop = try JSONParser.parse(own("show", "tw-" + uuid, "--json").stdout).objectValue?["loop"]?.objectValue
        #expect(loop?["title"] == "Write the tests")
        #expect(loop?["doneWhen"] == "tests green", "\(String(describing: loop))")
        #expect(loop?["due"]?.stringValue?.hasPrefix("2026-12-20") == true, "\(String(describing: loop))")
        #expect(loop?["stakes"] == "critical")
        let other = own("import", "--from", "taskwarrior", renamed, "--as", "bob")
        #expect(other.code == 0, "\(other.stderr)")
        #expect(other.stdout == "imported 0 events into 0 loops (2 already present)\n", "\(other.stdout)")
    }

    /// A task Taskwarrior last modified before its entry (a clock set back) still takes its changes:
    /// the loop is as of that `modified`, not of the entry.
    @Test func aTaskModifiedBeforeItsEntryStillTakesItsChanges() throws {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-00000000000b"
        func export(_ title: String, modified: String) -> String {
            own.file(
                "\(modified).json",
                #"[{"uuid":"\#(uuid)","description":"\#(title)","entry":"20261120T090000Z","status":"pending","#
                    + #""modified":"\#(modified)"}]"#
            )
        }
        #expect(own("import", "--from", "taskwarrior", export("First", modified: "20261119T090000Z")).code == 0)
        let run = own("import", "--from", "taskwarrior", export("Second", modified: "20261119T100000Z"))
        #expect(run.stdout.hasPrefix("imported 1 event"), "\(run.stdout)\(run.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""title":"Second""#))
        let third = own("import", "--from", "taskwarrior", export("Third", modified: "20261119T110000Z"))
        #expect(third.stdout.hasPrefix("imported 1 event"), "\(third.stdout)\(third.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""title":"Third""#))
        let older = own("import", "--from", "taskwarrior", export("Second", modified: "20261119T100000Z"))
        #expect(older.stdout.hasPrefix("imported 0 events"), "an older export changes nothing: \(older.stdout)")
    }

    /// A start, end or annotation gone from the export since it was imported is refused, saying which
    /// and what to do instead: own keeps history, and a silent import would leave the loop as it was.
    @Test func aStartOrEndRemovedInTaskwarriorIsRefused() {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-00000000000a"
        let started = own.file(
            "a.json",
            #"[{"uuid":"\#(uuid)","description":"Ship","entry":"20261120T090000Z","status":"completed","#
                + #""start":"20261120T100000Z","end":"20261121T100000Z","modified":"20261121T100000Z"}]"#
        )
        #expect(own("import", "--from", "taskwarrior", started).code == 0)
        let reopened = own.file(
            "b.json",
            #"[{"uuid":"\#(uuid)","description":"Ship","entry":"20261120T090000Z","status":"pending","#
                + #""start":"20261120T100000Z","modified":"20261122T100000Z"}]"#
        )
        let run = own("import", "--from", "taskwarrior", reopened)
        #expect(run.code == 2)
        #expect(
            run.stderr.contains("task \(uuid): its completion was removed in Taskwarrior since it was imported")
                && run.stderr.contains("`own reopen tw-\(uuid) REASON`"),
            "\(run.stderr)"
        )
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""state":"done""#))
        // Once own's commands have moved the loop on as the message says, the export is taken.
        own.succeeds("reopen", "tw-" + uuid, "not shipped after all")
        let again = own("import", "--from", "taskwarrior", reopened)
        #expect(again.code == 0, "\(again.stderr)")
        #expect(!own("show", "tw-" + uuid, "--json").stdout.contains(#""state":"done""#))
    }

    /// Taskwarrior takes a task's start away when it completes it: started, then done, the export
    /// comes in as done. A start taken away from a task still pending (`task stop`) is refused.
    @Test func aStartGoneWithTheTasksCompletionIsNoRemoval() {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-00000000000e"
        func export(_ name: String, _ rest: String) -> String {
            own.file(
                name,
                #"[{"uuid":"\#(uuid)","description":"Ship","entry":"20261120T090000Z","# + rest + "}]"
            )
        }
        let started = export("a.json", #""status":"pending","start":"20261120T100000Z","modified":"20261120T100000Z""#)
        #expect(own("import", "--from", "taskwarrior", started).code == 0)
        let stopped = export("b.json", #""status":"pending","modified":"20261121T100000Z""#)
        let refused = own("import", "--from", "taskwarrior", stopped)
        #expect(refused.code == 2 && refused.stderr.contains("its start was removed"), "\(refused.stderr)")
        let done = export("c.json", #""status":"completed","end":"20261122T100000Z","modified":"20261122T100000Z""#)
        let run = own("import", "--from", "taskwarrior", done)
        #expect(run.code == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let shown = own("show", "tw-" + uuid, "--json").stdout
        #expect(shown.contains(#""state":"done""#), "\(shown)")
        #expect(own("import", "--from", "taskwarrior", done).stdout.hasPrefix("imported 0 events"))
    }

    /// Exports taken after each Taskwarrior command, imported in turn and then an older one again: the
    /// older changes nothing (a start or end an import brought dates the task as imported, not only its
    /// `modified` on an edit), and a change made in the second of the import before still comes in.
    @Test func exportsImportedAfterEachCommandKeepTheLatestWhateverComesAgain() throws {
        let own = OwnBinary(now: "2026-12-07T10:00:00Z")
        let uuid = "5f7c1c7e-0000-4000-8000-00000000000f"
        func export(_ name: String, _ rest: String, title: String = "Ship it") -> String {
            own.file(
                name,
                #"[{"uuid":"\#(uuid)","description":"\#(title)","entry":"20261201T100000Z","# + rest + "}]"
            )
        }
        let added = export("d0.json", #""status":"pending","modified":"20261201T100000Z""#)
        let started = export("d1.json", #""status":"pending","start":"20261201T110000Z","modified":"20261201T110000Z""#)
        let done = export("d2.json", #""status":"completed","end":"20261201T120000Z","modified":"20261201T120000Z""#)
        for file in [added, started, done] {
            let run = own("import", "--from", "taskwarrior", file)
            #expect(run.code == 0, "\(file): \(run.stderr)")
        }
        let again = own("import", "--from", "taskwarrior", started)
        #expect(again.code == 0 && again.stdout.hasPrefix("imported 0 events"), "\(again.stdout)\(again.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""state":"done""#))
        // Renamed in the same second as the export imported last: compared, so it comes in.
        let renamed = export(
            "d3.json",
            #""status":"completed","end":"20261201T120000Z","modified":"20261201T120000Z""#,
            title: "Ship it today"
        )
        let run = own("import", "--from", "taskwarrior", renamed)
        #expect(run.code == 0 && run.stdout.hasPrefix("imported 1 event"), "\(run.stdout)\(run.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""title":"Ship it today""#))
        #expect(own("import", "--from", "taskwarrior", renamed).stdout.hasPrefix("imported 0 events"))
    }

    /// `task log … end:` records past work: its end comes before its entry. The loop was created by
    /// then, so the file is taken, and the done keeps its date.
    @Test func aTaskLoggedWithAnEarlierEndIsCreatedByThen() throws {
        let own = OwnBinary(now: "2026-12-07T10:00:00Z")
        let uuid = "5f7c1c7e-0000-4000-8000-000000000010"
        let logged = own.file(
            "log.json",
            #"[{"uuid":"\#(uuid)","description":"Did it last week","entry":"20261206T160000Z","#
                + #""status":"completed","end":"20261129T100000Z","modified":"20261206T160000Z"}]"#
        )
        let run = own("import", "--from", "taskwarrior", logged)
        #expect(run.code == 0, "\(run.stderr)")
        let shown = try #require(try JSONParser.parse(own("show", "tw-" + uuid, "--json").stdout).objectValue)
        let events = (shown["events"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(events.map { $0["type"] } == ["created", "done"])
        #expect(events.map { $0["at"] } == ["2026-11-29T10:00:00Z", "2026-11-29T10:00:00Z"])
        #expect(own("import", "--from", "taskwarrior", logged).stdout.hasPrefix("imported 0 events"))
    }

    /// An older export, from before the task was done, imported after the newer one: no removal of
    /// the completion to refuse (it would have the loop reopened), nothing changed, nothing said.
    @Test func anOlderExportIsNoRemovalOfWhatANewerOneBrought() {
        let own = OwnBinary()
        let uuid = "5f7c1c7e-0000-4000-8000-00000000000d"
        let done = own.file(
            "tue.json",
            #"[{"uuid":"\#(uuid)","description":"Ship it","entry":"20261120T090000Z","status":"completed","#
                + #""end":"20261121T170000Z","modified":"20261121T170000Z","#
                + #""annotations":[{"entry":"20261121T100000Z","description":"tested"}]}]"#
        )
        let pending = own.file(
            "mon.json",
            #"[{"uuid":"\#(uuid)","description":"Ship it","entry":"20261120T090000Z","status":"pending","#
                + #""modified":"20261120T090000Z"}]"#
        )
        #expect(own("import", "--from", "taskwarrior", done).code == 0)
        let run = own("import", "--from", "taskwarrior", pending)
        #expect(run.code == 0 && run.stderr.isEmpty, "\(run.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""state":"done""#))
    }

    /// What Taskwarrior users do every day comes in again: stopped and started (the first start
    /// stands), done after being taken back (one more done), the first of two annotations removed
    /// (the other is matched by its time and text), a completed task deleted (dropped).
    @Test func restartsRedoneTasksRemovedAnnotationsAndDeletionsImportAgain() {
        let own = OwnBinary()
        /// Imports a one-task export: the task `uuid` with `rest` (its members after `entry`).
        func importing(_ name: String, _ uuid: String, _ rest: String) -> Run {
            let file = own.file(name, #"[{"uuid":"\#(uuid)","description":"T","entry":"20261120T090000Z","\#(rest)"}]"#)
            return own("import", "--from", "taskwarrior", file)
        }
        let timed = "5f7c1c7e-0000-4000-8000-0000000000e1"
        #expect(
            importing("s1.json", timed, #"start":"20261120T100000Z","modified":"20261120T100000Z","status":"pending"#)
                .code == 0
        )
        let restart = importing(
            "s2.json",
            timed,
            #"start":"20261121T100000Z","modified":"20261121T100000Z","status":"pending"#
        )
        #expect(restart.code == 0, "\(restart.stderr)")
        let redone = "5f7c1c7e-0000-4000-8000-0000000000e2"
        #expect(
            importing("r1.json", redone, #"end":"20261120T120000Z","modified":"20261120T120000Z","status":"completed"#)
                .code == 0
        )
        own.succeeds("reopen", "tw-" + redone, "undone in Taskwarrior", "--now", "2026-11-20T13:00:00Z")
        let done = #"end":"20261121T120000Z","modified":"20261121T120000Z","status":"completed"#
        #expect(importing("r3.json", redone, done).code == 0)
        #expect(own("show", "tw-" + redone, "--json").stdout.contains(#""state":"done""#))
        #expect(
            importing("r3.json", redone, done).stdout.hasPrefix("imported 0 events"),
            "the same export adds nothing"
        )
        let notes = "5f7c1c7e-0000-4000-8000-0000000000e3"
        let both =
            #"annotations":[{"entry":"20261120T100000Z","description":"alpha"},{"entry":"20261120T100001Z","description":"beta"}],"modified":"20261120T100001Z","status":"pending"#
        #expect(importing("a1.json", notes, both).code == 0)
        let one =
            #"annotations":[{"entry":"20261120T100001Z","description":"beta"}],"modified":"20261121T090000Z","status":"pending"#
        let denotated = importing("a2.json", notes, one)
        #expect(
            denotated.code == 0 && denotated.stdout.hasPrefix("imported 0 events"),
            "\(denotated.stdout)\(denotated.stderr)"
        )
        #expect(denotated.stderr.contains("annotation 1 is no longer in Taskwarrior"), "\(denotated.stderr)")
        // One annotation in another's place: the new one is a note, and the one gone said.
        let other =
            #"annotations":[{"entry":"20261122T090000Z","description":"gamma"}],"modified":"20261122T090000Z","status":"pending"#
        let replaced = importing("a3.json", notes, other)
        #expect(
            replaced.code == 0 && replaced.stdout.hasPrefix("imported 1 event"),
            "\(replaced.stdout)\(replaced.stderr)"
        )
        #expect(replaced.stderr.contains("annotation 1 is no longer in Taskwarrior"), "\(replaced.stderr)")
        #expect(own("show", "tw-" + notes).stdout.contains("gamma"))
        let deleted = "5f7c1c7e-0000-4000-8000-0000000000e4"
        #expect(
            importing("d1.json", deleted, #"end":"20261120T120000Z","modified":"20261120T120000Z","status":"completed"#)
                .code == 0
        )
        let gone = importing(
            "d2.json",
            deleted,
            #"end":"20261120T120000Z","modified":"20261121T090000Z","status":"deleted"#
        )
        #expect(gone.code == 0, "\(gone.stderr)")
        #expect(own("show", "tw-" + deleted, "--json").stdout.contains(#""state":"dropped""#))
    }

    /// A task done, taken back and done again, imported by one person and then by another from the
    /// same export: the second adds nothing. The done again was named after its line, `by` included:
    /// for anyone else it was another event, so the stored one read as a completion removed in
    /// Taskwarrior (refused, with advice to reopen a done loop), or, on a loop reopened since, the
    /// export's completion came in twice.
    @Test func someoneElseImportingTheSameExportOfARedoneTaskAddsNothing() {
        let own = OwnBinary(now: "2026-12-07T10:00:00Z")
        let uuid = "5f7c1c7e-0000-4000-8000-0000000000f1"
        func export(_ name: String, end: String) -> String {
            own.file(
                name,
                #"[{"uuid":"\#(uuid)","description":"T","entry":"20261120T090000Z","status":"completed","#
                    + #""end":"\#(end)","modified":"\#(end)"}]"#
            )
        }
        let first = export("first.json", end: "20261201T100000Z")
        let again = export("again.json", end: "20261202T100000Z")
        own.succeeds("import", "--from", "taskwarrior", first)
        own.succeeds("reopen", "tw-" + uuid, "undone in Taskwarrior", "--now", "2026-12-01T11:00:00Z")
        own.succeeds("import", "--from", "taskwarrior", again)
        let lee = own("import", "--from", "taskwarrior", again, environment: ["OWN_USER": "lee"])
        #expect(lee.code == 0 && lee.stdout.hasPrefix("imported 0 events"), "\(lee.stdout)\(lee.stderr)")
        // Reopened since: the export's completion is the one held, not one more.
        own.succeeds("reopen", "tw-" + uuid, "not yet", "--now", "2026-12-02T11:00:00Z")
        let reopened = own("import", "--from", "taskwarrior", again, environment: ["OWN_USER": "lee"])
        #expect(reopened.stdout.hasPrefix("imported 0 events"), "\(reopened.stdout)\(reopened.stderr)")
        let history = own("show", "tw-" + uuid, "--json").stdout
        #expect(history.components(separatedBy: #""type":"done""#).count - 1 == 2, "\(history)")
        // Named by the task's uuid, as Taskwarrior names it: its key is said.
        let byUUID = own("show", String(uuid.prefix(8)))
        #expect(byUUID.code == 2 && byUUID.stderr.contains("`own show tw-\(uuid)`"), "\(byUUID.stderr)")
    }

    /// A completed task deleted since: Taskwarrior keeps the completion's end, so the drop is dated
    /// then, and an export from before the deletion read as newer than the task as imported (its
    /// deletion "removed", with advice to reopen a task still deleted). Either way round, the older
    /// export changes nothing.
    @Test func anExportFromBeforeADeletionChangesNothing() {
        let own = OwnBinary(now: "2026-12-07T10:00:00Z")
        let uuid = "5f7c1c7e-0000-4000-8000-0000000000f2"
        let common = #"[{"uuid":"\#(uuid)","description":"T","entry":"20261120T090000Z","end":"20261202T100000Z","#
        let completed = own.file("completed.json", common + #""status":"completed","modified":"20261202T100000Z"}]"#)
        let deleted = own.file("deleted.json", common + #""status":"deleted","modified":"20261205T100000Z"}]"#)
        own.succeeds("import", "--from", "taskwarrior", completed)
        own.succeeds("import", "--from", "taskwarrior", deleted)
        let older = own("import", "--from", "taskwarrior", completed)
        #expect(older.code == 0 && older.stdout.hasPrefix("imported 0 events"), "\(older.stdout)\(older.stderr)")
        #expect(own("show", "tw-" + uuid, "--json").stdout.contains(#""state":"dropped""#))
        // The newer export first, into another ledger: the older one adds no completion.
        let other = own.folder + "/other.sqlite"
        own.succeeds("import", "--from", "taskwarrior", deleted, "--db", other)
        let first = own("import", "--from", "taskwarrior", completed, "--db", other)
        #expect(first.code == 0 && first.stdout.hasPrefix("imported 0 events"), "\(first.stdout)\(first.stderr)")
        #expect(!own("show", "tw-" + uuid, "--json", "--db", other).stdout.contains(#""type":"done""#))
    }

    /// What no loop keeps is said, so a migration loses nothing unawares: user-defined attributes,
    /// and priorities other than H, M and L (read as routine).
    @Test func whatAnImportLeavesBehindIsSaid() {
        let own = OwnBinary()
        let task =
            #"[{"uuid":"u9","description":"X","entry":"20261101T090000Z","status":"pending","jira":"WEB-1","#
            + #""estimate":3,"priority":"h","urgency":3.2,"id":4}]"#
        let run = own("import", "--from", "taskwarrior", own.file("u.json", task))
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("not imported, as no loop keeps them: estimate, jira"), "\(run.stderr)")
        #expect(run.stderr.contains("priority h read as routine stakes"), "\(run.stderr)")
        #expect(!run.stderr.contains("urgency"), "what Taskwarrior computes is no loss: \(run.stderr)")
        // Members in a shape Taskwarrior never writes are left out, and said, not dropped unawares.
        let odd =
            #"[{"uuid":"u8","description":"Y","entry":"20261101T090000Z","status":"pending","priority":1,"#
            + #""project":5,"tags":"bug","depends":5,"annotations":"x"}]"#
        let shapes = own("import", "--from", "taskwarrior", own.file("o.json", odd))
        #expect(shapes.code == 0, "\(shapes.stderr)")
        #expect(
            shapes.stderr.contains(
                "not imported, as their values are not what Taskwarrior writes: annotations, depends, priority, project, tags"
            ),
            "\(shapes.stderr)"
        )
    }

    /// A recurring task's template is no loop, also once deleted to end the recurrence; a uuid given
    /// twice in one file (two exports run together) is said as such.
    @Test func aDeletedTemplateIsNoLoopAndAUuidTwiceIsSaid() {
        let own = OwnBinary()
        let template = own.file(
            "t.json",
            #"[{"uuid":"88888888-0000-4000-8000-000000000000","description":"Weekly report","#
                + #""entry":"20261101T090000Z","end":"20261120T090000Z","modified":"20261120T090000Z","#
                + #""due":"20261102T170000Z","recur":"weekly","status":"deleted"}]"#
        )
        let skipped = own("import", "--from", "taskwarrior", template)
        #expect(
            skipped.code == 0 && skipped.stdout.hasPrefix("imported 0 events"),
            "\(skipped.stdout)\(skipped.stderr)"
        )
        #expect(!own("list", "--all").stdout.contains("Weekly report"))
        let task =
            #"{"uuid":"00000000-0000-4000-8000-000000000001","description":"Dup","entry":"20261101T090000Z","#
            + #""status":"pending","modified":"20261101T090000Z"}"#
        let twice = own("import", "--from", "taskwarrior", own.file("d.json", "[" + task + "," + task + "]"))
        #expect(twice.code == 2)
        #expect(
            twice.stderr.contains(
                "uuid 00000000-0000-4000-8000-000000000001 is given twice (the file's tasks 1 and 2)"
            ),
            "\(twice.stderr)"
        )
    }

    /// What a Taskwarrior import records is held to what a line of JSON Lines is: an export of the
    /// ledger imports back. A file that is not UTF-8 is refused, not repaired.
    @Test func aTaskThatNoLineCouldHoldIsRefused() {
        let own = OwnBinary()
        for (name, task, says) in [
            ("nul", #"{"uuid":"a\u0000b","description":"x","entry":"20261120T090000Z","status":"pending"}"#, "NUL"),
            ("old", #"{"uuid":"c","description":"x","entry":"19600101T000000Z","status":"pending"}"#, "1970"),
            (
                "far",
                #"{"uuid":"f","description":"x","entry":"20261120T090000Z","status":"pending","due":"50001231T000000Z"}"#,
                #"task f: "due" 50001231T000000Z is outside the years 1970 to 3999, which own keeps; change it in Taskwarrior"#
            ),
            (
                "long",
                #"{"uuid":"\#(String(repeating: "u", count: 300))","description":"x","entry":"20261120T090000Z"}"#,
                "200"
            ),
        ] {
            let run = own("import", "--from", "taskwarrior", own.file(name + ".json", "[" + task + "]"))
            #expect(run.code == 2, "\(name)")
            #expect(run.stderr.contains(says) && run.stderr.contains("nothing was imported"), "\(name): \(run.stderr)")
        }
        let early = own.file(
            "early.json",
            #"[{"uuid":"e","description":"x","entry":"20261120T090000Z","status":"pending","#
                + #""annotations":[{"entry":"20261119T090000Z","description":"before"}]}]"#
        )
        let dated = own("import", "--from", "taskwarrior", early)
        #expect(dated.code == 2)
        #expect(
            dated.stderr.contains(
                "early.json: task e: its annotation \"before\", dated 2026-11-19T09:00:00Z, is before the task's entry"
            ),
            "\(dated.stderr)"
        )
        #expect(!dated.stderr.contains("check its"), "\(dated.stderr)")
        let latin = own.folder + "/latin.json"
        let written = FileManager.default.createFile(
            atPath: latin,
            contents: Data(#"[{"uuid":"d","description":"caf"#.utf8) + Data([0xE9])
                + Data(#"","entry":"20261120T090000Z","status":"pending"}]"#.utf8)
        )
        #expect(written, "cannot write \(latin)")
        let run = own("import", "--from", "taskwarrior", latin)
        #expect(run.code == 2)
        #expect(run.stderr.contains("is not valid UTF-8"), "\(run.stderr)")
        #expect(own("list", "--all").stdout.contains("no loops"))
    }

    @Test func aBrokenExportIsRefusedWhole() {
        let own = OwnBinary()
        let file = own.file(
            "tasks.json",
            #"[{"uuid":"a","description":"ok","entry":"20261120T090000Z","status":"pending"},{"uuid":"b","entry":"nope"}]"#
        )
        let run = own("import", "--from", "taskwarrior", file)
        #expect(run.code == 2)
        #expect(run.stderr.contains("task b: a task needs a description"), "\(run.stderr)")
        #expect(own("list", "--all").stdout.contains("no loops"))
    }

    /// Taskwarrior's `due:later` and `wait:someday` are 9999-12-30: no due date, said; and the dates
    /// own only keeps (`wait`, `scheduled`, `until`) are kept whatever their year.
    @Test func laterAndSomedayDatesAreTaken() throws {
        let own = OwnBinary()
        let file = own.file(
            "later.json",
            #"[{"uuid":"l","description":"Later","entry":"20261120T090000Z","status":"pending","#
                + #""due":"99991230T000000Z","wait":"99991229T230000Z","scheduled":"99991230T000000Z"}]"#
        )
        let run = own("import", "--from", "taskwarrior", file)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stderr.contains("1 task is due later or someday (9999-12-30) in Taskwarrior"), "\(run.stderr)")
        let shown = try JSONParser.parse(own("show", "tw-l", "--json").stdout).objectValue ?? [:]
        let loop = shown["loop"]?.objectValue ?? shown
        #expect(loop["due"] == nil || loop["due"] == .null, "\(loop)")
        #expect(own("export").stdout.contains(#""wait":"9999-12-29T23:00:00Z""#))
        // The export imports back.
        let again = OwnBinary()
        #expect(again("import", again.file("x.jsonl", own("export").stdout)).code == 0)
    }

    /// An export of own's read as Taskwarrior's: the refusal says what the file is.
    @Test func anOwnExportReadAsTaskwarriorsSaysWhatItIs() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        let file = own.file("export.jsonl", own("export").stdout)
        let run = own("import", "--from", "taskwarrior", file)
        #expect(run.code == 2, "\(run.stderr)")
        #expect(
            run.stderr.contains("this is an own event: import the file without --from taskwarrior"),
            "\(run.stderr)"
        )
    }
}
