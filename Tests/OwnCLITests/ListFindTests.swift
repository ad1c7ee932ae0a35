import Foundation
import OwnCore
import Testing

@Suite("own list finds: --grep, --project, --tag, --affects")
struct ListFindTests {
    /// Three loops: a payments one with a note, a search one, and one with nothing to find.
    private func ledger() -> OwnBinary {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Rotate the card keys",
            "--project",
            "payments",
            "--tag",
            "urgent,pci",
            "--affects",
            "risk-team",
            "--done-when",
            "old keys revoked"
        )
        own.succeeds("note", "1", "Vault path found: secret/Ünïcode")
        own.succeeds("add", "Reindex the catalogue", "--project", "search", "--tag", "urgent")
        own.succeeds("add", "Tidy the wiki")
        return own
    }

    private func titles(_ own: OwnBinary, _ arguments: String...) throws -> [String] {
        let run = own.run(["list", "--json"] + arguments)
        #expect(run.code == 0, "\(run.stderr)")
        return (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap { $0.objectValue?["title"]?.stringValue }
            .sorted()
    }

    /// Markdown has the text table's columns in its order: the owner only where the text shows one.
    @Test func markdownHasTheTextTablesColumns() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        let mine = own("list", "--format", "md").stdout
        #expect(mine.hasPrefix("| # | state | stakes | due | title |\n"), "\(mine)")
        #expect(own("list").stdout.hasPrefix("#   state  stakes  due  title"))
        let everyone = own("list", "--owner", "all", "--format", "md").stdout
        #expect(everyone.hasPrefix("| # | state | stakes | due | owner | title |\n"), "\(everyone)")
        #expect(everyone.contains("| #1 | open | medium | - | ana | Rotate the keys |"), "\(everyone)")
    }

    @Test func grepSearchesTitleDoneWhenAndNotesIgnoringCase() throws {
        let own = ledger()
        #expect(try titles(own, "--grep", "CARD") == ["Rotate the card keys"])
        #expect(try titles(own, "--grep", "Keys Revoked") == ["Rotate the card keys"], "done-when")
        #expect(try titles(own, "--grep", "vault PATH") == ["Rotate the card keys"], "a note")
        #expect(try titles(own, "--grep", "ÜNÏCODE") == ["Rotate the card keys"], "beyond ASCII")
        #expect(try titles(own, "--grep", "the") == ["Reindex the catalogue", "Rotate the card keys", "Tidy the wiki"])
        #expect(try titles(own, "--grep", "payments").isEmpty, "the project is not the text searched")
        #expect(try titles(own, "--grep", "owner").isEmpty, "nor the stored field names")
        #expect(try titles(own, "--grep", "100%").isEmpty)
    }

    /// The words a loop keeps of its risks, scope and due changes, its block and its drop are its words
    /// too: a risk's note is where "vendor" was written.
    @Test func grepSearchesTheWordsOfChangesBlocksAndDrops() throws {
        let own = ledger()
        own.succeeds("risk", "1", "--note", "the HSM vendor is late")
        own.succeeds("block", "2", "waiting on the Solr upgrade")
        own.succeeds("drop", "3", "superseded by the handbook")
        #expect(try titles(own, "--grep", "VENDOR") == ["Rotate the card keys"], "a risk's note")
        #expect(try titles(own, "--grep", "solr", "--all") == ["Reindex the catalogue"], "a block's reason")
        #expect(try titles(own, "--grep", "handbook", "--all") == ["Tidy the wiki"], "a drop's reason")
    }

    /// `none` finds the loops without one, as Taskwarrior's `project:` does: it matched a project
    /// named none, which `own add` and `own edit` never keep, so nothing, without a word.
    @Test func noneFindsTheLoopsWithoutAProjectTagsOrAffected() throws {
        let own = ledger()
        #expect(try titles(own, "--project", "none") == ["Tidy the wiki"])
        #expect(try titles(own, "--project", "NONE", "--tag", "urgent").isEmpty)
        #expect(try titles(own, "--tag", "none") == ["Tidy the wiki"])
        #expect(try titles(own, "--affects", "none").sorted() == ["Reindex the catalogue", "Tidy the wiki"])
        // The same as of an earlier instant, where the loops are folded in memory.
        #expect(try titles(own, "--affects", "none", "--now", "2026-11-27T16:00:30Z").count == 2)
        // Words for no one or everyone are no one's name, as `own add --affects` says.
        for word in ["nobody", "all"] {
            let run = own("list", "--affects", word)
            #expect(run.code == 2 && run.stderr.hasPrefix("own: --affects \(word) is no one's name"), "\(run.stderr)")
        }
        own.succeeds("edit", "1", "--project", "none")
        #expect(try titles(own, "--project", "none").sorted() == ["Rotate the card keys", "Tidy the wiki"])
        let mixed = own("list", "--project", "none,search")
        #expect(mixed.code == 2 && mixed.stderr == "own: --project none stands alone: no project, or names\n")
        #expect(own("list", "--tag", "none", "--tag", "urgent").stderr.hasPrefix("own: --tag none stands alone"))
        // A search whose only matches are closed says so, and --all lists them.
        own.succeeds("add", "Quokka census", "--key", "census", "--now", "2026-11-20T09:00:00Z")
        own.succeeds("drop", "census", "no longer counted")
        #expect(try titles(own, "--grep", "quokka", "--all") == ["Quokka census"])
        let closed = own("list", "--grep", "quokka")
        #expect(closed.code == 0)
        #expect(
            closed.stdout == "no open loops match; 1 done or dropped loop does: add --all to list it\n",
            "\(closed.stdout)"
        )
        #expect(own("list", "--grep", "wombat").stdout == "no loops match\n")
        // `-NAME` leaves out tags only: a project or person so written matched nothing, without a word.
        for option in ["--project", "--affects"] {
            let out = own("list", "\(option)=-web")
            #expect(out.code == 2)
            #expect(
                out.stderr
                    == "own: \(option) -web: own list leaves out tags only (--tag -NAME); give \(option) a name, or leave it off\n",
                "\(out.stderr)"
            )
        }
        // A tag asked for and left out matched no loop, without a word.
        let both = own("list", "--tag", "urgent", "--tag", "-urgent")
        #expect(both.code == 2 && both.stderr == "own: --tag urgent and --tag -urgent contradict each other\n")
    }

    /// A dot makes a sub-project, as Taskwarrior writes them: a project takes in its sub-projects, not
    /// every project whose name begins with it (Taskwarrior's `project:web` lists website too).
    @Test func aProjectTakesInItsSubProjects() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys", "--project", "web")
        own.succeeds("add", "Fix the login", "--project", "web.auth")
        own.succeeds("add", "Single sign-on", "--project", "web.auth.sso")
        own.succeeds("add", "Launch the site", "--project", "website")
        own.succeeds("add", "Slash one", "--project", "web/x")
        own.succeeds("add", "Dash one", "--project", "web-x")
        #expect(try titles(own, "--project", "web") == ["Fix the login", "Rotate the keys", "Single sign-on"])
        #expect(try titles(own, "--project", "web.auth") == ["Fix the login", "Single sign-on"])
        #expect(try titles(own, "--project", "website,web.auth.sso") == ["Launch the site", "Single sign-on"])
        #expect(try titles(own, "--project", "web.au").isEmpty)
    }

    @Test func projectTagAndAffectsCombineWithEachOtherAndTheOtherFilters() throws {
        let own = ledger()
        #expect(try titles(own, "--project", "payments") == ["Rotate the card keys"])
        #expect(try titles(own, "--project", "payments,search") == ["Reindex the catalogue", "Rotate the card keys"])
        #expect(try titles(own, "--tag", "urgent") == ["Reindex the catalogue", "Rotate the card keys"])
        #expect(try titles(own, "--tag", "urgent", "--tag", "pci") == ["Rotate the card keys"], "every tag given")
        #expect(try titles(own, "--affects", "risk-team") == ["Rotate the card keys"])
        #expect(try titles(own, "--tag", "urgent", "--grep", "catalogue") == ["Reindex the catalogue"])
        // `-NAME` leaves out the loops with that tag, as Taskwarrior's filters do.
        #expect(try titles(own, "--tag", "-pci") == ["Reindex the catalogue", "Tidy the wiki"])
        #expect(try titles(own, "--tag", "urgent,-pci") == ["Reindex the catalogue"])
        #expect(try titles(own, "--tag", "-urgent", "--tag", "-pci") == ["Tidy the wiki"])
        #expect(own("list", "--tag", "-").stderr.hasPrefix("own: --tag - names no tag"))
        #expect(own("done", "2").code == 0)
        #expect(try titles(own, "--tag", "urgent") == ["Rotate the card keys"], "done loops stay out by default")
        #expect(try titles(own, "--tag", "urgent", "--state", "done") == ["Reindex the catalogue"])
        let run = own("list", "--tag", "nothing-has-this")
        #expect(run.stdout == "no loops match\n")
    }
}

@Suite("own list @context: filter sets named in the configuration")
struct ListContextTests {
    private func ledger(_ config: String) throws -> OwnBinary {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the card keys", "--project", "payments", "--tag", "urgent,pci")
        own.succeeds("add", "Refund the duplicate charges", "--project", "payments")
        own.succeeds("add", "Reindex the catalogue", "--project", "search", "--tag", "urgent")
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        try Data(config.utf8).write(to: URL(fileURLWithPath: own.folder + "/config/own/config.toml"))
        return own
    }

    private func titles(_ run: Run) throws -> [String] {
        #expect(run.code == 0, "\(run.stderr)")
        return (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap { $0.objectValue?["title"]?.stringValue }
            .sorted()
    }

    @Test func aContextAppliesItsFiltersAndTheCommandLineAddsOrReplaces() throws {
        let own = try ledger(
            """
            [contexts.payments]
            project = "payments"
            [contexts.hot]
            tag = ["urgent"]
            project = ["payments", "search"]
            """
        )
        #expect(
            try titles(own("list", "@payments", "--json")) == ["Refund the duplicate charges", "Rotate the card keys"]
        )
        #expect(try titles(own("list", "@hot", "--json")) == ["Reindex the catalogue", "Rotate the card keys"])
        #expect(try titles(own("list", "@hot", "--tag", "pci", "--json")) == ["Rotate the card keys"], "--tag adds")
        #expect(try titles(own("list", "@hot", "--project", "search", "--json")) == ["Reindex the catalogue"])
        // `--tag none` with a context's tags: the message says where the other tags came from.
        let none = own("list", "@hot", "--tag", "none")
        #expect(none.code == 2)
        #expect(
            none.stderr.hasPrefix("own: --tag none stands alone, and @hot adds its tags (urgent)"),
            "\(none.stderr)"
        )
        // A context's tag left out: contradicted, and said where the tag came from.
        let without = own("list", "@hot", "--tag", "-urgent")
        #expect(without.code == 2)
        #expect(without.stderr == "own: --tag urgent and --tag -urgent contradict each other (@hot adds urgent)\n")
    }

    @Test func anUnknownContextIsOneLineNamingTheKnownOnes() throws {
        let own = try ledger("[contexts.payments]\nproject = \"payments\"\n[contexts.hot]\ntag = \"urgent\"\n")
        let run = own("list", "@nope")
        #expect(run.code == 2)
        #expect(run.stderr == "own: no context @nope in the configuration; it names @hot, @payments\n")
        #expect(own("list", "payments").stderr.hasPrefix("own: \"payments\" is not a context"))
    }

    /// By every command, as it reads the configuration, naming the file: a typo was found only when
    /// its context was used.
    @Test func aContextWithAKeyThatIsNoFilterIsRefused() throws {
        let own = try ledger("[contexts.mine]\nowner = \"ana\"\n")
        let file = own.folder + "/config/own/config.toml"
        for command in [["list", "@mine"], ["list"], ["doctor"]] {
            let run = own.run(command)
            #expect(run.code == 2)
            #expect(
                run.stderr.hasPrefix("own: \(file): [contexts.mine] owner is not a filter a context can set"),
                "\(command): \(run.stderr)"
            )
        }
    }

    /// A filter the context can set, with a value it cannot take, says what it takes (an empty list
    /// was called "not a filter a context can set" in a message listing it as one).
    @Test(arguments: [
        ("tag = []", "tag must be a text or a list of texts, not empty"),
        ("grep = [\"a\", \"b\"]", "grep must be one text"), ("tag = [\"a\", 1]", "tag must be a text or a list"),
    ])
    func aContextFilterWithAValueItCannotTakeSaysWhatItTakes(line: String, message: String) throws {
        let own = try ledger("[contexts.p]\n\(line)\n")
        let run = own("list", "@p")
        #expect(run.code == 2)
        #expect(run.stderr.contains(": [contexts.p] \(message)"), "\(run.stderr)")
    }

    /// `--json` is written a piece at a time (`List.jsonPiece` bytes): a list longer than two
    /// pieces is still one array, every loop once, in the order of the table.
    @Test func aLongJSONListIsOneArrayWrittenInPieces() throws {
        let own = OwnBinary()
        let title = String(repeating: "a long title to fill the pieces ", count: 20)
        for number in 1...40 { own.succeeds("add", "\(number) \(title)") }
        let run = own.run(["list", "--json"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.utf8.count > 2 * 16_384)
        #expect(run.stdout.hasSuffix("]\n"))
        let loops = try #require(try JSONParser.parse(run.stdout).arrayValue)
        let numbers = loops.compactMap { $0.objectValue?["number"]?.numberValue }.map { Int($0) }
        #expect(numbers == Array(1...40))
        let table = own.run(["list"]).stdout.split(separator: "\n").dropFirst()
        #expect(table.map { $0.split(separator: " ").first.map(String.init) } == numbers.map { "#\($0)" })
    }

    /// An option that takes one value, given twice (as `--name value` or `--name=value`), kept the last
    /// without a word: a filter dropped where the list looked right. Refused now, and so is a list
    /// where one name is taken.
    @Test func aFilterGivenTwiceOrAListOfAffectedIsRefused() {
        let own = OwnBinary()
        own.succeeds("add", "Cut over", "--affects", "bob")
        own.succeeds("add", "Freeze", "--affects", "release-team")
        for arguments in [
            ["--affects", "bob", "--affects", "release-team"], ["--project", "a", "--project", "b"],
            ["--state", "open", "--state", "blocked"], ["--grep", "cut", "--grep", "freeze"],
            ["--owner", "ana", "--owner", "carol"], ["--affects", "bob", "--affects=release-team"],
            ["--project", "a=b", "--project=c"], ["--state=open", "--state=blocked"],
        ] {
            let run = own.run(["list"] + arguments)
            #expect(run.code == 2, "\(arguments): \(run.stdout)")
            let name = arguments[0].prefix { $0 != "=" }
            #expect(run.stderr.contains("\(name) is given twice and takes one value"), "\(run.stderr)")
        }
        let list = own("list", "--affects", "bob,release-team")
        #expect(list.code == 2)
        #expect(list.stderr.contains("--affects bob,release-team is a list; give one person or team"), "\(list.stderr)")
        #expect(own("list", "--tag", "x", "--tag", "y").code == 0, "--tag repeats: every one")
        // No one's name holds a comma: a list given to --owner found no one and exited 0.
        for command in [["list"], ["doctor"], ["standup"]] {
            let owners = own.run(command + ["--owner", "ana,lee"])
            #expect(owners.code == 2, "\(command)")
            #expect(owners.stderr == "own: --owner ana,lee is a list; it names one person, or all (--owner all)\n")
        }
        #expect(own("list", "--affects", "bob").stdout.contains("Cut over"))
    }
}
