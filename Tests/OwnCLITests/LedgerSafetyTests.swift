import Foundation
import OwnCore
import Synchronization
import Testing

@Suite("Nothing a person types can damage a ledger")
struct LedgerSafetyTests {
    @Test(arguments: [
        ("", "cannot be empty"), ("5", "loop number"), ("#5", "loop number"), ("a\u{1B}[2Jb", "control"),
        ("two\nlines", "control"), ("   ", "only spaces"), (String(repeating: "k", count: 201), "at most 200"),
    ])
    func aKeyThatWouldBreakTheLedgerIsRefused(key: String, reason: String) {
        let own = OwnBinary()
        #expect(own("add", "First").code == 0)
        let run = own("add", "Second", "--key", key)
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("own: the key ") && run.stderr.contains(reason), "\(run.stderr)")
        #expect(!run.stderr.contains("\u{1B}"), "the refused key is shown escaped")
        for command in ["standup", "weekly", "doctor", "list"] {
            #expect(own(command).code == 0, "\(command) still reads the ledger")
        }
        #expect(own("export").stdout.split(separator: "\n").count == 1, "nothing was recorded")
    }

    @Test func aKeyWithLettersStillNamesItsLoopAndNumbersNameTheirs() {
        let own = OwnBinary()
        for title in ["one", "two", "three", "four", "five"] { #expect(own("add", title).code == 0) }
        #expect(own("add", "Keyed", "--key", "deploy-5").code == 0)
        #expect(own("done", "5").code == 0)
        #expect(own("show", "5", "--json").stdout.contains("\"title\":\"five\""))
        #expect(own("show", "deploy-5", "--json").stdout.contains("\"state\":\"open\""))
    }

    @Test func anExportOfAnEmptyKeyLedgerCannotExistAndEveryExportImportsBack() {
        let own = OwnBinary()
        #expect(own("add", "Keyed", "--key", "k-1").code == 0)
        #expect(own("note", "k-1", "progress").code == 0)
        let exported = own("export").stdout
        let other = OwnBinary()
        #expect(other("import", other.file("back.jsonl", exported)).code == 0)
        #expect(other("export").stdout == exported)
    }

    @Test(arguments: ["export", "ics"], ["", "-wal", "-journal", "-shm"])
    func aCommandWritingAFileRefusesTheLedgerOrItsLogs(command: String, suffix: String) throws {
        let own = OwnBinary()
        #expect(own("add", "Precious", "--due", "2026-12-01").code == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: own.ledger))
        let run = own(command, "-o", own.ledger + suffix)
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stderr.contains("is the ledger itself"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: own.ledger)) == before)
        #expect(own("list").stdout.contains("Precious"))
    }

    @Test func exportRefusesTheLedgerThroughALinkOrARelativePath() throws {
        let own = OwnBinary()
        #expect(own("add", "Precious").code == 0)
        try FileManager.default.createSymbolicLink(atPath: own.folder + "/alias", withDestinationPath: own.ledger)
        #expect(own("export", "-o", own.folder + "/alias").code == 2)
        #expect(link(own.ledger, own.folder + "/hard") == 0)
        #expect(own("export", "-o", own.folder + "/hard").code == 2)
        let relative = own.shell("cd \"$(dirname \"$OWN_DB\")\" && \"$OWN\" export -o ./ledger.sqlite")
        #expect(relative.code == 2, "\(relative.stderr)")
        #expect(own("list").stdout.contains("Precious"))
        #expect(own("export", "-o", own.folder + "/fine.jsonl").code == 0)
    }

    /// Every command that takes text refuses blank text the same way, and records nothing.
    @Test(arguments: [
        ["add", " \n "], ["add", "x", "--owner", "  "], ["add", "x", "--done-when", "\n"],
        ["edit", "1", "--title", "  "],
        ["note", "1", " "], ["block", "1", "\n\n"], ["risk", "1", "  "], ["scope", "1", " "],
        ["ask", "1", "--from", " "], ["handoff", "1", "--to", "  "], ["add", "x", "--as", " "],
        ["list", "--as", " "], ["add", "x", "--tag", "  "], ["add", "x", "--affects", " "],
        ["risk", "1", "late", "--told", " "], ["decline", "  "], ["decline", "x", "--reason", " "],
    ])
    func blankTextIsRefusedEverywhere(arguments: [String]) {
        let own = OwnBinary()
        #expect(own("add", "Existing").code == 0)
        let before = own("export").stdout
        let run = own.run(arguments)
        #expect(run.code == 2, "\(arguments): \(run.stderr)")
        #expect(run.stderr.contains("is blank"), "\(arguments): \(run.stderr)")
        #expect(own("export").stdout == before)
    }

    @Test func ledgerTextCannotActOnATerminalOrAReport() throws {
        let own = OwnBinary()
        let title = "Fix \u{1B}]0;pwned\u{07}login\u{1B}[2J\n## Injected heading\n| row | row |"
        #expect(own("add", title, "--stakes", "high", "--due", "2026-11-20", "--affects", "team").code == 0)
        #expect(own("note", "1", "ok\u{1B}[31m red").code == 0)
        for arguments in [
            ["list"], ["show", "1"], ["standup"], ["standup", "--format", "md"], ["doctor"],
            ["doctor", "--format", "md"],
            ["weekly", "--format", "md"],
        ] {
            let run = own.run(arguments)
            #expect(run.code == 0 || run.code == 1, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "\(arguments)")
            #expect(!run.stdout.contains("\n## Injected"), "\(arguments): a title cannot add a heading")
            #expect(!run.stdout.contains("\n| row"), "\(arguments): a title cannot add a row")
        }
        #expect(own("show", "1").stdout.contains("Fix \\e]0;pwned\\u{7}login\\e[2J\\n## Injected heading"))
        let json = try JSONParser.parse(own("show", "1", "--json").stdout)
        #expect(json.objectValue?["loop"]?.objectValue?["title"]?.stringValue == title, "the data itself is kept")
    }

    /// The confirmation a command prints quotes a title, a note, a reason or a name as the listings
    /// do: escaped, whoever wrote it (here a title another ledger brought in by import).
    @Test func aConfirmationCannotActOnATerminal() {
        let own = OwnBinary()
        let hostile = "\u{1B}]0;pwned\u{07} \u{1B}[2J\nline\ttab"
        let created =
            #"{"id": "e-1", "loop": "imp-1", "at": "2026-11-20T09:00:00Z", "by": "lee", "type": "created", "#
            + #""title": "from lee \u001b]0;pwned\u0007 \u001b[2J", "owner": "ana", "stakes": "low"}"#
        #expect(own("import", own.file("hostile.jsonl", created + "\n")).code == 0)
        let steps: [[String]] = [
            ["add", "evil" + hostile], ["start", "imp-1"], ["note", "imp-1", hostile], ["risk", "imp-1", hostile],
            ["scope", "imp-1", hostile], ["block", "imp-1", hostile], ["ask", "imp-1", "--from", "lee", hostile],
            ["unblock", "imp-1"], ["guard", "imp-1", hostile], ["done", "imp-1", "--outcome", hostile],
            ["reopen", "imp-1", hostile], ["drop", "imp-1", hostile], ["decline", "work" + hostile],
            ["decline", "--list"], ["add", "planned" + hostile, "--project", "p"], ["project", "show", "p"], ["record"],
        ]
        for step in steps {
            let run = own.run(step)
            #expect(run.code == 0, "\(step): \(run.stderr)")
            #expect(!run.stdout.contains("\u{1B}") && !run.stdout.contains("\u{07}"), "\(step): \(run.stdout)")
            #expect(!run.stdout.contains("\t"), "\(step): \(run.stdout)")
        }
        #expect(own("start", "2").stdout == "#2 active: evil\\e]0;pwned\\u{7} \\e[2J\\nline\\ttab\n")
        // Whom help was asked from is a name: one with control characters is no one's, refused.
        let named = own("ask", "imp-1", "--from", "lee" + hostile)
        #expect(named.code == 2 && named.stderr.contains("holds a control character"), "\(named.stderr)")
    }

    @Test func showAlignsEveryLabel() {
        let own = OwnBinary()
        #expect(own("add", "Pay", "--if-it-fails", "orders cannot be paid", "--ux", "buyers").code == 0)
        let lines = own("show", "1").stdout.split(separator: "\n").dropFirst().prefix { $0 != "history:" }
        #expect(lines.contains("  if it fails: orders cannot be paid"))
        let starts = Set(
            lines.compactMap { line -> Int? in
                guard let colon = line.firstIndex(of: ":") else { return nil }
                let after = line[line.index(after: colon)...]
                return line.distance(from: line.startIndex, to: colon) + 1 + after.prefix { $0 == " " }.count
            }
        )
        #expect(starts.count == 1, "every value starts in the same column: \(lines)")
    }

    @Test func aCommandThatChangesNothingRecordsNothing() {
        let own = OwnBinary()
        #expect(own("add", "Same", "--due", "2026-12-04", "--stakes", "low").code == 0)
        let before = own("export").stdout
        var run = own("edit", "1", "--title", "Same", "--stakes", "low")
        #expect(run.code == 0 && run.stdout.contains("unchanged"), "\(run.stdout)\(run.stderr)")
        run = own("due", "1", "2026-12-04")
        #expect(run.code == 0 && run.stdout.contains("already due"), "\(run.stdout)\(run.stderr)")
        #expect(own("export").stdout == before)
        run = own("edit", "1", "--title", "Same", "--stakes", "medium")
        #expect(run.stdout.contains("edited: stakes"), "only the field that changes is recorded")

        #expect(own("weekly", "--mark").code == 0)
        let marked = own("export").stdout
        #expect(marked.contains("\"reported\""))
        #expect(own("weekly", "--mark").code == 0)
        #expect(own("export").stdout == marked, "marking the same weekly twice records nothing")
    }

    /// A failed command, and a command that only reads a --db (or OWN_DB) that is not there, leave no
    /// ledger behind: a mistyped path made an empty one, which the read then showed as "no open loops"
    /// (a read of a mistyped --db is refused).
    @Test func aFailedImportOrAReadOfAMistypedLedgerMakesNoLedger() {
        let own = OwnBinary()
        let typo = own.folder + "/typo.sqlite"
        for arguments in [
            ["import", own.folder + "/nofile.jsonl"], ["list"], ["export"], ["doctor"], ["show", "1"],
            ["standup"], ["weekly", "--owner", "all"], ["project", "list"], ["project", "show", "billing"],
            ["decline", "--list"], ["notice", "1"],
        ] {
            let run = own.run(arguments + ["--db", typo])
            #expect(run.code == 2, "\(arguments): \(run.stderr)")
            #expect(
                arguments[0] == "import" || run.stderr.contains("no ledger at \(typo); check --db"),
                "\(run.stderr)"
            )
            for suffix in ["", "-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: typo + suffix), "\(arguments) made \(typo)\(suffix)")
            }
        }
        // OWN_DB is as easily mistyped: a read finds nothing there, and makes nothing.
        let read = own.run(["list"], environment: ["OWN_DB": typo])
        #expect(read.code == 0 && read.stdout.hasPrefix("no open loops"), "\(read.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
        // A command that would record but fails leaves none either (a failed command changes nothing).
        for arguments in [["start", "1"], ["add", ""], ["note", "1", "x"], ["edit", "1", "--title", "x"]] {
            #expect(own.run(arguments + ["--db", typo]).code == 2, "\(arguments)")
            #expect(own.run(arguments, environment: ["OWN_DB": typo]).code == 2, "\(arguments)")
            for suffix in ["", "-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: typo + suffix), "\(arguments) made \(typo)\(suffix)")
            }
        }
        // A command that records starts the ledger there, and reads find it then.
        #expect(own.run(["add", "First", "--db", typo]).code == 0)
        #expect(own.run(["list", "--db", typo]).stdout.contains("First"))
    }

    /// A ledger in a folder that is not there, or a folder given as the ledger, is the person's to
    /// fix: exit 2 and one line, from every command, the tour's too (it was exit 3, "check that the
    /// folder exists", from some).
    /// A journal mode change that SQLite refused at once, while the other command held the new file,
    /// failed one of the two ("stayed busy") 14 times in 60, and could leave the file without its WAL.
    @Test func twoCommandsMakingOneNewLedgerAtOnceBothWriteTheirLoop() {
        for _ in 0..<20 {
            let own = OwnBinary()
            let runs = Mutex<[Run]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                let run = own("add", "Loop \(index)", "--done-when", "it is done")
                runs.withLock { $0.append(run) }
            }
            for run in runs.withLock({ $0 }) { #expect(run.code == 0, "\(run.stderr)") }
            #expect(own("list", "--json").stdout.components(separatedBy: "\"title\"").count == 3)
            #expect(own("export").stdout.split(separator: "\n").count == 2)
        }
    }

    @Test func aLedgerInNoFolderOrAFolderIsAnInputError() {
        let own = OwnBinary()
        let nowhere = own.folder + "/no-such-folder/ledger.sqlite"
        for arguments in [["add", "First"], ["import", own.file("e.jsonl", "")], ["tour"], ["list"]] {
            let missing = own.run(arguments + ["--db", nowhere])
            #expect(missing.code == 2, "\(arguments): \(missing.stderr)")
            #expect(
                missing.stderr.contains("there is no folder \(own.folder)/no-such-folder; make it"),
                "\(missing.stderr)"
            )
            let folder = own.run(arguments + ["--db", own.folder])
            #expect(folder.code == 2, "\(arguments): \(folder.stderr)")
            #expect(folder.stderr.contains("is a folder; name the ledger file in it"), "\(folder.stderr)")
        }
    }

    /// SQLite opens `led/` as the file `led`, which every check missed: the tour wrote into a ledger it
    /// refuses, a read found it empty, a failed command left a ledger behind. Refused, as --db and OWN_DB.
    @Test func aLedgerPathEndingInASlashIsRefused() {
        let own = OwnBinary()
        own.succeeds("add", "My real work")
        for arguments in [["tour"], ["list"], ["start", "9"], ["add", "x"]] {
            // (The tour reads no OWN_DB: without --db it runs on a scratch ledger of its own.)
            let environment =
                arguments == ["tour"] ? [] : [own.run(arguments, environment: ["OWN_DB": own.ledger + "/"])]
            for run in [own.run(arguments + ["--db", own.ledger + "/"])] + environment {
                #expect(
                    run.code == 2 && run.stderr.contains("ends in /: a ledger is a file"),
                    "\(arguments): \(run.stderr)"
                )
            }
        }
        #expect(own("export").stdout.split(separator: "\n").count == 1, "the ledger is as it was")
    }
}

/// A ledger its reader can write neither nor beside (a backup, a colleague's copy) is read; every
/// write is refused as read-only. As root (CI) the reads run as `nobody`, for whom the modes count.
@Suite("A read-only ledger")
struct ReadOnlyLedgerTests {
    @Test func aLedgerNobodyMayWriteIsListedShownAndExportedButNotWritten() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        own.succeeds("note", "1", "halfway")
        // A copy of the file alone, as a backup takes it: without the WAL, which holds the header's stamp.
        let (folder, copy) = try own.copyOfLedger(in: "readonly")
        let binary = own.folder + "/own-copy"
        try FileManager.default.copyItem(atPath: OwnBinary.executable, toPath: binary)
        for (path, mode) in [(copy, 0o444), (folder, 0o555), (own.folder, 0o755), (binary, 0o755)] {
            #expect(chmod(path, mode_t(mode)) == 0)
        }
        defer { chmod(folder, 0o755) }
        func run(_ arguments: String...) -> Run {
            getuid() == 0
                ? own.run(
                    ["--reuid=65534", "--regid=65534", "--clear-groups", binary] + arguments + ["--db", copy],
                    executable: "/usr/bin/setpriv"
                )
                : own.run(arguments + ["--db", copy], executable: binary)
        }
        let list = run("list")
        #expect(list.code == 0, "\(list.stderr)")
        #expect(list.stdout.contains("Rotate the keys"))
        #expect(run("show", "1").stdout.contains("halfway"))
        #expect(run("export").stdout.split(separator: "\n").count == 2)
        let write = run("note", "1", "more")
        #expect(write.code == 3)
        #expect(write.stderr.contains("is read-only for you; nothing was written"), "\(write.stderr)")
        // A file they may write, in that folder: read all the same (SQLite could make no WAL beside it,
        // and every read was refused as read-only).
        #expect(chmod(copy, 0o666) == 0)
        let writable = run("list")
        #expect(writable.code == 0 && writable.stdout.contains("Rotate the keys"), "\(writable.stderr)")
        #expect(run("note", "1", "more").code == 3)
    }
}

/// A ledger or a server store this user may not read (one root made, opened by a service's user) is
/// said so: it was "check that the folder exists and is writable" of a folder that was (found by an
/// audit). As root (CI) the commands run as `nobody`.
@Suite("A ledger this user may not read")
struct UnreadableLedgerTests {
    @Test func aFileThisUserMayNotReadIsSaidSoNotItsFolder() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        let (folder, copy) = try own.copyOfLedger(in: "shared")
        let bin = own.folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let sibling = URL(fileURLWithPath: OwnBinary.executable).deletingLastPathComponent().path + "/own-server"
        for name in ["own", "own-server"] {
            try FileManager.default.copyItem(
                atPath: name == "own" ? OwnBinary.executable : sibling,
                toPath: bin + "/" + name
            )
        }
        let root = getuid() == 0
        for (path, mode) in [(copy, root ? 0o600 : 0o000), (folder, 0o777), (own.folder, 0o755), (bin, 0o755)] {
            #expect(chmod(path, mode_t(mode)) == 0)
        }
        defer { chmod(copy, 0o600) }
        func run(_ arguments: [String]) -> Run {
            root
                ? own.run(
                    ["--reuid=65534", "--regid=65534", "--clear-groups", bin + "/own"] + arguments + ["--db", copy],
                    executable: "/usr/bin/setpriv"
                )
                : own.run(arguments + ["--db", copy], executable: bin + "/own")
        }
        for command in [["list"], ["server", "team", "list"]] {
            let refused = run(command)
            #expect(refused.code == 3, "\(command): \(refused.stderr)")
            #expect(
                refused.stderr.contains(
                    "\(copy): this user may not read the file (permission denied); run as its owner, or give this "
                        + "user read and write access to it"
                ),
                "\(command): \(refused.stderr)"
            )
        }
    }
}

@Suite("Taskwarrior re-imports")
struct TaskwarriorReimportTests {
    @Test func aTaskRenamedInTaskwarriorIsAnEditAndAChangedAnnotationIsOneMoreNote() {
        let own = OwnBinary()
        let first =
            #"[{"uuid":"u1","description":"Old name","entry":"20261101T090000Z","status":"pending","#
            + #""annotations":[{"entry":"20261102T090000Z","description":"first note"}]}]"#
        #expect(own("import", "--from", "taskwarrior", own.file("a.json", first)).code == 0)
        let renamed = own(
            "import",
            "--from",
            "taskwarrior",
            own.file("b.json", first.replacingOccurrences(of: "Old name", with: "New name"))
        )
        #expect(renamed.code == 0, "\(renamed.stderr)")
        #expect(own("show", "tw-u1").stdout.contains("New name"))
        // An annotation edited in Taskwarrior: history is not rewritten, the new text is one more note.
        let noted = first.replacingOccurrences(of: "first note", with: "another note")
        let run = own("import", "--from", "taskwarrior", own.file("c.json", noted))
        #expect(run.code == 0, "\(run.stderr)")
        let shown = own("show", "tw-u1").stdout
        #expect(shown.contains("noted: first note") && shown.contains("noted: another note"), "\(shown)")
        let exported = own("export").stdout
        #expect(own("import", "--from", "taskwarrior", own.file("d.json", noted)).stdout.hasPrefix("imported 0 events"))
        #expect(own("export").stdout == exported, "the same export again adds nothing")
    }
}
