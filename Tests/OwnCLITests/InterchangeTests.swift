import Foundation
import OwnCore
import Testing

@Suite("JSON Lines import and export")
struct InterchangeTests {
    let ledger = """
        {"id":"e1","loop":"deploy","at":"2026-11-23T09:00:00+01:00","by":"ana","type":"created","title":"Fix deploy","stakes":"medium","due":"2026-12-04","customField":{"a":[1,2]}}
        {"id":"e2","loop":"deploy","at":"2026-11-23T10:00:00Z","by":"ana","type":"started"}

        {"loop":"deploy","at":"2026-11-24T10:00:00Z","by":"ana","type":"noted","note":"no id: one is made from the line"}
        {"id":"e4","loop":"docs","at":"2026-11-24T11:00:00Z","by":"lee","type":"created","title":"Docs","kind":"docs"}
        """

    /// Time off and declines are kept under reserved keys, and are no loops: the summary does not count them.
    @Test func theSummaryCountsLoopsNotTheReservedKeys() {
        let own = OwnBinary()
        #expect(own("add", "Ship the export").code == 0)
        #expect(own("away", "2026-12-21..2027-01-04").code == 0)
        #expect(own("decline", "rewrite the billing cron", "--reason", "no time").code == 0)
        let other = OwnBinary()
        let run = other("import", other.file("all.jsonl", own("export").stdout))
        #expect(run.stdout == "imported 3 events into 1 loop (0 already present)\n", "\(run.stderr)")
    }

    @Test func roundTripKeepsUnknownFieldsAndIsIdempotent() throws {
        let own = OwnBinary()
        let file = own.file("in.jsonl", ledger)
        var run = own("import", file)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "imported 4 events into 2 loops (0 already present)\n")
        let exported = own("export").stdout
        let lines = exported.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(
            lines[0] == ledger.split(separator: "\n").first.map(String.init),
            "a line with an id is kept byte for byte"
        )

        run = own("import", file)
        #expect(
            run.stdout == "imported 0 events into 0 loops (4 already present)\n",
            "a line without an id is named by its text, so it is no new event again: \(run.stdout)"
        )
        #expect(exported.contains(#""id":"line-"#), "\(exported)")
        let again = own.file("again.jsonl", exported)
        run = own("import", again)
        #expect(run.stdout.hasPrefix("imported 0 events"))

        let other = OwnBinary()
        let copy = other.file("copy.jsonl", exported)
        #expect(other("import", copy).code == 0)
        #expect(other("export").stdout == exported)
        #expect(other("export", "--output", other.folder + "/out.jsonl").code == 0)
        #expect(try String(contentsOfFile: other.folder + "/out.jsonl", encoding: .utf8) == exported)
    }

    /// An export is every event as recorded: `--now` is refused, not read as a snapshot it is not
    /// (it was taken and ignored), and the help offers only the ledger and the configuration.
    @Test func anExportRefusesAnInstantOrAPerson() {
        let own = OwnBinary()
        own.succeeds("add", "Thing", "--now", "2026-11-23T09:00:00Z")
        for options in [["--now", "2026-11-01"], ["--as", "bob"], ["--policy", "p.toml"]] {
            let run = own.run(["export"] + options)
            #expect(run.code == 2 && run.stdout.isEmpty, "\(options)")
            #expect(
                run.stderr.hasPrefix(
                    "own: \(options[0]) does not apply here: an export writes every event as recorded"
                ),
                "\(run.stderr)"
            )
        }
        let help = own("export", "--help").stdout
        #expect(help.contains("--db <path>") && !help.contains("--now") && !help.contains("--as"), "\(help)")
        #expect(own("export").stdout.contains("Thing"), "OWN_NOW in the environment is no option given")
    }

    /// `-o FILE` replaces the file once the export is whole: one that fails (here, past the file size
    /// limit) leaves the file that was there, and no temporary file beside it. `-o -` is standard output.
    @Test func anExportToAFileIsWholeOrLeavesTheOldOne() throws {
        let own = OwnBinary()
        #expect(own("import", "-", stdin: ledger).code == 0)
        // More than the file size limit below (64 blocks), which the ledger's own files stay under.
        let long = String(repeating: "progress on the deploy pipeline ", count: 250)
        for index in 1...10 { own.succeeds("note", "deploy", "\(index): \(long)") }
        let path = own.file("out.jsonl", "the previous export\n")
        let limited = own.run(
            ["-c", "ulimit -f 64; trap '' XFSZ; exec \"$0\" \"$@\"", OwnBinary.executable, "export", "-o", path],
            executable: "/bin/sh"
        )
        #expect(limited.code != 0)
        #expect(limited.stderr.contains("cannot write \(path): File too large"), "\(limited.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "the previous export\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: own.folder).filter { $0.hasPrefix(".out") } == [])
        #expect(own("export", "-o", path).code == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == own("export").stdout)
        #expect(own("export", "-o", "-").stdout == own("export").stdout)
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/-"))
    }

    /// A file in no order imports whatever its size: a loop's note may come before its created with
    /// more loops between them than the import keeps in memory at once.
    @Test func aNoteFarBeforeItsCreatedImports() throws {
        let own = OwnBinary()
        var lines = [#"{"id":"n1","loop":"late","at":"2026-11-24T10:00:00Z","by":"ana","type":"noted","note":"early"}"#]
        for index in 0..<2_100 {
            lines.append(
                #"{"id":"c\#(index)","loop":"k\#(index)","at":"2026-11-24T09:00:00Z","by":"ana","type":"created","title":"T"}"#
            )
        }
        lines.append(
            #"{"id":"c-late","loop":"late","at":"2026-11-24T09:30:00Z","by":"ana","type":"created","title":"Late"}"#
        )
        let run = own("import", own.file("spread.jsonl", lines.joined(separator: "\n") + "\n"))
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "imported 2102 events into 2101 loops (0 already present)\n", "\(run.stdout)")
        let late = own("show", "late", "--json").stdout
        #expect(late.contains(#""title":"Late""#) && late.contains("early"), "\(late)")
        // With its created missing, or dated after the note, the file is refused, naming the line.
        let orphan = OwnBinary()
        let missing = orphan("import", orphan.file("m.jsonl", lines.dropLast().joined(separator: "\n") + "\n"))
        #expect(missing.code == 2)
        #expect(missing.stderr.contains("m.jsonl:1: loop \"late\" has no created event"), "\(missing.stderr)")
        let after = lines.dropLast() + [lines.last!.replacingOccurrences(of: "09:30", with: "11:00")]
        let dated = orphan("import", orphan.file("d.jsonl", after.joined(separator: "\n") + "\n"))
        #expect(dated.code == 2)
        #expect(
            dated.stderr.contains("d.jsonl:1: this event is dated before loop \"late\" was created"),
            "\(dated.stderr)"
        )
        #expect(orphan("list", "--all").stdout.contains("no loops"))
    }

    /// A refused import into a ledger that did not exist leaves none behind; one into a ledger that
    /// did leaves it as it was. Two lines with one id and different content are said to be so.
    @Test func aRefusedImportLeavesNoNewLedger() throws {
        let own = OwnBinary()
        let twice = own.file(
            "twice.jsonl",
            #"{"id":"e1","loop":"k","at":"2026-11-24T09:00:00Z","by":"ana","type":"created","title":"A"}"#
                + "\n" + #"{"id":"e1","loop":"k","at":"2026-11-24T09:00:00Z","by":"ana","type":"created","title":"B"}"#
        )
        let run = own("import", twice)
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: \(twice):2: event id \"e1\" is an earlier line's of the file, which has different "
                + "content; nothing was imported\n",
            "\(run.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: own.ledger), "no ledger was there before")
        own.succeeds("add", "Kept")
        #expect(own("import", twice).code == 2)
        #expect(own("list").stdout.contains("Kept"))
        // Once the first is in the ledger, the second is said to clash with the ledger's.
        own.succeeds(
            "import",
            own.file(
                "first.jsonl",
                String(try String(contentsOfFile: twice, encoding: .utf8).split(separator: "\n")[0])
            )
        )
        let second = own.file(
            "second.jsonl",
            String(try String(contentsOfFile: twice, encoding: .utf8).split(separator: "\n")[1])
        )
        #expect(
            own("import", second).stderr == "own: \(second):1: event id \"e1\" is already in the ledger (`own export` "
                + "shows it), with different content; nothing was imported\n"
        )
    }

    /// A file with several bad lines names each (up to ten, each on its own line) in one run, and
    /// counts them; one bad line is the error itself, as before.
    @Test func aRefusedImportNamesEveryBadLineUpToTen() {
        let own = OwnBinary()
        let good = #"{"id":"g1","loop":"k","at":"2026-11-24T09:00:00Z","by":"ana","type":"created","title":"A"}"#
        let bogus = #"{"id":"g2","loop":"k","at":"2026-11-24T10:00:00Z","by":"ana","type":"bogus"}"#
        let two = own.file("two.jsonl", [good, "not json", "", bogus, good].joined(separator: "\n") + "\n")
        let run = own("import", two)
        #expect(run.code == 2)
        let said = run.stderr.split(separator: "\n").map(String.init)
        #expect(said.count == 3, "\(run.stderr)")
        #expect(said.first?.hasPrefix("own: \(two):2: not JSON") == true, "\(said)")
        #expect(said.dropFirst().first?.hasPrefix("own: \(two):4: unknown type \"bogus\"") == true, "\(said)")
        #expect(said.last == "own: \(two): 2 lines hold no event (each above); nothing was imported")
        let many = own.file("many.jsonl", (1...14).map { "x\($0)" }.joined(separator: "\n"))
        let lines = own("import", many).stderr.split(separator: "\n")
        #expect(lines.count == 11 && lines[9].hasPrefix("own: \(many):10: not JSON"), "\(lines)")
        #expect(lines.last == "own: \(many): 14 lines hold no event (the first 10 above); nothing was imported")
        let one = own.file("one.jsonl", good + "\nnot json\n")
        #expect(
            own("import", one).stderr
                == "own: \(one):2: not JSON: unexpected word where a value was expected (at byte 1); nothing was imported\n"
        )
        #expect(!FileManager.default.fileExists(atPath: own.ledger), "nothing was imported")
    }

    /// Events dated after now are kept, and the import says so: no list shows them before their time.
    @Test func eventsDatedAfterNowAreImportedWithAWarning() {
        let own = OwnBinary()
        let line =
            #"{"id":"f1","loop":"later","at":"2030-11-20T09:00:00Z","by":"ana","type":"created","title":"Later"}"#
        let run = own("import", "-", stdin: line + "\n")
        #expect(run.code == 0)
        #expect(
            run.stderr
                == "own: warning: 1 event is dated after now (the latest 2030-11-20T09:00:00Z): lists, reports and "
                + "the doctor show it only from then; check the \"at\" of the file's events, or give --now\n",
            "\(run.stderr)"
        )
        #expect(own("list", "--all", "--now", "2030-11-21T09:00:00Z").stdout.contains("Later"))
        #expect(own("import", "-", stdin: ledger).stderr.isEmpty, "a ledger of the past imports quietly")
    }

    @Test func importReadsStandardInput() {
        let own = OwnBinary()
        let run = own("import", "-", stdin: ledger)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("list", "--all").stdout.contains("Fix deploy"))
    }

    @Test(arguments: [
        (#"{"id":"x","loop":"deploy","at":"2026-11-25T10:00:00Z","by":"ana","type":"vanished"}"#, "unknown type"),
        (#"{"id":"x","loop":"deploy","at":"not a date","by":"ana","type":"noted","note":"n"}"#, "\"at\""),
        (
            #"{"id":"x","loop":"deploy","at":"2026-11-25T10:00:00Z","by":"ana","type":"noted","note":5}"#,
            "\"note\" must be a string"
        ),
        (
            #"{"id":"e2","loop":"deploy","at":"2026-11-23T10:00:00Z","by":"ana","type":"started","extra":1}"#,
            "already in the ledger (`own export` shows it), with different content"
        ),
        (#"{"id":"x","loop":"deploy""#, "not JSON"),
    ])
    func aBadLineNamesItsNumberAndImportsNothing(badLine: String, reason: String) {
        let own = OwnBinary()
        // The ledger already holds the loop and e2, so that a line changing e2 is a conflict with
        // what is stored (this set-up step was refused as an orphan until set-up steps were checked).
        own.succeeds("import", own.file("base.jsonl", ledger.split(separator: "\n").prefix(2).joined(separator: "\n")))
        let before = own("export").stdout
        let file = own.file("bad.jsonl", ledger + "\n" + badLine + "\n")
        let run = own("import", file)
        #expect(run.code == 2)
        #expect(run.stderr.contains(":6:") || run.stderr.contains("line 6"), "\(run.stderr)")
        #expect(run.stderr.contains(reason), "\(run.stderr)")
        #expect(own("export").stdout == before)
    }

    @Test func aMissingFileIsAnInputError() {
        let own = OwnBinary()
        let run = own("import", own.folder + "/nope.jsonl")
        #expect(run.code == 2)
        #expect(run.stderr.contains("cannot read"))
    }
}
