import Foundation
import GRDB
import OwnCore
import Testing

@Suite("Errors: one line, the right exit code, the ledger untouched")
struct ErrorTests {
    func exported(_ own: OwnBinary) -> String {
        own("export").stdout
    }

    @Test(arguments: [
        (["note", "9", "x"], "there is no loop \"9\""),
        (
            ["add", "x", "--stakes", "huge"],
            "'huge' is invalid for '--stakes <stakes>'. Please provide one of 'routine', 'low', 'medium', 'high' or 'critical'"
        ),
        (["add", "x", "--due", "someday"], "use YYYY-MM-DD"),
        (["add", "x", "--estimate", "lots"], "cannot read the estimate"),
        (["add", "x", "--autonomy", "9"], "from 1 to 5"),
        (["add", ""], "the title is blank"),
        (["done", "1"], "already done"),
        (["unblock", "1"], "not blocked"),
        (["start", "1"], "cannot start"),
        (["block", "1", "r"], "cannot block"),
        (["stage", "1", "shipping"], "'shipping' is invalid for '<stage>'"),
        (["list", "--state", "sleeping"], "'sleeping' is invalid for '--state <state>'"),
        (["edit", "1"], "nothing to change"),
        (["add", "x", "--now", "last tuesday"], "--now"),
        (["frobnicate"], "unknown command \"frobnicate\""),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) {
        let own = OwnBinary()
        own.succeeds("add", "Closed loop")
        own.succeeds("done", "1")
        let before = exported(own)
        let run = own.run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
        #expect(exported(own) == before, "a failed command leaves the ledger as it was")
    }

    @Test func aFileThatIsNotALedgerIsAStorageErrorAndIsNotOverwritten() throws {
        let own = OwnBinary()
        let path = own.file("notes.txt", "not a database, just notes\n")
        let run = own("list", "--db", path)
        #expect(run.code == 3)
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains("is not an own ledger"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a database, just notes\n")
    }

    /// The ledger and the server's store live in the same folder: one given for the other is named
    /// for what it is (both read as "written by a newer version; upgrade"), and another program's
    /// SQLite database is refused by the server too, its tables left alone (the server added its own).
    @Test func aLedgerAndTheServersStoreMixedUpAreNamedAndAForeignDatabaseIsLeftAlone() throws {
        let own = OwnBinary()
        own.succeeds("add", "Mine")
        let store = own.file("server.sqlite", "")
        try FileManager.default.removeItem(atPath: store)
        own.succeeds("server", "team", "add", "payments", "--db", store)
        let asLedger = own("list", "--db", store)
        #expect(asLedger.code == 3)
        #expect(asLedger.stderr.contains("is the team server's store, not a ledger"), "\(asLedger.stderr)")
        let asStore = own("server", "team", "list", "--db", own.ledger)
        #expect(asStore.code == 3)
        #expect(asStore.stderr.contains("it is a personal ledger (`own --db` takes it)"), "\(asStore.stderr)")
        #expect(own("list").stdout.contains("Mine"))
        let foreign = own.file("other.db", "")
        try FileManager.default.removeItem(atPath: foreign)
        try DatabaseQueue(path: foreign).write { try $0.execute(sql: "CREATE TABLE notes (text)") }
        let taken = own("server", "team", "add", "x", "--db", foreign)
        #expect(taken.code == 3)
        #expect(taken.stderr.contains("it is not an own-server store"), "\(taken.stderr)")
        let tables = try DatabaseQueue(path: foreign).read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master")
        }
        #expect(tables == 1, "the server's tables joined another program's")
        // Another GRDB program's database has migrations of its own: no ledger or store, not a newer one.
        let grdb = own.file("app.db", "")
        try FileManager.default.removeItem(atPath: grdb)
        try DatabaseQueue(path: grdb).write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('createUsers'); CREATE TABLE users (name)")
        }
        let ledger = own("list", "--db", grdb)
        #expect(ledger.code == 3 && ledger.stderr.contains("is not an own ledger"), "\(ledger.stderr)")
        let server = own("server", "team", "add", "x", "--db", grdb)
        #expect(server.code == 3 && server.stderr.contains("it is not an own-server store"), "\(server.stderr)")
    }

    @Test func aBadFlagNamesTheCommandAsPeopleTypeIt() {
        let own = OwnBinary()
        let run = own("show", "1", "--colour")
        #expect(run.code == 2)
        #expect(run.stderr == "own: unknown option '--colour'; see `own show --help`\n", "\(run.stderr)")
        #expect(own("show", "--help").stdout.contains("USAGE: own show <loop>"))
        // A message that starts with what was typed keeps it as typed ("ALL", not "aLL").
        let kept = own("server", "token", "add", "--team", "x", "--person", "ALL", "--role", "member")
        #expect(kept.stderr.hasPrefix("own: ALL is kept for the server's own events"), "\(kept.stderr)")
        // The help named is the deepest command's, where the option is (`own server --help` has no --role).
        let role = own("server", "token", "add", "--team", "x", "--person", "bot", "--role", "admin")
        #expect(role.stderr.hasSuffix("; see `own server token add --help`\n"), "\(role.stderr)")
        #expect(own("serve", "--bad").stderr.hasSuffix("; see `own serve --help`\n"))
        // A comma separates names (`?owner=lee,kim` is two people): no person of the team takes one.
        #expect(own.run(["server", "team", "add", "x"]).code == 0)
        for command in [
            ["server", "token", "add", "--team", "x", "--person", "a,b", "--role", "member"],
            ["server", "person", "set", "--team", "x", "x,y", "--zone", "UTC"],
        ] {
            let comma = own.run(command)
            #expect(comma.code != 0 && comma.stderr.contains("commas"), "\(command): \(comma.stderr)")
        }
        // Blanks around a zone or a person's name are no part of them.
        let zoned = own.run(["server", "person", "set", "--team", "x", "ana", "--zone", " Europe/Berlin "])
        #expect(zoned.code == 0, "\(zoned.stderr)")
        let removed = own.run(["server", "person", "remove", "--team", "x", " ana "])
        #expect(removed.stdout.hasPrefix("removed ana from x"), "\(removed.stdout)\(removed.stderr)")
        // The parser's guess, in the same line.
        let near = own("add", "x", "--dew", "tomorrow")
        #expect(near.stderr == "own: unknown option '--dew' (did you mean '--due'?); see `own add --help`\n")
        // The parser checks a command's own rules first: `bob` read as the name list refuses was blamed,
        // not the option it does not take. Hidden options (--now, --as) and values after `--` are no such.
        let owner = own("project", "list", "--owner", "bob")
        #expect(owner.code == 2 && owner.stderr == "own: unknown option '--owner'; see `own project --help`\n")
        let typo = own("project", "list", "--fromat=json", "x")
        #expect(typo.stderr == "own: unknown option '--fromat' (did you mean '--format'?); see `own project --help`\n")
        // An option of a default subcommand (`own gate` is `own gate check`) is no unknown one.
        let gate = own("gate", "--format", "yaml", "--bogus")
        #expect(gate.stderr.hasPrefix("own: unknown option '--bogus'"), "\(gate.stderr)")
        let rules = own("project", "list", "--now", "2026-12-01", "--as", "kim", "x")
        #expect(rules.stderr.hasPrefix("own: own project list takes no name"), "\(rules.stderr)")
        let token = own("server", "token", "add", "--team", "x", "--person", "ALL", "--role", "member", "--teem", "y")
        #expect(token.stderr.hasPrefix("own: unknown option '--teem' (did you mean '--team'?)"), "\(token.stderr)")
    }

    @Test func helpIsNotAnError() {
        let own = OwnBinary()
        let run = own("--help")
        #expect(run.code == 0)
        #expect(run.stdout.contains("SUBCOMMANDS"))
        #expect(own("add", "--help").stdout.contains("--done-when"))
        #expect(own("drop", "1", "-h").stdout.contains("USAGE: own drop"))
        #expect(own("list", "-help").code == 0)
    }

    /// Text that begins with - and holds an h read as short options, -h among them: the command's help
    /// came out with exit 0 and nothing was done, which a script took for the drop. It is an error
    /// that says how to give the text; after --, it is the text.
    @Test func textThatBeginsWithADashIsNoSilentRequestForHelp() {
        let own = OwnBinary()
        #expect(own("add", "Vendor contract", "--key", "vend").code == 0)
        for arguments in [["drop", "vend", "-hard no"], ["note", "vend", "-h is the help flag"], ["add", "-hash"]] {
            let run = own.run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stdout.isEmpty, "\(run.stdout)")
            #expect(
                run.stderr.hasSuffix(
                    "begins with - and reads as options (-h asks for help), so nothing was done; to give it as text, "
                        + "put -- before it, after the options\n"
                ),
                "\(run.stderr)"
            )
        }
        let unknown = own("note", "vend", "-5% latency")
        #expect(unknown.code == 2)
        #expect(
            unknown.stderr.contains("text that begins with - reads as options: put -- before it"),
            "\(unknown.stderr)"
        )
        #expect(own("show", "vend", "--json").stdout.contains(#""state":"open""#))
        let dropped = own("drop", "vend", "--", "-hard no")
        #expect(dropped.code == 0, "\(dropped.stderr)")
        #expect(own("show", "vend", "--json").stdout.contains(#""state":"dropped""#))
    }
}

@Suite("Errors that help: one line that says what to do")
struct HelpfulErrorTests {
    static let good = #"{"id":"g1","loop":"L","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"Good"}"#

    @Test func aFileStartingWithAByteOrderMarkIsRead() {
        let own = OwnBinary()
        var bytes = Data([0xEF, 0xBB, 0xBF])
        bytes.append(Data((Self.good + "\n").utf8))
        let path = own.folder + "/bom.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: bytes))
        let run = own("import", path)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(own("show", "L", "--json").stdout.contains("\"title\":\"Good\""))
        #expect(throws: Never.self) {
            try FileManager.default.createDirectory(
                atPath: own.folder + "/config/own",
                withIntermediateDirectories: true
            )
        }
        _ = own.file("config/own/config.toml", "\u{FEFF}user = \"kim\"\n")
        #expect(own("list", environment: ["OWN_USER": ""]).code == 0, "a configuration with a BOM is read too")
    }

    @Test func aJSONArrayIsNotJSONLinesAndTheErrorSaysWhatToDo() {
        let own = OwnBinary()
        let run = own("import", own.file("tasks.json", #"[{"uuid":"a","description":"x","status":"pending"}]"#))
        #expect(run.code == 2)
        #expect(run.stderr.contains("--from taskwarrior") && run.stderr.split(separator: "\n").count == 1)
    }

    @Test func aPipeOrStandardInputIsRead() {
        let own = OwnBinary()
        let run = own.shell("printf '%s\\n' '\(Self.good)' | \"$OWN\" import /dev/stdin")
        #expect(run.code == 0, "\(run.stderr)")
        let fifo = own.folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let other = own.shell(
            "\"$OWN\" export --db \"$OWN_DB\" > \(fifo) & \"$OWN\" import \(fifo) --db \(own.folder)/b.sqlite"
        )
        #expect(other.code == 0, "\(other.stderr)")
        #expect(other.stdout.contains("imported 1 event "))
    }

    @Test(arguments: [
        (["list", "--db", "FOLDER"], "is a folder"), (["list", "--db", "/dev/null"], "not a regular file"),
        (["list", "--db", ""], "--db is empty"), (["import", "FOLDER"], "is a folder"),
    ])
    func aLedgerOrInputPathThatCannotWorkIsNamed(arguments: [String], message: String) {
        let own = OwnBinary()
        let run = own.run(arguments.map { $0 == "FOLDER" ? own.folder : $0 })
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    /// A configuration that is no regular file but can be read (`/dev/null`, a shell's `<(...)`) is
    /// read; a folder is said to be one (reading it crashed once it was tried).
    @Test func aConfigurationThatIsNoRegularFileIsReadAndAFolderRefused() {
        let own = OwnBinary()
        let empty = own("list", "--config", "/dev/null", "--as", "ana")
        #expect(empty.code == 0, "\(empty.stderr)")
        let piped = own.run(
            ["-c", #""$0" list --config <(echo 'no-such-key = 1')"#, OwnBinary.executable],
            executable: "/bin/bash"
        )
        // Read: its unknown key is named.
        #expect(piped.code == 2 && piped.stderr.contains("no-such-key"), "\(piped.stderr)")
        let folder = own("list", "--config", own.folder)
        #expect(folder.code == 2)
        #expect(
            folder.stderr.hasPrefix("own: \(own.folder) is a folder; give the configuration file"),
            "\(folder.stderr)"
        )
    }

    @Test func negativeDateExpressionsAreValues() {
        let own = OwnBinary()
        #expect(own("add", "Shipped").code == 0)
        #expect(own("done", "1").code == 0)
        let run = own("brag", "--since", "-4w")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Shipped"))
        #expect(own("list", "--due-before", "-1d").code == 0)
    }

    /// A value that begins with "-" where the parser takes an option: it says the value is missing,
    /// and then how to give it, instead of leaving the user to wonder where it went.
    @Test func aValueThatReadsAsAnOptionIsSaidSo() {
        let own = OwnBinary()
        let run = own("monitor", "add", "backups", "--every", "-5m")
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: missing value for '--every <duration>' (\"-5m\" reads as an option: write "
                + "--every=-5m); see `own monitor add --help`\n",
            "\(run.stderr)"
        )
        // A value really missing is said as before.
        #expect(
            own("monitor", "add", "backups", "--every").stderr.hasPrefix(
                "own: missing value for '--every <duration>'; "
            )
        )
        #expect(own("monitor", "add", "backups", "--every=-5m").stderr.contains("cannot read --every \"-5m\""))
    }

    /// An argument that is not UTF-8 (typed in another encoding) is refused, not recorded with U+FFFD
    /// in place of its bytes; `own run`'s command after `--` is passed on as it is.
    @Test func anArgumentNotUTF8IsRefused() {
        let own = OwnBinary()
        let run = own.run(["-c", #""$0" add "$(printf '\377x')""#, OwnBinary.executable], executable: "/bin/sh")
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: argument 2 (\u{FFFD}x) is not UTF-8 text; give it in UTF-8 (check the terminal's "
                + "locale, or the encoding of what was pasted)\n",
            "\(run.stderr)"
        )
        #expect(own("list", "--json").stdout == "[]\n")
    }

    /// Text that begins with "-" where a command wants text: the parser (or the command) said the text
    /// was missing; now it says why, and how to give it. A value of "--" form says how as well, quoted
    /// for the shell when it holds a blank.
    @Test(arguments: [
        (
            ["add", "-negative title"],
            "own: missing expected argument '<title>' ('-negative title' reads as options: put -- before text "
                + "that begins with -, after the options); see `own add --help`"
        ),
        (
            ["add", "-n"],
            "own: missing expected argument '<title>' (-n reads as options: put -- before text that begins with -, "
                + "after the options); see `own add --help`"
        ),
        // The value of an option (`--since -4w`) is no text read as options: the message is the parser's alone.
        (
            ["brag", "--since", "-4w", "--format", "xml"],
            "own: the value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'md', 'json' or "
                + "'slack'; see `own brag --help`"
        ),
        (
            ["decline", "-x y"],
            "own: say what you are not taking on, or --list ('-x y' reads as options: put -- before text that "
                + "begins with -, after the options); see `own decline --help`"
        ),
        (
            ["edit", "1", "--title", "--weird"],
            "own: missing value for '--title' (\"--weird\" reads as an option: write --title=--weird); "
                + "see `own edit --help`"
        ),
        (
            ["edit", "1", "--title", "-x y"],
            "own: missing value for '--title <text>' (\"-x y\" reads as an option: write '--title=-x y'); "
                + "see `own edit --help`"
        ),
    ])
    func textThatBeginsWithADashIsSaidSo(arguments: [String], message: String) {
        let own = OwnBinary()
        own.succeeds("add", "x")
        let run = own.run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr == message + "\n", "\(run.stderr)")
        #expect(own("add", "--", "-negative title").code == 0)
    }

    @Test(arguments: [
        (["monitor", "nosuch", "--help"], "own monitor"), (["server", "nosuch", "--help"], "own server"),
        (["server", "team", "nosuch", "-h"], "own server team"), (["help", "monitor", "nosuch"], "own monitor"),
    ])
    func anUnknownSubcommandAskedForItsHelpIsRefused(arguments: [String], command: String) {
        let run = OwnBinary().run(arguments)
        #expect(run.code == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "own: unexpected argument 'nosuch'; see `\(command) --help`\n", "\(run.stderr)")
    }

    @Test(arguments: [("lsit", "own list"), ("stnadup", "own standup"), ("doctr", "own doctor"), ("xyzzy", nil)])
    func aMistypedCommandSuggestsTheNearest(typed: String, suggestion: String?) {
        let own = OwnBinary()
        let run = own(typed)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: unknown command \"\(typed)\""), "\(run.stderr)")
        // Asked for its help, the same: not the help of `own` itself.
        let help = own(typed, "--help")
        #expect(help.code == 2 && help.stdout.isEmpty && help.stderr == run.stderr, "\(help.stdout)")
        if let suggestion {
            #expect(run.stderr.contains("did you mean `\(suggestion)`?"), "\(run.stderr)")
        } else {
            #expect(run.stderr == "own: unknown command \"\(typed)\"; `own --help` lists the commands\n")
        }
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    /// `own add Fix the bug`, as Taskwarrior takes it: the words after the first were refused one by
    /// one, with no word on why.
    @Test func wordsOfATextNotInQuotesAreRefusedSayingSo() {
        let own = OwnBinary()
        for arguments in [["add", "Fix", "the", "bug"], ["note", "1", "half", "done"]] {
            let run = own.run(arguments)
            #expect(run.code == 2)
            #expect(
                run.stderr.contains("; a text of several words goes in quotes, as \"Fix the login bug\"; see `own "),
                "\(run.stderr)"
            )
        }
    }

    /// Taskwarrior's attributes (`+tag project:P due:D priority:H`) are said as the options they
    /// are here, in `own add` and as a filter of `own list`.
    @Test func taskwarriorsAttributesAreSaidAsOptions() {
        let own = OwnBinary()
        let add = own("add", "Buy milk", "+errand", "project:home", "due:tomorrow", "priority:H")
        #expect(add.code == 2)
        #expect(
            add.stderr.contains(
                "Taskwarrior's attributes are options here: --tag errand --project home --due tomorrow --stakes high; "
            ),
            "\(add.stderr)"
        )
        let list = own("list", "+errand")
        #expect(list.code == 2)
        #expect(
            list.stderr
                == "own: \"+errand\" is no filter of own list: Taskwarrior's attributes are options here: --tag errand\n"
        )
        #expect(!own("add", "Fix", "the", "bug").stderr.contains("Taskwarrior"))
    }

    @Test(arguments: [["show"], ["note", "1"], ["list", "--json", "extra"], ["doctor", "--fail-on"]])
    func theParsersErrorsAreOneLine(arguments: [String]) {
        let own = OwnBinary()
        let run = own.run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("--help`"), "\(run.stderr)")
    }

    @Test func readingCommandsDoNotNeedToKnowWhoYouAre() {
        let own = OwnBinary()
        #expect(own("add", "Mine").code == 0)
        let nobody = ["OWN_USER": "", "USER": "", "GIT_CONFIG_NOSYSTEM": "1"]
        for arguments in [["export"], ["list", "--all"], ["doctor"], ["show", "1"], ["list", "--owner", "ana"]] {
            let run = own.run(arguments, environment: nobody)
            #expect(run.code == 0, "\(arguments): \(run.stderr)")
        }
        let write = own.run(["note", "1", "x"], environment: nobody)
        #expect(write.code == 2 && write.stderr.contains("cannot tell who you are"))
    }
}
