import Foundation
import OwnCore
import Testing

@testable import OwnCLI

@Suite("One grammar: --reason and --note, --owner all, --format text|md|json, help without placeholders")
struct GrammarTests {
    /// A command that takes a reason or a note, how to run it on loop 1, and the event field it fills.
    struct Spelling: Sendable, CustomTestStringConvertible {
        var command: [String]
        var option: String
        var field: String
        /// What must happen to loop 1 first.
        var setup: [[String]] = []
        var testDescription: String { command.joined(separator: " ") + " " + option }
    }

    static let spellings: [Spelling] = [
        Spelling(command: ["note", "1"], option: "--note", field: "note"),
        Spelling(command: ["block", "1"], option: "--reason", field: "reason"),
        Spelling(
            command: ["ask", "1", "--from", "lee"],
            option: "--note",
            field: "note",
            setup: [["block", "1", "x"]]
        ),
        Spelling(command: ["unblock", "1"], option: "--note", field: "note", setup: [["block", "1", "x"]]),
        Spelling(command: ["risk", "1"], option: "--note", field: "note"),
        Spelling(command: ["scope", "1"], option: "--note", field: "note"),
        Spelling(command: ["due", "1", "2026-12-10"], option: "--reason", field: "reason"),
        Spelling(command: ["handoff", "1", "--to", "lee"], option: "--note", field: "note"),
        Spelling(command: ["drop", "1"], option: "--reason", field: "reason"),
        Spelling(command: ["reopen", "1"], option: "--reason", field: "reason", setup: [["done", "1"]]),
    ]

    /// The last event on loop 1, as `own show --json` gives it.
    func lastEvent(_ own: OwnBinary) throws -> [String: JSONValue] {
        let show = try JSONParser.parse(own("show", "1", "--json").stdout)
        return try #require(show.objectValue?["events"]?.arrayValue?.last?.objectValue)
    }

    @Test(arguments: spellings)
    func theTextIsGivenAfterTheLoopOrAsTheOption(_ spelling: Spelling) throws {
        for (index, form) in [["because of x"], [spelling.option, "because of x"]].enumerated() {
            let own = OwnBinary()
            own.succeeds("add", "Ship it", "--stakes", "low")
            for step in spelling.setup { #expect(own.run(step).code == 0, "\(step)") }
            let run = own.run(spelling.command + form)
            #expect(run.code == 0, "form \(index): \(run.stderr)")
            let event = try lastEvent(own)
            let fields = event["fields"]?.objectValue ?? event
            #expect(fields[spelling.field]?.stringValue == "because of x", "form \(index): \(event)")
        }
        let own = OwnBinary()
        own.succeeds("add", "Ship it", "--stakes", "low")
        for step in spelling.setup { #expect(own.run(step).code == 0, "\(step)") }
        let both = own.run(spelling.command + ["one way", spelling.option, "the other"])
        #expect(both.code == 2)
        #expect(both.stderr.contains("once"), "\(both.stderr)")
        // Said where the text goes: after the date for `own due`, after the loop elsewhere.
        let place = spelling.command[0] == "due" ? "after the date" : "after the loop"
        #expect(both.stderr.contains("or \(place), not both"), "\(both.stderr)")
    }

    /// A drop says why, as a reopen and a block do: the history and the notices tell why it went.
    @Test func aDropSaysWhy() {
        let own = OwnBinary()
        own.succeeds("add", "Ship it", "--stakes", "low")
        let run = own("drop", "1")
        #expect(run.code == 2)
        #expect(run.stderr == "own: say why it is dropped: own drop 1 REASON; see `own drop --help`\n", "\(run.stderr)")
        #expect(own("show", "1").stdout.contains("open"))
    }

    @Test func ownerAllIsEveryoneInListDoctorIcsTheReportsAndAway() throws {
        let own = OwnBinary()
        own.succeeds("add", "Ana's loop", "--due", "2026-11-20", "--stakes", "low")
        own.succeeds("add", "Lee's loop", "--due", "2026-11-20", "--stakes", "low", "--as", "lee")
        own.succeeds("note", "1", "progress")
        own.succeeds("note", "2", "progress", "--as", "lee")
        own.succeeds("away", "2026-12-21", "--as", "lee")
        // Reading everyone's needs no name for whoever runs it (no --as, OWN_USER, user or USER).
        let nameless = ["OWN_USER": "", "USER": "", "GIT_CONFIG_NOSYSTEM": "1"]
        for arguments in [
            ["list", "--owner", "all"], ["doctor", "--owner", "all"], ["ics", "--owner", "all"],
            ["standup", "--owner", "all"], ["weekly", "--owner", "all"], ["away", "--list", "--owner", "all"],
        ] {
            let run = own.run(arguments, environment: nameless)
            #expect(run.code == 0 || run.code == 1, "\(arguments): \(run.stderr)")
            #expect(run.stdout.contains("lee"), "\(arguments): \(run.stdout)")
            if arguments[0] != "away" { #expect(run.stdout.contains("Ana"), "\(arguments): \(run.stdout)") }
        }
        let mine = own("standup")
        #expect(!mine.stdout.contains("Lee's loop"), "without --owner all: only mine")
        let reports = try JSONParser.parse(own("standup", "--owner", "all", "--json").stdout).arrayValue
        #expect(reports?.count == 2, "one report a person, as one JSON array")
        let owners = reports?.compactMap { $0.objectValue?["owner"]?.stringValue }.sorted()
        #expect(owners == ["ana", "lee"], "each says whose it is")
        let brag = own.run(["brag", "--owner", "all", "--since", "2026-11-01"], environment: nameless)
        #expect(brag.code == 0, "\(brag.stderr)")
        // Marking records events: it needs to know who marks them.
        let marked = own.run(["standup", "--owner", "all", "--mark"], environment: nameless)
        #expect(marked.code == 2)
        #expect(marked.stderr.contains("cannot tell who you are"), "\(marked.stderr)")
        // A record and a readiness are one person's: `all` is refused, not read as someone's name.
        for (command, name) in [("record", "all"), ("readiness", "all"), ("record", "nobody"), ("readiness", "none")] {
            let one = own(command, "--owner", name)
            #expect(one.code == 2, "\(command)")
            let why = name == "all" ? "--owner names one person here" : "it is no one's name"
            #expect(one.stderr.contains(why), "\(command): \(one.stderr)")
        }
        let posted = own("standup", "--owner", "all", "--post", "http://127.0.0.1:9/x")
        #expect(posted.code == 2)
        #expect(posted.stderr.contains("--post sends one person's report"))
    }

    @Test(arguments: [
        ["list"], ["show", "1"], ["doctor"], ["record"], ["project", "list"], ["policy"], ["readiness"],
        ["standup"], ["weekly"], ["brag", "--since", "2026-11-01"], ["away", "--list"], ["decline", "--list"],
    ])
    func everyReadCommandTakesFormatTextMdJson(_ command: [String]) throws {
        let own = OwnBinary()
        own.succeeds("add", "Pay | the vendor", "--due", "2026-11-20", "--project", "pay", "--stakes", "low")
        own.succeeds("note", "1", "half done")
        own.succeeds("add", "Done already", "--stakes", "low")
        own.succeeds("done", "2", "--outcome", "shipped")
        let text = own.run(command)
        #expect(own.run(command + ["--format", "text"]).stdout == text.stdout)
        let json = own.run(command + ["--format", "json"])
        #expect(json.code == text.code, "\(json.stderr)")
        #expect((try? JSONParser.parse(json.stdout)) != nil, "valid JSON: \(json.stdout)")
        #expect(own.run(command + ["--json"]).stdout == json.stdout, "--json is --format json")
        #expect(own.run(command + ["--format", "json", "--json"]).stdout == json.stdout)
        // Two formats: which was meant cannot be told.
        let both = own.run(command + ["--format", "md", "--json"])
        #expect(
            both.code == 2 && both.stderr.contains("--json is --format json, and --format says md"),
            "\(both.stderr)"
        )
        let md = own.run(command + ["--format", "md"])
        #expect(md.code == text.code, "\(md.stderr)")
        #expect(md.stdout != text.stdout)
        let markdown = md.stdout.split(separator: "\n").contains {
            $0.hasPrefix("#") || $0.hasPrefix("- ") || $0.hasPrefix("| ")
        }
        #expect(markdown, "headings, bullets or a table: \(md.stdout)")
    }

    /// An option that takes one value, given twice, is refused in every command, not only those read
    /// without the parser: `own edit 1 --due fri --due=mon` kept mon without a word. One that takes
    /// several (`--tag`, `--affects` on edit, `--told`) may repeat.
    @Test func anOptionGivenTwiceIsRefusedInEveryCommand() throws {
        let own = OwnBinary()
        own.succeeds("add", "Loop", "--key", "lp", "--due", "2026-12-10")
        for arguments in [
            ["edit", "lp", "--due", "2026-12-11", "--due=2026-12-12"], ["edit", "lp", "--title=a", "--title=b"],
            ["block", "lp", "--reason", "a", "--reason", "b"],
            ["due", "lp", "2026-12-14", "--now", "2026-12-01T09:00:00Z", "--now=2026-12-01T10:00:00Z"],
            ["notice", "lp", "--format", "text", "--format=json"],
            // The commands `own` hands to its siblings too: a CI wrapper appending --fail-on never
            // turned the gate off without a word.
            ["gate", own.folder, "--fail-on", "never", "--fail-on=error"],
            ["server", "team", "list", "--format", "md", "--format", "json"], ["serve", "--port", "0", "--port", "0"],
        ] {
            let run = own.run(arguments)
            let option = try #require(arguments.first { $0.hasPrefix("--") }.map { String($0.prefix { $0 != "=" }) })
            #expect(
                run.code == 2 && run.stderr.contains("\(option) is given twice and takes one value"),
                "\(arguments): \(run.stderr)"
            )
        }
        // Two spellings of one option are the option twice.
        let store = own.folder + "/server.sqlite"
        own.succeeds("server", "team", "add", "t1", "--db", store)
        let aliases = own(
            "server",
            "person",
            "set",
            "ana",
            "--team",
            "t1",
            "--db",
            store,
            "--tz",
            "UTC",
            "--zone",
            "Europe/Berlin"
        )
        #expect(
            aliases.code == 2 && aliases.stderr.contains("--tz (also as --zone) is given twice and takes one value"),
            "\(aliases.stderr)"
        )
        #expect(own("show", "lp", "--json").stdout.contains(#""due":"2026-12-10""#), "nothing recorded")
        // A policy key given twice, however spelled, as in a configuration file.
        let policy = own(
            "server",
            "person",
            "set",
            "ana",
            "--team",
            "t1",
            "--db",
            store,
            "--policy",
            "wip-limit=4",
            "--policy",
            "wip_limit=5"
        )
        #expect(policy.code == 2)
        #expect(
            policy.stderr == "own: --policy wip-limit is given twice (as wip-limit=4 and wip_limit=5); keep one\n",
            "\(policy.stderr)"
        )
        // A flag with its inversion says two opposite things: the last won without a word.
        let opposite = own("edit", "lp", "--verified", "--no-verified")
        #expect(opposite.code == 2)
        #expect(opposite.stderr == "own: --verified and --no-verified say opposite things; give one of them\n")
        // A short option too, and with its long spelling: the last file was written without a word.
        for (arguments, message) in [
            (["ics", "-o", "a.ics", "-o", "b.ics"], "-o is given twice"),
            (["export", "-o", "a.jsonl", "--output", "b.jsonl"], "-o (also as --output) is given twice"),
        ] {
            let run = own.run(arguments)
            #expect(run.code == 2 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
        }
        // A value that starts with a dash is no option: `--tag -x` leaves tag x out, twice over.
        own.succeeds("list", "--tag", "-x", "--tag", "-y")
        own.succeeds("edit", "lp", "--tag", "a", "--tag", "b", "--affects", "web", "--affects", "ops")
        own.succeeds("scope", "lp", "bigger", "--told", "web", "--told", "ops")
    }

    /// The shell completes the values of an option from a fixed set (`list --state` offered nothing),
    /// and a file where a file is asked for (`import`, `--db`, `--config` offered nothing).
    @Test func completionOffersFixedValuesAndFiles() {
        let bash = OwnBinary()("--generate-completion-script", "bash").stdout
        func function(_ name: String) -> String {
            bash.components(separatedBy: "\(name)() {").dropFirst().first?.components(separatedBy: "\n}\n").first ?? ""
        }
        let list = function("_own_list")
        #expect(list.contains("'proposed'$'\\n''open'$'\\n''active'"), "\(list)")
        #expect(list.contains("'feature'$'\\n''bug'"))
        #expect(list.contains("'--config')\n        __own_add_completions -o plusdirs -fX '!*.@(toml)'"))
        #expect(list.contains("'--db')\n        __own_add_completions -f"))
        #expect(function("_own_edit").contains("'none'"), "--stage none")
        #expect(function("_own_import").contains("1)\n        __own_add_completions -f"))
        #expect(function("_own_doctor").contains("'unaccepted-handoff'$'\\n''all'"), "--explain")
        // `all` where --owner takes it; a ping's kinds.
        #expect(list.contains("'--owner')\n        __own_add_completions -W 'all'"), "\(list)")
        #expect(function("_own_ping").contains("'start'$'\\n''fail'$'\\n''log'"), "\(function("_own_ping"))")
    }

    @Test func helpShowsNoBarePlaceholdersAndDocumentsTheDefaults() {
        let own = OwnBinary()
        let names = Own.commands.map(\.name).filter { !["gate", "serve", "server", "monitor"].contains($0) }
        #expect(names.count > 30)
        // The commands with subcommands, and those another executable runs (own-gate, own-server).
        let nested: [[String]] = [
            ["gate", "check"], ["gate", "stats"], ["serve"], ["server", "team", "add"], ["server", "token", "add"],
            ["server", "token", "list"], ["server", "channel", "add"], ["server", "person", "set"],
            ["monitor", "add"], ["monitor", "list"], ["monitor", "show"],
        ]
        for command in names.map({ [$0] }) + nested {
            let run = own.run(command + ["--help"])
            let name = command.joined(separator: " ")
            #expect(run.code == 0, "own \(name) --help: \(run.stderr)")
            #expect(run.stdout.hasPrefix("OVERVIEW: "), "own \(name) --help")
            #expect(!run.stdout.contains("<options>"), "own \(name) --help shows <options>")
            // A whole number is shown as people write it (`--weeks` showed "default: 12.0").
            #expect(!run.stdout.contains(".0)"), "own \(name) --help shows a default as N.0")
            // A placeholder that repeats an option's name without naming a value says nothing.
            for bare in [
                "by", "owner", "backup", "from", "to", "outcome", "guard", "monitored-by", "origin", "ux", "touches",
                "if-it-fails", "autonomy", "token-file", "timeout", "weeks", "fail-on", "db", "database-url",
                "max-body-bytes", "log-level", "host", "table-sizes", "probe-budget", "postgres-version", "large-rows",
                "large-bytes", "deprecation-days", "explain", "migrations", "code-extension", "deprecations", "now",
                "base", "slack", "webhook", "channel", "channel-kind", "policy", "desc", "rid",
            ] {
                #expect(!run.stdout.contains("--\(bare) <\(bare)>"), "own \(name) --help shows --\(bare) <\(bare)>")
            }
        }
        // `own help COMMAND …` is the command's own help, for those another executable runs too.
        for command in [["server", "token"], ["gate", "check"], ["add"]] {
            #expect(own.run(["help"] + command).stdout == own.run(command + ["--help"]).stdout)
        }
        #expect(own("help", "server", "token").stdout.contains("Make, list and revoke the tokens"))
        // Each command's usage and errors name it as people type it: `own serve` read `own server serve`.
        #expect(
            own("serve", "--help").stdout.contains("USAGE: own serve [--db <path>]"),
            "\(own("serve", "--help").stdout)"
        )
        #expect(own("serve", "--bogus").stderr.contains("see `own serve --help`"), "\(own("serve", "--bogus").stderr)")
        #expect(own("server", "token", "--help").stdout.contains("USAGE: own server token"))
        let unknown = own("help", "standupp")
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("did you mean `own standup`?"), "\(unknown.stderr)")
        let add = own("add", "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(add.contains("(own add gives medium, autonomy 4)"))
        #expect(add.contains("(own add gives other)"))
        #expect(add.contains("(default: from stakes, routine 5, low and medium 4, high and critical 3)"), "\(add)")
        // Options go before `--`: after it, `--timeout 5` is the command's.
        #expect(
            own("run", "--help").stdout.contains(
                "USAGE: own run <name> [--timeout <seconds>] [--db <path>] [--config <path>] -- <command>"
            )
        )
    }
}
