import Foundation
import OwnCore
import Testing

@Suite("Tags and projects on loops: add, edit, show, list --json")
struct LoopTagTests {
    @Test func addSetsTagsAndAProjectThatShowAndListPrint() throws {
        let own = OwnBinary()
        var run = own("add", "Rotate the card keys", "--tag", "urgent", "--tag", "pci,urgent", "--project", "payments")
        #expect(run.code == 0, "\(run.stderr)")

        run = own("show", "1")
        #expect(run.stdout.contains("project:"), "\(run.stdout)")
        #expect(run.stdout.contains("payments"))
        #expect(run.stdout.contains("tags:"))
        #expect(run.stdout.contains("urgent, pci"), "a tag given twice is kept once")

        run = own("list", "--json")
        let loop = try #require(JSONParser.parse(run.stdout).arrayValue?.first?.objectValue)
        #expect(loop["tags"] == .array(["urgent", "pci"]))
        #expect(loop["project"] == "payments")
    }

    /// Blanks around a project, a key or whom help was asked from are no part of them, and a person
    /// named twice is one: `--project "  spaced  "` made a project no `--project spaced` found.
    @Test func blanksAroundNamesAreTrimmedAndAPersonNamedTwiceIsKeptOnce() throws {
        let own = OwnBinary()
        own.succeeds("add", "Padded", "--project", "  spaced  ", "--key", " mykey ", "--affects", "lee, lee ,bo,lee")
        var run = own("list", "--project", "spaced", "--json")
        let loop = try #require(JSONParser.parse(run.stdout).arrayValue?.first?.objectValue, "\(run.stdout)")
        #expect(loop["project"] == "spaced")
        #expect(loop["key"] == "mykey")
        #expect(loop["affects"] == .array(["lee", "bo"]))
        own.succeeds("risk", "mykey", "late", "--told", "lee,lee, bo")
        own.succeeds("ask", "mykey", "--from", " infra ", "in #infra")
        run = own("export")
        #expect(run.stdout.contains(#""told":["lee","bo"]"#), "\(run.stdout)")
        #expect(run.stdout.contains(#""from":"infra""#), "\(run.stdout)")
    }

    /// Text is read without the blanks and line breaks around it (a title pasted with its line end
    /// listed as `crlf\r\n`), a zero-width space alone is blank, and a control character in a name is
    /// said as such wherever a person is named.
    @Test func textIsTrimmedAndAControlCharacterInANameIsSaid() throws {
        let own = OwnBinary()
        own.succeeds("add", "crlf\r\n", "--key", "crlf")
        own.succeeds("add", "  Padded title  ", "--key", "padded")
        own.succeeds("note", "padded", "\tprogress \n")
        let export = own("export").stdout
        #expect(export.contains(#""title":"crlf""#) && export.contains(#""title":"Padded title""#), "\(export)")
        #expect(export.contains(#""note":"progress""#), "\(export)")
        let blanks = [
            ["add", "\u{200B}"], ["note", "padded", "\u{200B} "], ["edit", "padded", "--title", "\u{200B}"],
        ]
        for arguments in blanks {
            let run = own.run(arguments)
            #expect(run.code == 2 && run.stderr.contains("is blank"), "\(arguments): \(run.stderr)")
        }
        for arguments in [["edit", "padded", "--owner", "lee\r"], ["handoff", "padded", "--to", "lee\r"]] {
            let run = own.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains(#""lee\r" holds a control character"#), "\(arguments): \(run.stderr)")
        }
    }

    /// A name given twice in forms that read the same (with a zero-width joiner, decomposed) is one
    /// person, held once, in --affects and --told alike.
    @Test func lookAlikeNamesAreOnePerson() throws {
        let own = OwnBinary()
        own.succeeds("add", "Ship it", "--key", "ship", "--affects", "ben,ben\u{200D},jose\u{301},jos\u{E9}")
        own.succeeds("scope", "ship", "bigger", "--told", "ben", "--told", "\u{200D}ben")
        let lines = own("export").stdout.split(separator: "\n")
        let events = try lines.map { try Event(jsonLine: String($0)) { "" } }
        #expect(
            events.first?.strings("affects").map { Array($0.utf8) } == [Array("ben".utf8), Array("jos\u{E9}".utf8)]
        )
        #expect(events.last?.strings("told") == ["ben"])
        // A comma splits names whatever follows it: with a joiner after it, the comma and the joiner
        // were one Swift character, and "ben,<joiner>lee" one person named "ben,lee".
        own.succeeds("add", "Split", "--key", "split", "--affects", "ben,\u{200D}lee")
        #expect(own("show", "split", "--json").stdout.contains(#""affects":["ben","lee"]"#))
        let blank = own("add", "Blank", "--affects", "ben,\u{200D}")
        #expect(blank.code == 2 && blank.stderr.contains("--affects"), "\(blank.stderr)")
    }

    /// Telling yourself of your own change is telling no one: the reminder still comes, and the
    /// doctor still asks for the notice.
    @Test func tellingOnlyYourselfOfAChangeIsTellingNoOne() throws {
        let own = OwnBinary()
        own.succeeds("add", "Ship it", "--affects", "web", "--estimate", "8h")
        let run = own("scope", "1", "bigger", "--estimate", "16h", "--told", "ana")
        #expect(run.stdout.contains("nobody told yet: `own notice 1` drafts the notice for web"), "\(run.stdout)")
        let told = own("scope", "1", "bigger still", "--estimate", "20h", "--told", "ana,web")
        #expect(!told.stdout.contains("nobody told yet"), "\(told.stdout)")
        #expect(!told.stdout.contains("not told"), "everyone it affects was told: \(told.stdout)")
        // Told to someone, the change is told and no notice goes out: those it affects who were not
        // told are named.
        own.succeeds("edit", "1", "--affects", "web,lee")
        let some = own("risk", "1", "the vendor is late", "--told", "sam")
        #expect(
            some.stdout.contains(
                "  not told: web, lee, whom it affects; no notice goes out for a change someone was told of: "
                    + "`own notice 1` drafts one"
            ),
            "\(some.stdout)"
        )
        // Only commas name no one: refused as a blank name is, not read as no --told.
        let commas = own("risk", "1", "late", "--told", " , ")
        #expect(commas.code == 2 && commas.stderr.contains("--told names no one"), "\(commas.stderr)")
    }

    @Test func editAddsAndRemovesTagsAndTheEventCarriesTheWholeList() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the card keys", "--tag", "urgent,pci")
        var run = own("edit", "1", "--tag", "-urgent", "--tag", "audit")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("edited: tags"))

        run = own("show", "1", "--json")
        let shown = try #require(JSONParser.parse(run.stdout).objectValue)
        #expect(shown["loop"]?.objectValue?["tags"] == .array(["pci", "audit"]))
        let edited = try #require(shown["events"]?.arrayValue?.last?.objectValue)
        #expect(edited["type"] == "edited")
        #expect(edited["tags"] == .array(["pci", "audit"]))

        run = own("edit", "1", "--tag", "pci")
        #expect(run.stdout.contains("unchanged"), "adding a tag it has records nothing")
        run = own("edit", "1", "--tag", "-")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: --tag - names no tag"))
        // `none` clears the tags, as it clears every other field (it added a tag called "none").
        run = own("edit", "1", "--tag", "none")
        #expect(run.stdout.contains("edited: tags cleared"), "\(run.stdout)\(run.stderr)")
        // Said cleared in the history too: "tags none" read as a tag named none.
        #expect(own("show", "1").stdout.contains("edited: tags cleared"))
        #expect(
            try JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["loop"]?.objectValue?["tags"] == []
        )
        // With other tags `none` clears nothing and is no tag either: refused, on edit and add alike.
        for arguments in [
            ["edit", "1", "--tag", "none", "--tag", "x"], ["edit", "1", "--tag", "x,none"],
            ["add", "Six", "--tag", "none,z"],
        ] {
            run = own.run(arguments)
            #expect(run.code == 2)
            #expect(run.stderr.hasPrefix("own: --tag none clears every tag and goes alone"), "\(run.stderr)")
        }
        #expect(try JSONParser.parse(own("list", "--all", "--json").stdout).arrayValue?.count == 1, "nothing added")
        // A new loop has no tag to remove: refused, not dropped without a word.
        run = own("add", "Tagged", "--tag", "-urgent")
        #expect(run.code == 2)
        #expect(run.stderr.contains("a new loop has none; give the tag as urgent"), "\(run.stderr)")
    }

    @Test func aTaskwarriorImportKeepsTagsAndProjectOnTheLoop() throws {
        let own = OwnBinary()
        let task =
            #"{"uuid":"a1","description":"Renew the TLS cert","entry":"20261101T090000Z","status":"pending","project":"infra","tags":["ops","cert"]}"#
        let file = own.folder + "/tasks.json"
        try Data(task.utf8).write(to: URL(fileURLWithPath: file))
        var run = own("import", "--from", "taskwarrior", file)
        #expect(run.code == 0, "\(run.stderr)")
        run = own("list", "--json")
        let loop = try #require(JSONParser.parse(run.stdout).arrayValue?.first?.objectValue)
        #expect(loop["tags"] == .array(["ops", "cert"]))
        #expect(loop["project"] == "infra")
    }
}
