import Foundation
import OwnCore
import Testing

/// `own monitor`, `own ping` and `own run` against a real `own-server` on loopback, through the
/// remote that `own remote` sets, as a person uses them.
@Suite("Monitors from the command line", .serialized)
struct MonitorCommandTests {
    private static func check(_ own: OwnBinary, _ name: String) throws -> [String: JSONValue] {
        let run = own("monitor", "show", name, "--json")
        #expect(run.code == 0, "\(run.stderr)")
        return try JSONParser.parse(run.stdout).objectValue ?? [:]
    }

    @Test func aMonitorIsAddedPingedRunAndItsIncidentLoopSyncsToTheOwner() throws {
        let server = try LiveServer()
        // The server's clock is the real one, so the ledgers read at the real time too.
        let lee = OwnBinary(user: "lee", now: nil)
        let kenji = OwnBinary(user: "kenji", now: nil)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        #expect(
            kenji("remote", server.url, "--token-file", server.tokenFile(person: "kenji", role: "member")).code == 0
        )

        let added = lee(
            "monitor",
            "add",
            "nightly-export",
            "--cron",
            "0 2 * * *",
            "--tz",
            "Europe/Berlin",
            "--grace",
            "30m",
            "--max-runtime",
            "1h",
            "--owner",
            "kenji",
            "--stakes",
            "high"
        )
        #expect(added.code == 0, "\(added.stderr)")
        #expect(added.stdout.hasPrefix("added monitor nightly-export, owned by kenji; ping it at \(server.url)/ping/"))

        let list = lee("monitor", "list")
        #expect(list.code == 0)
        #expect(list.stdout.contains("nightly-export"))
        #expect(list.stdout.contains("cron 0 2 * * * Europe/Berlin (grace 30m)"))
        let json = lee("monitor", "list", "--json")
        #expect((try JSONParser.parse(json.stdout).arrayValue ?? []).count == 1)
        // One grammar: --format as in every read command.
        #expect(lee("monitor", "list", "--format", "json").stdout == json.stdout)
        let md = lee("monitor", "list", "--format", "md").stdout
        #expect(md.hasPrefix("| MONITOR | STATUS | OWNER | SCHEDULE | LAST PING | INCIDENT |\n|---|"), "\(md)")
        #expect(
            md.contains("| nightly-export | new | kenji | cron 0 2 \\* \\* \\* Europe/Berlin (grace 30m) |"),
            "\(md)"
        )

        #expect(kenji("ping", "nightly-export").code == 0)
        // The default kind written out, as the help lists it.
        #expect(kenji("ping", "nightly-export", "success").code == 0)
        #expect(try Self.check(kenji, "nightly-export")["check"]?.objectValue?["status"] == "up")
        // The ping URLs answer in plain text, as healthchecks does: the reason is said all the same.
        let badRID = kenji("ping", "nightly-export", "--rid", "not-a-uuid")
        #expect(badRID.code != 0)
        #expect(badRID.stderr.contains("answered HTTP 400: invalid uuid format"), "\(badRID.stderr)")

        // A failing run: own run exits with its status and sends the end of its output.
        let run = kenji("run", "nightly-export", "--", "sh", "-c", "echo exporting; echo disk full >&2; exit 3")
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stdout.contains("exporting"))
        let shown = try Self.check(kenji, "nightly-export")
        let check = try #require(shown["check"]?.objectValue)
        #expect(check["status"] == "down")
        let loop = try #require(check["loop"]?.stringValue)
        let pings = (shown["pings"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(pings.map { $0["type"]?.stringValue } == ["fail", "start", "success", "success"])
        #expect(pings.first?["exitstatus"] == 3)
        #expect(pings.first?["body_size"]?.numberValue == Double("exporting\ndisk full\n".utf8.count))
        #expect(pings.first?["rid"] == pings[1]["rid"])
        // Sent over loopback: the ping log says from where, as healthchecks' does.
        #expect(pings.allSatisfy { $0["remote_addr"] == "127.0.0.1" }, "\(pings)")
        // The last output, in the JSON as in the text.
        #expect(shown["output"]?.objectValue?["body"] == "exporting\ndisk full\n")
        #expect(shown["output"]?.objectValue?["ping"]?.numberValue == pings.first?["n"]?.numberValue)

        let text = kenji("monitor", "show", "nightly-export")
        #expect(text.stdout.contains("status: down"))
        #expect(text.stdout.contains("incident loop: \(loop)"))
        #expect(text.stdout.contains("fail (exit 3)"))
        let shownMD = kenji("monitor", "show", "nightly-export", "--format", "md").stdout
        #expect(shownMD.hasPrefix("## nightly-export (nightly-export)\n\n- status: down\n"), "\(shownMD)")
        #expect(shownMD.contains("| # | WHEN | TYPE | DURATION |\n|---|---|---|---|\n| "), "one row a line: \(shownMD)")
        #expect(shownMD.contains("\n    disk full"), "\(shownMD)")
        #expect(kenji("monitor", "show", "nightly-export", "--json", "--format", "text").code == 2)

        // The incident loop is kenji's, in his ledger after a sync, and the doctor sees it.
        #expect(kenji("sync").code == 0)
        let incidents = kenji("list", "--kind", "incident", "--all", "--json")
        let loops = try JSONParser.parse(incidents.stdout).arrayValue ?? []
        #expect(loops.count == 1)
        #expect(loops.first?.objectValue?["key"]?.stringValue == loop)
        #expect(loops.first?.objectValue?["owner"] == "kenji")
        #expect(loops.first?.objectValue?["stakes"] == "high")

        // Pause, resume, remove.
        #expect(lee("monitor", "pause", "nightly-export").code == 0)
        #expect(try Self.check(lee, "nightly-export")["check"]?.objectValue?["status"] == "paused")
        #expect(lee("monitor", "resume", "nightly-export").code == 0)
        #expect(try Self.check(lee, "nightly-export")["check"]?.objectValue?["status"] == "new")
        // What the server refuses as input ends the command as the command's own mistakes do: exit 2.
        let notPaused = lee("monitor", "resume", "nightly-export")
        #expect(notPaused.code == 2, "\(notPaused.stderr)")
        #expect(notPaused.stderr.contains("check is not paused"), "\(notPaused.stderr)")
        let twoLines = lee("monitor", "add", "backups\nnightly", "--every", "1h")
        #expect(twoLines.code == 2, "\(twoLines.stderr)")
        #expect(twoLines.stderr.hasPrefix("own: the name is blank or holds a control character"), "\(twoLines.stderr)")
        let badOwner = lee("monitor", "add", "backups", "--every", "1h", "--owner", "bad name")
        #expect(badOwner.code == 2, "\(badOwner.stderr)")
        #expect(badOwner.stderr.contains("owner \"bad name\" cannot name a person"), "\(badOwner.stderr)")
        // The names that are no one's own no incident either.
        for reserved in ["own-server", "all", "None"] {
            let refused = lee("monitor", "add", "backups", "--every", "1h", "--owner", reserved)
            #expect(refused.code == 2, "\(reserved): \(refused.stderr)")
            #expect(refused.stderr.contains("is no person's name"), "\(refused.stderr)")
        }
        // Two monitors with one name: neither is guessed; each is named by its slug.
        #expect(lee("monitor", "add", "gamma", "--slug", "gamma-1", "--every", "1h").code == 0)
        #expect(lee("monitor", "add", "gamma", "--slug", "gamma-2", "--every", "1h").code == 0)
        let ambiguous = lee("monitor", "rm", "gamma")
        #expect(ambiguous.code == 2, "\(ambiguous.stderr)")
        #expect(ambiguous.stderr.contains("(slugs gamma-1, gamma-2)"), "\(ambiguous.stderr)")
        let removed = lee("monitor", "rm", "gamma-1")
        #expect(removed.stdout == "removed monitor gamma (gamma-1)\n", "\(removed.stderr)")
        // One monitor's slug and another's name: neither is guessed either; the uuid names each.
        #expect(lee("monitor", "add", "Nightly gamma", "--slug", "gamma", "--every", "1h").code == 0)
        let crossed = lee("monitor", "rm", "gamma")
        #expect(crossed.code == 2, "\(crossed.stderr)")
        #expect(
            crossed.stderr.hasPrefix("own: \"gamma\" is the slug of \"Nightly gamma\" (slug gamma, uuid "),
            "\(crossed.stderr)"
        )
        #expect(crossed.stderr.contains("and the name of \"gamma\" (slug gamma-2, uuid "), "\(crossed.stderr)")
        let uuid = try Self.check(lee, "Nightly gamma")["check"]?.objectValue?["uuid"]?.stringValue ?? ""
        // A ping takes the slug, as the slug's ping URL does.
        #expect(lee("ping", "gamma").code == 0)
        #expect((try Self.check(lee, uuid)["pings"]?.arrayValue ?? []).count == 1)
        #expect(lee("monitor", "rm", uuid).stdout == "removed monitor Nightly gamma (gamma)\n")
        #expect(lee("monitor", "rm", "gamma").code == 0)
        #expect(lee("monitor", "rm", "nightly-export").code == 0)
        let gone = lee("monitor", "show", "nightly-export")
        #expect(gone.code == 2)
        #expect(gone.stderr == "own: the team has no monitor \"nightly-export\"; `own monitor list` lists them\n")
        #expect(server.stop() == 0)
    }

    /// `own monitor show` names the parent by its slug, says "none" for no minimum runtime, and
    /// expects nothing of a paused monitor.
    @Test func showNamesTheParentAndExpectsNothingWhilePaused() throws {
        let server = try LiveServer()
        let lee = OwnBinary(user: "lee", now: nil)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        #expect(lee("monitor", "add", "db-primary", "--every", "1h").code == 0)
        #expect(
            lee("monitor", "add", "queue-drain", "--every", "10m", "--grace", "2m", "--parent", "db-primary").code == 0
        )
        let shown = lee("monitor", "show", "queue-drain")
        #expect(shown.code == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("\nparent: db-primary\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("min runtime: none"), "\(shown.stdout)")
        // What the job said last, from `own run`: its output under the pings.
        let ran = lee("run", "queue-drain", "--", "sh", "-c", "echo drained 12 queues; echo disk full >&2; exit 4")
        #expect(ran.code == 4)
        let failed = lee("monitor", "show", "queue-drain")
        #expect(failed.stdout.contains("output of ping #"), "\(failed.stdout)")
        #expect(failed.stdout.hasSuffix("\n  drained 12 queues\n  disk full\n"), "\(failed.stdout)")
        #expect(lee("monitor", "pause", "queue-drain").code == 0)
        #expect(lee("monitor", "show", "queue-drain").stdout.contains("next expected: - (paused)"))
        #expect(server.stop() == 0)
    }

    /// Each mistake is one line on stderr, exit 2, and nothing reaches the server.
    @Test(arguments: [
        (["--cron", "0 25 * * *"], "own: cannot read the cron expression \"0 25 * * *\": the hour field"),
        (["--cron", "0 2 * * *", "--tz", "Mars/Olympus"], "own: unknown time zone \"Mars/Olympus\""),
        (["--cron", "0 2 * * *", "--tz", "UTC+5"], "own: unknown time zone \"UTC+5\": it is an offset, not a zone"),
        (["--every", "1d", "--grace", "10s"], "own: the grace time 10s is out of range"),
        (["--every", "soon"], "own: cannot read --every \"soon\""),
        (["--every", "1d", "--owner", " "], "own: --owner is empty"),
        (["--every", "1d", "--cron", "0 2 * * *"], "own: give the schedule as either --every D or --cron EXPR"),
        (["--every", "1d", "--tz", "Europe/Berlin"], "own: --tz is the zone of --cron"),
        (["--every", "1d", "--tag", "prod export"], "own: --tag \"prod export\" is not one word"),
        (["--every", "1d", "--as", "kenji"], "own: --as does not apply here: the team server acts for the person"),
    ])
    func aBadScheduleIsOneLineAndWritesNothing(_ options: [String], _ message: String) throws {
        let server = try LiveServer()
        let lee = OwnBinary(user: "lee")
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        let run = lee.run(["monitor", "add", "export"] + options)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(lee("monitor", "list").stdout.hasPrefix("no monitors"))
        #expect(server.stop() == 0)
    }

    @Test func withoutARemoteTheCommandsSayHowToSetOne() {
        let ana = OwnBinary(user: "ana")
        let run = ana("monitor", "list")
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: no remote for this ledger; set one with `own remote URL --token-file FILE` (or [remote] in the configuration)\n"
        )
    }

    /// A ping's body goes as the bytes it is: `own ping`'s standard input, and the last 10,000 bytes of
    /// `own run`'s output even when they begin inside a character and hold bytes that are not UTF-8
    /// (decoded as text they grew past what the server keeps, and the server keeps a body's first
    /// bytes: the end of the output, where the error usually is, was lost).
    @Test func pingAndRunSendTheirBodiesAsBytes() throws {
        let server = try LiveServer()
        let lee = OwnBinary(user: "lee", now: nil)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        #expect(lee("monitor", "add", "bytes-job", "--every", "1h").code == 0)
        let piped = lee.run(
            ["-c", #"printf '\377\376ok' | "$0" ping bytes-job --stdin"#, OwnBinary.executable],
            executable: "/bin/sh"
        )
        #expect(piped.code == 0, "\(piped.stderr)")
        var pings = (try Self.check(lee, "bytes-job")["pings"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(pings.first?["body_size"] == 4, "\(pings)")
        // Without --stdin its input is left alone: a shell loop's lines each ping.
        let looped = lee.run(
            [
                "-c", #"printf 'bytes-job\nbytes-job\n' | while read m; do "$0" ping "$m" || exit 1; done"#,
                OwnBinary.executable,
            ],
            executable: "/bin/sh"
        )
        #expect(looped.stdout == "pinged bytes-job\npinged bytes-job\n", "\(looped.stderr)")
        pings = (try Self.check(lee, "bytes-job")["pings"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(pings.count == 3 && pings.first?["body_size"] == 0, "\(pings)")

        // "x", 5,000 two-byte characters, a byte that is no UTF-8, then the end: 10,006 bytes, whose
        // last 10,000 begin with the second byte of a character.
        let job = #"printf x; printf '%5000s' | sed 's/ /é/g'; printf '\377END\n'"#
        let run = lee("run", "bytes-job", "--", "sh", "-c", job)
        #expect(run.code == 0, "\(run.stderr)")
        let shown = try Self.check(lee, "bytes-job")
        pings = (shown["pings"]?.arrayValue ?? []).compactMap(\.objectValue)
        #expect(pings.first?["body_size"] == 10_000, "\(pings.first ?? [:])")
        let body = shown["output"]?.objectValue?["body"]?.stringValue ?? ""
        #expect(String(body.suffix(6)) == "é\u{FFFD}END\n")
        #expect(server.stop() == 0)
    }

    /// A crontab's job wrapped in `own run` runs whatever becomes of its pings, and exits with its status.
    @Test func ownRunRunsTheCommandWhenItsPingsAreNotTaken() throws {
        let job = ["run", "nightly-export", "--", "sh", "-c", "echo ran; exit 3"]
        let warning = "own: warning: the start ping of nightly-export was not taken by the team server"
        // The exit status is tried all the same (a server down at the start may be up at the end).
        let finish = "own: warning: the exit status of nightly-export was not taken by the team server"
        // No remote at all.
        let ana = OwnBinary(user: "ana")
        var run = ana.run(job)
        #expect(run.code == 3)
        #expect(run.stdout == "ran\n")
        #expect(run.stderr.hasPrefix(warning + " (no remote for this ledger;"), "\(run.stderr)")
        #expect(run.stderr.contains("; running the command anyway\n"))
        #expect(run.stderr.contains(finish + " (no remote for this ledger;"), "\(run.stderr)")

        let server = try LiveServer()
        let token = server.tokenFile(person: "ana", role: "lead")
        // A monitor the team does not have; then a token the server refuses.
        #expect(ana("remote", server.url, "--token-file", token).code == 0)
        run = ana.run(job)
        #expect(run.code == 3)
        #expect(run.stdout == "ran\n")
        #expect(run.stderr.contains(warning + " (the team has no monitor \"nightly-export\";"), "\(run.stderr)")
        let wrong = ana.file("wrong-token", "not-a-token\n")
        #expect(ana("remote", server.url, "--token-file", wrong).code == 0)
        run = ana.run(job)
        #expect(run.code == 3)
        #expect(run.stdout == "ran\n")
        #expect(run.stderr.contains("answered HTTP 401"), "\(run.stderr)")
        // The monitors' API says only "wrong api key": what to do is added.
        #expect(run.stderr.contains("wrong api key; the token in \(wrong) is not one it knows"), "\(run.stderr)")
        #expect(run.stderr.contains(warning + "; running the command anyway\n"), "\(run.stderr)")
        #expect(run.stderr.contains(finish), "\(run.stderr)")
        // Not taken at the start, taken at the end: the job itself adds the monitor meanwhile, and
        // its exit status arrives.
        #expect(ana("remote", server.url, "--token-file", token).code == 0)
        let adds = "\(OwnBinary.executable) monitor add nightly-export --every 1h > /dev/null; echo ran; exit 3"
        run = ana.run(["run", "nightly-export", "--", "sh", "-c", adds])
        #expect(run.code == 3)
        #expect(run.stderr.contains(warning), "\(run.stderr)")
        #expect(!run.stderr.contains(finish), "\(run.stderr)")
        let pings = try Self.check(ana, "nightly-export")["pings"]?.arrayValue ?? []
        #expect(pings.compactMap { $0.objectValue?["exitstatus"]?.numberValue } == [3], "\(pings)")
        #expect(ana("remote", server.url, "--token-file", wrong).code == 0)
        // The server gone.
        #expect(server.stop() == 0)
        run = ana.run(job)
        #expect(run.code == 3)
        #expect(run.stdout == "ran\n")
        #expect(run.stderr.contains("cannot reach the team server at 127.0.0.1"), "\(run.stderr)")
        #expect(!run.stderr.contains("report"))
        #expect(run.stderr.contains(warning + "; running the command anyway\n"), "\(run.stderr)")
        #expect(run.stderr.contains(finish), "\(run.stderr)")
    }

    /// A `[remote]` written by hand in the configuration is the remote of every command that talks to
    /// the team server, not only of `own sync`.
    @Test func aRemoteWrittenInTheConfigurationIsTheOneTheMonitorCommandsUse() throws {
        let server = try LiveServer()
        let lee = OwnBinary(user: "lee")
        let token = server.tokenFile(person: "lee", role: "lead")
        _ = lee.file("config.toml", "[remote]\nurl = \"\(server.url)\"\ntoken-file = \"\(token)\"\n")
        let configured = ["--config", lee.folder + "/config.toml"]
        var run = lee.run(["monitor", "add", "export", "--every", "1d"] + configured)
        #expect(run.code == 0, "\(run.stderr)")
        run = lee.run(["monitor", "list"] + configured)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("export"))
        #expect(lee.run(["ping", "export"] + configured).code == 0)
        run = lee.run(["inbox"] + configured)
        #expect(run.code == 0, "\(run.stderr)")
        // Without the configuration, this ledger has no remote.
        #expect(lee("monitor", "list").code == 2)
        #expect(server.stop() == 0)
    }

    /// A SIGTERM to `own run` (a supervisor stopping the wrapper) is passed on to the command, which
    /// ends as it ends: `own run` exits with its status (its exit ping tried), and its output is
    /// not lost. It left the command running, orphaned, and sent nothing.
    @Test func aSignalToOwnRunIsPassedOnToTheCommand() {
        let own = OwnBinary()
        let job = #"trap "echo cleanup; exit 9" TERM; touch "$HOME/started"; while :; do sleep 0.1; done"#
        let line = """
            "$OWN" run job -- sh -c '\(job)' > "$HOME/out" 2> "$HOME/err" & p=$!
            for i in $(seq 200); do [ -e "$HOME/started" ] && break; sleep 0.05; done
            kill -TERM $p; wait $p; echo "own=$?"; cat "$HOME/out"
            """
        let run = own.shell(line)
        #expect(run.stdout == "own=9\ncleanup\n", "\(run.stdout)\(run.stderr)")
    }

    /// A signal ignored where `own run` started (`nohup`) stays ignored, for the command too: a
    /// nohup'd job died at logout when `own run` handled SIGHUP and its children got the default.
    @Test func aSignalIgnoredByNohupStaysIgnored() {
        let own = OwnBinary()
        let job = #"touch "$HOME/started"; sleep 0.3; echo survived"#
        let line = """
            nohup "$OWN" run job -- sh -c '\(job)' > "$HOME/out" 2> "$HOME/err" & p=$!
            for i in $(seq 200); do [ -e "$HOME/started" ] && break; sleep 0.05; done
            kill -HUP $p; wait $p; echo "own=$?"; cat "$HOME/out"
            """
        let run = own.shell(line)
        #expect(run.stdout == "own=0\nsurvived\n", "\(run.stdout)\(run.stderr)")
    }

    /// The command is run as it is written, not through env(1): a first word like `-i` or `NAME=x`
    /// was env's option or assignment (this one printed the environment, which went as the body).
    @Test(arguments: ["-i", "NAME=x"])
    func theCommandIsRunAsWritten(_ first: String) {
        let run = OwnBinary()("run", "job", "--", first)
        #expect(run.code == 127 && run.stderr.contains("cannot run \(first)"), "\(run.stdout)\(run.stderr)")
        #expect(!run.stdout.contains("OWN_USER="))
    }
}
