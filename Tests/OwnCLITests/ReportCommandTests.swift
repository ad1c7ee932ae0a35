import Foundation
import OwnCore
import Testing

@Suite("Reports from the command line: formats, --post, --mark, git, ics")
struct ReportCommandTests {
    static let monday = "2026-11-30T08:30:00Z"

    /// Ana's week: a loop done on Friday, one blocked, one whose due date moved, one due Tuesday.
    static func seeded(config: String? = nil) -> OwnBinary {
        let own = OwnBinary(now: nil)
        if let config {
            try? FileManager.default.createDirectory(
                atPath: own.folder + "/config/own",
                withIntermediateDirectories: true
            )
            _ = own.file("config/own/config.toml", config)
        }
        own.succeeds(
            "add",
            "Fix login timeout",
            "--kind",
            "bug",
            "--due",
            "2026-11-30",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("start", "1", "--now", "2026-11-24T09:00:00Z")
        own.succeeds("done", "1", "--outcome", "p95 under 200 ms", "--now", "2026-11-27T15:00:00Z")
        own.succeeds(
            "add",
            "Billing export",
            "--due",
            "2026-12-01",
            "--affects",
            "finance",
            "--now",
            "2026-11-20T09:00:00Z"
        )
        own.succeeds("start", "2", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("note", "2", "CSV writer done", "--now", "2026-11-27T14:00:00Z")
        own.succeeds("due", "2", "2026-12-04", "--reason", "bank format changed", "--now", "2026-11-27T16:00:00Z")
        own.succeeds("add", "Upgrade Postgres", "--now", "2026-11-20T09:00:00Z")
        own.succeeds("block", "3", "waiting for a window", "--now", "2026-11-25T10:00:00Z")
        own.succeeds("add", "Runbook", "--kind", "docs", "--due", "2026-12-01", "--now", "2026-11-20T09:00:00Z")
        return own
    }

    func reported(_ own: OwnBinary) -> [String] {
        own("export").stdout.split(separator: "\n").filter { $0.contains("\"type\":\"reported\"") }.map(String.init)
    }

    /// Everyone's reports are one JSON array however many people there are: a team of one got a bare
    /// object, and a script reading the array broke.
    /// A `--post` with no `own-post` beside own is a post that failed (1, nothing marked), not a
    /// usage error (2), which a cron wrapper reads as a bad command line.
    @Test func aPostWithoutOwnPostBesideOwnFailsWithOne() throws {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys")
        let alone = own.folder + "/bin/own"
        try FileManager.default.createDirectory(atPath: own.folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: OwnBinary.executable, toPath: alone)
        let run = own.run(["standup", "--post", "http://127.0.0.1:9/hook", "--mark"], executable: alone)
        #expect(run.code == 1)
        #expect(run.stderr.hasPrefix("own: own-post is not installed beside own"), "\(run.stderr)")
        #expect(run.stderr.contains("; nothing was posted or marked"), "\(run.stderr)")
        #expect(!own("export").stdout.contains(#""type":"reported""#), "nothing marked")
    }

    /// Everyone's reports are those who had loops in the window asked for: a past weekly or a long brag
    /// left out whoever worked then and not in the last two weeks.
    @Test func everyonesReportsAreThoseWhoHadLoopsInTheWindow() throws {
        let own = OwnBinary(now: "2026-11-30T09:00:00Z")
        own.succeeds("add", "Old closed", "--as", "carl", "--now", "2026-11-02T09:00:00Z")
        own.succeeds("done", "1", "--as", "carl", "--now", "2026-11-02T10:00:00Z")
        own.succeeds("add", "Recent closed", "--as", "dina", "--now", "2026-11-20T09:00:00Z")
        own.succeeds("done", "2", "--as", "dina", "--now", "2026-11-25T09:00:00Z")
        own.succeeds("add", "Live", "--as", "fred", "--now", "2026-11-02T09:00:00Z")
        func owners(_ arguments: String...) throws -> [String] {
            let run = own.run(arguments + ["--owner", "all", "--json"])
            #expect(run.code == 0, "\(run.stderr)")
            return (try JSONParser.parse(run.stdout).arrayValue ?? []).compactMap {
                $0.objectValue?["owner"]?.stringValue
            }
        }
        #expect(try owners("brag", "--since", "2026-11-01") == ["carl", "dina", "fred"])
        #expect(try owners("weekly", "--since", "2026-11-02", "--until", "2026-11-06") == ["carl", "fred"])
        // Without a window: the last two weeks, as before.
        #expect(try owners("weekly") == ["dina", "fred"])
    }

    @Test("--owner all as JSON or Slack is an array, also of one person's report")
    func everyonesReportsAreAnArrayEvenOfOne() throws {
        let own = OwnBinary()
        own.succeeds("add", "Only loop", "--due", "2026-12-20")
        for command in [["standup"], ["weekly"], ["brag", "--since", "2026-11-01"]] {
            for format in [["--json"], ["--format", "slack"]] {
                let run = own.run(command + ["--owner", "all"] + format)
                #expect(run.code == 0, "\(command) \(format): \(run.stderr)")
                let reports = try JSONParser.parse(run.stdout).arrayValue
                #expect(reports?.count == 1, "\(command) \(format): \(run.stdout)")
            }
            // One person's own report stays an object.
            #expect(try JSONParser.parse(own.run(command + ["--json"]).stdout).objectValue != nil, "\(command)")
        }
    }

    @Test("standup --json: exactly done, progress, new, today, blockers, changes; loop is the key")
    func standupJSON() throws {
        let own = Self.seeded()
        let run = own("standup", "--json", "--now", Self.monday)
        #expect(run.code == 0, "\(run.stderr)")
        let object = try #require(try JSONParser.parse(run.stdout).objectValue)
        #expect(Set(object.keys) == ["owner", "done", "progress", "new", "today", "blockers", "changes", "away"])
        let done = try #require(object["done"]?.arrayValue?.first?.objectValue)
        #expect(done["title"] == .string("Fix login timeout"))
        let key = try #require(done["loop"]?.stringValue)
        #expect(own("show", key).stdout.contains("Fix login timeout"))
        #expect(object["blockers"]?.arrayValue?.count == 1)
        #expect(object["changes"]?.arrayValue?.count == 1)
    }

    @Test("weekly --json: exactly progress, new, decisions, risks, next, guards")
    func weeklyJSON() throws {
        let own = Self.seeded()
        let run = own("weekly", "--json", "--now", "2026-11-27T17:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        let object = try #require(try JSONParser.parse(run.stdout).objectValue)
        #expect(
            Set(object.keys) == [
                "owner", "progress", "new", "decisions", "risks", "next", "guards", "notTakingOn", "away",
            ]
        )
        // Declines and time off are facts about the person, not loops.
        for (name, array) in object where name != "notTakingOn" && name != "away" {
            for element in array.arrayValue ?? [] {
                #expect(element.objectValue?["loop"]?.stringValue != nil)
                #expect(element.objectValue?["title"]?.stringValue != nil)
            }
        }
    }

    @Test("brag for a past window lists the loops as they were when it ended: work reopened since was delivered then")
    func bragReadsThePastAsItWas() {
        let own = OwnBinary(now: "2026-11-30T10:00:00Z")
        own.succeeds("add", "Rotate the certs", "--key", "certs", "--now", "2026-11-18T09:00:00Z")
        own.succeeds("done", "certs", "--outcome", "rotated", "--now", "2026-11-20T14:00:00Z")
        own.succeeds("reopen", "certs", "one host left", "--now", "2026-11-27T11:00:00Z")
        let past = own("brag", "--since", "2026-11-16", "--until", "2026-11-20")
        #expect(past.code == 0, "\(past.stderr)")
        #expect(past.stdout.contains("rotated"), "\(past.stdout)")
        // Up to now it is open again: not delivered.
        let now = own("brag", "--since", "2026-11-16")
        #expect(!now.stdout.contains("rotated"), "\(now.stdout)")
        // Reopened at the midnight after the window (UTC here): the next day's, as the weekly reads it.
        own.succeeds("add", "Renew the domain", "--key", "domain", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("done", "domain", "--outcome", "renewed", "--now", "2026-11-23T10:00:00Z")
        own.succeeds("reopen", "domain", "wrong registrar", "--now", "2026-11-24T00:00:00Z")
        let monday = own("brag", "--since", "2026-11-23", "--until", "2026-11-23")
        #expect(monday.stdout.contains("renewed"), "\(monday.stdout)")
        // A time of day is refused: a brag covers whole days, and the time was dropped without a word.
        let timed = own("brag", "--since", "2026-11-20T16:00:00Z", "--until", "2026-11-20")
        #expect(timed.code == 2)
        #expect(
            timed.stderr == "own: --since 2026-11-20T16:00:00Z has a time of day; a brag document covers whole days: "
                + "give a date, like 2026-11-20\n",
            "\(timed.stderr)"
        )
    }

    @Test("Every report renders in every format", arguments: ["text", "md", "json", "slack"])
    func formats(format: String) throws {
        let own = Self.seeded()
        for arguments in [["standup"], ["weekly"], ["notice", "2"], ["brag", "--since", "2026-11-01"]] {
            let run = own.run(arguments + ["--format", format, "--now", Self.monday])
            #expect(run.code == 0, "\(arguments): \(run.stderr)")
            #expect(!run.stdout.isEmpty)
            if format == "json" || format == "slack" { _ = try JSONParser.parse(run.stdout) }
        }
    }

    @Test("--mark records a reported event on each loop the standup included")
    func mark() {
        let own = Self.seeded()
        let run = own("standup", "--mark", "--now", Self.monday)
        #expect(run.code == 0)
        #expect(run.stderr.contains("marked 4 loops as reported (standup)"))
        let events = reported(own)
        #expect(events.count == 4)
        #expect(events.allSatisfy { $0.contains("\"channel\":\"standup\"") })
    }

    @Test("--post sends the Slack payload, then --mark marks")
    func postSucceeds() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.ok, folder: own.folder)
        defer { listener.stop() }
        let run = own("standup", "--format", "slack", "--post", listener.url, "--mark", "--now", Self.monday)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(listener.requests.count == 1)
        let request = try #require(listener.requests.first)
        let payload = try #require(try JSONParser.parse(request).objectValue)
        #expect(Set(payload.keys) == ["text", "blocks"])
        #expect(reported(own).count == 4)
    }

    @Test("Without --format slack the post is the JSON report; the URL can come from [post]")
    func postFromConfiguration() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.ok, folder: own.folder)
        defer { listener.stop() }
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        own.file("config/own/config.toml", "[post]\nweekly = \"\(listener.url)\"\n")
        let run = own("weekly", "--post", "weekly", "--now", "2026-11-27T17:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        let request = try #require(listener.requests.first)
        let body = try #require(try JSONParser.parse(request).objectValue)
        #expect(
            Set(body.keys) == [
                "owner", "progress", "new", "decisions", "risks", "next", "guards", "notTakingOn", "away",
            ]
        )
        #expect(reported(own).isEmpty, "no --mark, no reported events")
    }

    @Test("An https:// webhook that speaks plain HTTP is said so, not called untrusted; nothing marked")
    func postTLSToAPlainServer() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.ok, folder: own.folder)
        defer { listener.stop() }
        let secure = listener.url.replacingOccurrences(of: "http://", with: "https://")
        let run = own("standup", "--post", secure, "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "own: 127.0.0.1 does not speak TLS (an http:// address given as https://?); the report was not "
                + "sent and nothing was marked\n",
            "\(run.stderr)"
        )
        #expect(reported(own).isEmpty)
    }

    @Test("A server error is retried once, then a one-line error, a non-zero exit, and nothing marked")
    func postServerError() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.error, folder: own.folder)
        defer { listener.stop() }
        let run = own("standup", "--post", listener.url, "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(
            run.stderr
                == "own: 127.0.0.1 failed with HTTP 500, twice; the report was not sent and nothing was marked. Try again later\n"
        )
        #expect(!run.stderr.contains("secret"), "the webhook's secret path is never printed")
        #expect(listener.requests.count == 2)
        #expect(reported(own).isEmpty)
    }

    @Test("A server that does not answer times out, twice, and nothing is marked")
    func postTimeout() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.slow, folder: own.folder)
        defer { listener.stop() }
        // The listener answers 200 once own hangs up (or after a minute): had the 0.5 s timeout not
        // fired, the post would have succeeded and the loops been marked. No wall-clock bound here
        // (speed is for Benchmarks/).
        let run = own("standup", "--post", listener.url, "--post-timeout", "0.5", "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(run.stderr.contains("timed out"), "\(run.stderr)")
        #expect(listener.requests.count == 2, "one attempt and one retry")
        #expect(reported(own).isEmpty)
    }

    @Test("HTTPS: certificates are checked; a self-signed one is refused, not retried, nothing marked")
    func postUntrustedTLS() throws {
        let own = Self.seeded()
        let listener = try ReportListener(.tls, folder: own.folder)
        defer { listener.stop() }
        #expect(listener.url.hasPrefix("https://"))
        let run = own("standup", "--post", listener.url, "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(run.stderr.hasPrefix("own: the TLS connection to 127.0.0.1 failed"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(listener.requests.isEmpty)
        #expect(reported(own).isEmpty)
    }

    /// A cron line with a mistyped name or scheme fails at once, before the report is printed.
    @Test(arguments: [["--post", "nosuch"], ["--post", "ftp://127.0.0.1/x"], ["--post", "http://"]])
    func aBadPostIsRefusedBeforeTheReport(arguments: [String]) {
        let own = Self.seeded()
        let run = own.run(["standup", "--mark", "--now", Self.monday] + arguments)
        #expect(run.code == 2, "\(run.stderr)")
        #expect(run.stdout.isEmpty, "\(run.stdout)")
        #expect(run.stderr.hasPrefix("own: --post \""), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(reported(own).isEmpty)
    }

    /// Bounded as `own sync --timeout` is: 1e12 or inf stopped own-post with a crash after the report
    /// was printed.
    @Test func aPostTimeoutPastADayIsRefusedBeforeTheReport() {
        let own = Self.seeded()
        for bad in ["0", "86401", "1e12", "inf", "nan"] {
            let run = own("standup", "--post", "http://127.0.0.1:9/x", "--post-timeout", bad, "--now", Self.monday)
            #expect(run.code == 2 && run.stdout.isEmpty, "\(bad): \(run.code) \(run.stdout)")
            #expect(
                run.stderr.contains("--post-timeout must be more than 0 seconds, and at most 86400 (a day)"),
                "\(bad): \(run.stderr)"
            )
        }
    }

    @Test("Nothing listening: a clear error, nothing marked")
    func postUnreachable() {
        let own = Self.seeded()
        let run = own("standup", "--post", "http://127.0.0.1:9/hook", "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(run.stderr.hasPrefix("own: cannot reach 127.0.0.1 (connection refused); "), "\(run.stderr)")
        #expect(reported(own).isEmpty)
    }

    @Test("Connected, then closed unanswered: said so, not called unreachable, nothing marked")
    func postClosedUnanswered() throws {
        let own = Self.seeded()
        let listener = try LoopbackListener()
        listener.closeUnanswered(2)
        let run = own("standup", "--post", "http://127.0.0.1:\(listener.port)/hook", "--mark", "--now", Self.monday)
        #expect(run.code == 1)
        #expect(
            run.stderr.hasPrefix("own: 127.0.0.1 closed the connection without an answer ("),
            "\(run.stderr)"
        )
        #expect(reported(own).isEmpty)
    }

    @Test(
        "Bad post targets are input errors",
        arguments: [("ftp://x/y", "not an http"), ("standup", "neither a URL nor a name")]
    )
    func postBadTarget(target: String, message: String) {
        let own = Self.seeded()
        let run = own("standup", "--post", target, "--now", Self.monday)
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test("A notice goes to the loop's affects, with the workaround and contingency given")
    func notice() {
        let own = Self.seeded()
        let run = own(
            "notice",
            "2",
            "--workaround",
            "export by hand",
            "--contingency",
            "if the bank is late, we ship CSV only",
            "--format",
            "md",
            "--mark",
            "--now",
            Self.monday
        )
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("To: finance"))
        #expect(run.stdout.contains("New date: Fri 4 Dec (was Tue 1 Dec)"))
        #expect(run.stdout.contains("### Workaround\n\n- export by hand"))
        #expect(run.stdout.contains("- if the bank is late, we ship CSV only"))
        #expect(reported(own).count == 1 && reported(own)[0].contains("\"channel\":\"notice\""))
    }

    @Test("A notice for a loop with no change to plan and no block is an input error")
    func noticeWithoutChange() {
        let own = Self.seeded()
        let run = own("notice", "4", "--now", Self.monday)
        #expect(run.code == 2)
        #expect(run.stderr.contains("no change to scope, timeline or risk, and no block"))
    }

    @Test("A blocked loop's notice says what blocks it, as what changed")
    func noticeOfABlock() {
        let own = Self.seeded()
        let run = own("notice", "3", "--format", "md", "--now", Self.monday)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("### What changed\n\n- blocked: waiting for a window"), "\(run.stdout)")
    }

    @Test("Commits in the configured repos show up: by trailer, by branch, and as other work")
    func gitActivity() throws {
        let repository = NSTemporaryDirectory() + "own-report-repo-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: repository) }
        func git(_ arguments: String..., at date: String = "2026-11-27T10:00:00Z") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", repository] + arguments
            process.environment = [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": repository,
                "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
            ]
            try? process.run()
            process.waitUntilExit()
        }
        try FileManager.default.createDirectory(atPath: repository, withIntermediateDirectories: true)
        git("init", "-q", "-b", "main")
        git("config", "user.name", "Ana")
        git("config", "user.email", "ana@example.com")
        git("commit", "-q", "--allow-empty", "-m", "Sketch the runbook", "-m", "Loop: 4")
        git("checkout", "-q", "-b", "loop/3-pg")
        git("commit", "-q", "--allow-empty", "-m", "Dry-run the upgrade", at: "2026-11-27T11:00:00Z")
        git("checkout", "-q", "main")
        git("commit", "-q", "--allow-empty", "-m", "Bump the linter", at: "2026-11-27T12:00:00Z")
        git(
            "commit",
            "-q",
            "--allow-empty",
            "--author",
            "Bob <bob@example.com>",
            "-m",
            "Bob's commit",
            at: "2026-11-27T13:00:00Z"
        )

        let own = Self.seeded(config: "repos = [\"\(repository)\"]\n")
        let run = own("standup", "--format", "md", "--now", Self.monday)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains("** Runbook: open\n  - ") && !run.stdout.contains("**#4**")
                && run.stdout.contains("Sketch the runbook (own-report-repo")
        )
        #expect(run.stdout.contains("Dry-run the upgrade"))
        #expect(run.stdout.contains("### Other work\n\n- ") && run.stdout.contains("Bump the linter"))
        #expect(!run.stdout.contains("Bob's commit"))
    }

    @Test("own ics is valid iCalendar (Python icalendar), with stable UIDs")
    func ics() throws {
        let own = Self.seeded()
        let first = own("ics", "--now", Self.monday)
        #expect(first.code == 0)
        #expect(first.stdout == own("ics", "--now", Self.monday).stdout, "the same ledger gives the same file")
        let path = own.file("loops.ics", first.stdout)
        let check = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            items = [c for c in cal.walk() if c.name in ('VEVENT', 'VTODO')]
            assert len(items) == 2, len(items)
            for item in items:
                assert item.get('UID') and item.get('DTSTAMP') and item.get('SUMMARY'), item
            print(sorted(str(i.get('SUMMARY')) for i in items))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", check, path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("#2 Billing export") && text.contains("#4 Runbook"), "loop 3 has no due date")
    }

    /// iCalendar TEXT holds no control characters, and the last day a ledger keeps ends on a date:
    /// a title with an escape and a loop due on 3999-12-31 still make a file that reads back.
    @Test func icsEscapesControlCharactersAndEndsTheLastDayOnADate() throws {
        let own = OwnBinary()
        own.succeeds("add", "Deploy \u{1B}]0;pwned\u{07} fix", "--due", "2026-12-04")
        own.succeeds("add", "Forever", "--due", "3999-12-31")
        let run = own("ics")
        #expect(run.code == 0)
        #expect(!run.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(run.stdout)")
        #expect(run.stdout.contains(#"SUMMARY:#1 Deploy \\e]0\;pwned\\u{7} fix"#), "\(run.stdout)")
        #expect(run.stdout.contains("DTSTART;VALUE=DATE:39991231\r\nDTEND;VALUE=DATE:40000101\r\n"), "\(run.stdout)")
    }

    /// `--until D` takes D in, and the header says so: it named the day after.
    @Test func weeklyUntilADayEndsItsHeaderOnThatDay() {
        let own = OwnBinary()
        own.succeeds("add", "Anything", "--now", "2026-11-23T09:00:00Z")
        let one = own("weekly", "--since", "2026-11-23", "--until", "2026-11-23", "--now", "2026-11-30T09:00:00Z")
        #expect(one.stdout.hasPrefix("Weekly summary: ana\nMon 23 Nov 2026\n"), "\(one.stdout)")
        let three = own("weekly", "--since", "2026-11-23", "--until", "2026-11-25", "--now", "2026-11-30T09:00:00Z")
        #expect(three.stdout.hasPrefix("Weekly summary: ana\nMon 23 Nov to Wed 25 Nov 2026\n"), "\(three.stdout)")
        // A --since after now, with no --until given, is said as such: not "before --until".
        let ahead = own("weekly", "--since", "2026-12-10", "--now", "2026-12-02T12:00:00Z")
        #expect(ahead.code == 2)
        #expect(ahead.stderr.hasPrefix("own: --since is after now (2026-12-02T12:00:00Z)"), "\(ahead.stderr)")
        let brag = own("brag", "--since", "2026-12-10", "--now", "2026-12-02T12:00:00Z")
        #expect(brag.stderr.hasPrefix("own: --since is after today (2026-12-02)"), "\(brag.stderr)")
        // With an --until too: a window not begun has nothing to tell (it drafted today's overdue loops
        // as next June's risks).
        let future = own("weekly", "--since", "2027-06-01", "--until", "2027-06-05", "--now", "2026-12-02T12:00:00Z")
        #expect(future.code == 2)
        #expect(future.stderr.hasPrefix("own: --since is after now (2026-12-02T12:00:00Z)"), "\(future.stderr)")
        let futureBrag = own("brag", "--since", "2027-01-01", "--until", "2027-02-01", "--now", "2026-12-02T12:00:00Z")
        #expect(futureBrag.code == 2)
        #expect(futureBrag.stderr.hasPrefix("own: --since is after today (2026-12-02)"), "\(futureBrag.stderr)")
        let crossed = own("weekly", "--since", "2026-11-25", "--until", "2026-11-23")
        #expect(crossed.stderr.hasPrefix("own: --since must be before --until"), "\(crossed.stderr)")
        // The day after an --until day is after it too (that day ends where the next begins).
        let nextDay = own("weekly", "--since", "2026-11-24", "--until", "2026-11-23")
        #expect(
            nextDay.code == 2 && nextDay.stderr.hasPrefix("own: --since must be before --until"),
            "\(nextDay.stderr)"
        )
        // One instant is a window (--until is included), as one day is.
        let instant = "2026-12-01T09:30:00Z"
        let point = own("weekly", "--since", instant, "--until", instant, "--now", "2026-12-02T12:00:00Z")
        #expect(point.code == 0 && point.stdout.contains("Weekly"), "\(point.stderr)\(point.stdout)")
        // The week's last day (or `eow`) alone is its week, Monday to that day: the default --since was
        // the next week's, and the command refused it as "--since must be before --until".
        let sunday = own("weekly", "--until", "2026-11-29", "--now", "2026-12-02T12:00:00Z")
        #expect(sunday.stdout.hasPrefix("Weekly summary: ana\nMon 23 Nov to Sun 29 Nov 2026\n"), "\(sunday.stderr)")
        let eow = own("weekly", "--until", "eow", "--now", "2026-12-02T12:00:00Z")
        #expect(eow.stdout.hasPrefix("Weekly summary: ana\nMon 30 Nov to Sun 6 Dec 2026\n"), "\(eow.stderr)")
        let until = own("weekly", "--until", "2027-06-01", "--now", "2026-12-02T12:00:00Z")
        #expect(until.stderr.hasPrefix("own: --until is in a week not begun yet"), "\(until.stderr)")
    }

    /// A window that ended shows its loops as they were when it ended: a loop done after it was still
    /// in progress then (it showed as "in progress (done)").
    @Test func aPastWeeklyShowsLoopsAsTheyWereWhenItEnded() throws {
        let own = OwnBinary()
        own.succeeds("add", "Billing export", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("start", "1", "--now", "2026-11-23T10:00:00Z")
        own.succeeds("done", "1", "--outcome", "shipped", "--now", "2026-11-26T10:00:00Z")
        let run = own(
            "weekly",
            "--since",
            "2026-11-23",
            "--until",
            "2026-11-24",
            "--json",
            "--now",
            "2026-11-30T09:00:00Z"
        )
        let progress = try JSONParser.parse(run.stdout).objectValue?["progress"]?.arrayValue ?? []
        let item = try #require(progress.first?.objectValue, "\(run.stdout)")
        #expect(item["state"] == "active", "\(item)")
        #expect(item["done"] == .bool(false))
    }

    /// Markdown from every read command escapes the ledger's text, as the reports do: a title's HTML
    /// or emphasis reads as written, and a draft's `<date>` stays visible.
    @Test func markdownEscapesTheLedgersTextEverywhere() {
        let own = OwnBinary()
        let title = "a | b <script>x</script> *bold*"
        own.succeeds(
            "add",
            title,
            "--stakes",
            "low",
            "--due",
            "2026-11-24",
            "--done-when",
            "x",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        for command in [["doctor"], ["list"], ["show", "1"], ["standup"]] {
            let run = own.run(command + ["--format", "md", "--now", "2026-11-26T12:00:00Z"])
            #expect(run.code == 0, "\(command): \(run.stderr)")
            #expect(!run.stdout.contains("<script>") && !run.stdout.contains(" *bold*"), "\(command): \(run.stdout)")
            #expect(run.stdout.contains(#"\<script\>"#), "\(command): \(run.stdout)")
        }
        let doctor = own("doctor", "--format", "md", "--now", "2026-11-26T12:00:00Z").stdout
        #expect(!doctor.contains(" <date>"), "\(doctor)")
    }

    /// What people typed is quoted escaped in every error and message, never acted on by the terminal.
    @Test func errorsQuoteControlCharactersEscaped() {
        let own = OwnBinary()
        own.succeeds("add", "Anything")
        let show = own("show", "\u{1B}]0;pwned\u{07}zz")
        #expect(show.code != 0)
        #expect(!show.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(show.stderr)")
        #expect(show.stderr.contains(#"\e]0;pwned"#), "\(show.stderr)")
        let list = own("list", "--owner", "\u{1B}[2J")
        // A control character is no part of a name: refused, quoted escaped.
        #expect(list.code == 2)
        #expect(!list.stderr.unicodeScalars.contains { $0.value == 0x1B }, "\(list.stderr)")
        #expect(list.stderr.contains(#"the value '\e[2J' is invalid for '--owner <person>'"#), "\(list.stderr)")
        let filtered = own("list", "--due-before", "2026-01-01")
        #expect(filtered.stdout == "no loops match\n", "a filter that matches nothing says so: \(filtered.stdout)")
    }
}
