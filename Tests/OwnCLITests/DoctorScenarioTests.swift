import Foundation
import OwnCore
import Testing

@Suite("The doctor on five stories: through the core, then through own import and own doctor")
struct DoctorScenarioTests {
    typealias Expected = DoctorStories.Expected

    @Test func theCoreFindsExactlyTheStoriesProblems() {
        let byLoop = Dictionary(grouping: DoctorStories.events, by: \.loop)
        let loops = byLoop.values.compactMap { Loop.fold($0.sorted { $0.at < $1.at }) }
        let findings = Doctor().findings(in: loops, now: Timestamp.parse(DoctorStories.now)!)
        #expect(Set(findings.map { Expected($0.rule.rawValue, $0.loop, $0.owner) }) == DoctorStories.expected)
        #expect(findings.count == DoctorStories.expected.count, "one finding per rule and loop or owner")
    }

    @Test func endToEndTheJSONHasExactlyTheStoriesFindings() throws {
        let own = OwnBinary()
        let file = own.file("stories.jsonl", DoctorStories.jsonl)
        let imported = own("import", file)
        #expect(imported.code == 0, "\(imported.stderr)")
        let run = own("doctor", "--json", "--now", DoctorStories.now)
        #expect(run.code == 0, "\(run.stderr)")
        let findings = try #require(try JSONParser.parse(run.stdout).arrayValue)
        let got = findings.compactMap(\.objectValue).map { finding in
            Expected(finding["rule"]!.stringValue!, finding["loop"]!.stringValue, finding["owner"]!.stringValue!)
        }
        #expect(Set(got) == DoctorStories.expected)
        #expect(got.count == DoctorStories.expected.count)
        for finding in findings.compactMap(\.objectValue) {
            for key in ["rule", "loop", "owner", "severity", "since", "message", "suggestion", "number", "title"] {
                #expect(finding[key] != nil, "every finding has \(key)")
            }
            #expect(["info", "warning", "critical"].contains(finding["severity"]?.stringValue ?? ""))
            #expect(finding["since"]?.stringValue.flatMap { Timestamp.parse($0) } != nil)
            #expect((finding["suggestion"]?.stringValue ?? "").isEmpty == false)
        }
        let silent = try #require(
            findings.compactMap(\.objectValue).first { $0["rule"] == "going-dark" && $0["loop"] == "pay" }
        )
        #expect(silent["since"] == "2026-11-13T10:00:00Z")
        #expect(silent["severity"] == "warning")
        #expect(silent["title"] == "Payment provider integration")
        #expect(silent["message"]?.stringValue?.hasSuffix("stakes high allow 2 working days") == true)
        let overdue = try #require(findings.compactMap(\.objectValue).first { $0["rule"] == "overdue" })
        #expect(overdue["since"] == "2026-11-21T00:00:00Z")
        let picking = try #require(findings.compactMap(\.objectValue).first { $0["rule"] == "cherry-picking" })
        #expect(picking["loop"] == .null)
        #expect(picking["number"] == .null)
        #expect(picking["message"] == "0 of 6 loops done in 4 weeks were boring kinds (0 %; at least 20 %)")
        let flight = try #require(
            findings.compactMap(\.objectValue).first { $0["rule"] == "overcommitted" && $0["owner"] == "dee" }
        )
        #expect(flight["message"] == "5 loops active (limit 3); 40 h due in 5 working days (capacity 30 h)")
        let untold = try #require(findings.compactMap(\.objectValue).first { $0["rule"] == "uncommunicated-change" })
        #expect(untold["since"] == "2026-11-18T10:00:00Z")
        #expect(untold["suggestion"]?.stringValue?.hasPrefix("Notice to billing-team on #") == true)
    }

    /// A name given to --owner that no loop has and the configuration does not list is probably a typo:
    /// every read that takes --owner says so on stderr, and still answers (it may be a new teammate).
    @Test func anOwnerNobodyKnowsIsWarnedOf() {
        let own = OwnBinary()
        own.succeeds("add", "Rotate the keys", "--key", "keys")
        own.succeeds("handoff", "keys", "--to", "lee")
        let config = own.file("config.toml", "[people.pat]\ntz = \"Europe/Berlin\"\n")
        for command in [["doctor"], ["list"], ["standup"], ["weekly"], ["record"]] {
            let typo = own.run(command + ["--owner", "benn", "--config", config])
            #expect(typo.code == 0, "\(command): \(typo.stderr)")
            #expect(typo.stderr.contains("no loop in this ledger is or was benn's"), "\(command): \(typo.stderr)")
            // An owner, a delegator, a configured person, everyone: no warning.
            for known in ["lee", "ana", "pat", "all"] {
                let run = own.run(command + ["--owner", known, "--config", config])
                #expect(!run.stderr.contains("no loop in this ledger"), "\(command) \(known): \(run.stderr)")
            }
        }
        // Someone a loop was handed to, who no longer has it (taken by an edit), was its owner: no warning.
        own.succeeds("add", "Renew the certificate", "--key", "cert")
        own.succeeds("handoff", "cert", "--to", "kim")
        own.succeeds("edit", "cert", "--owner", "bo", "--as", "bo")
        #expect(!own("list", "--owner", "kim").stderr.contains("no loop in this ledger"))
        // A name that only appears inside another's text is still nobody's.
        own.succeeds("note", "keys", "ask \"benn\" about it", "--as", "lee")
        #expect(own("list", "--owner", "benn").stderr.contains("no loop in this ledger is or was benn's"))
    }

    /// The invisible-work suggestion, followed as written, clears the finding: the standup and this
    /// week's weekly do not reach back to the loop, the weekly it names does.
    @Test func theInvisibleWorkSuggestionClearsItsFinding() throws {
        let own = OwnBinary(now: "2026-12-01T10:00:00Z")
        own.succeeds("add", "Tidy the runbook", "--key", "runbook", "--stakes", "low", "--now", "2026-11-20T09:00:00Z")
        own.succeeds("done", "runbook", "--now", "2026-11-23T10:00:00Z")
        func invisible() throws -> JSONValue? {
            let findings = try JSONParser.parse(own("doctor", "--json").stdout).arrayValue ?? []
            return findings.first { $0.objectValue?["rule"] == "invisible-work" }
        }
        let finding = try #require(try invisible())
        let suggestion = try #require(finding.objectValue?["suggestion"]?.stringValue)
        let command = try #require(suggestion.split(separator: "`").dropFirst().first)
        #expect(command == "own weekly --since 2026-11-23 --mark")
        #expect(own("standup", "--mark").code == 0)
        #expect(try invisible() != nil, "the standup does not reach back to last week")
        let arguments = command.split(separator: " ").dropFirst().map(String.init)
        #expect(own.run(arguments).code == 0)
        #expect(try invisible() == nil)
    }

    /// A notice marked, then a slip recorded before it on another machine and imported after: the mark
    /// named what it told of, so the slip is still untold (the doctor says so) until a notice tells it.
    @Test func aMarkDoesNotTellOfAChangeThatArrivedAfterIt() throws {
        let own = OwnBinary(now: "2026-11-24T12:00:00Z")
        own.succeeds(
            "add",
            "Refund webhook",
            "--key",
            "refunds",
            "--affects",
            "lee",
            "--due",
            "2026-12-04",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("risk", "refunds", "--note", "vendor is late", "--now", "2026-11-23T10:00:00Z")
        own.succeeds("notice", "refunds", "--mark", "--now", "2026-11-23T11:00:00Z")
        func untold() throws -> Int {
            let findings = try JSONParser.parse(own("doctor", "--json").stdout).arrayValue ?? []
            return findings.filter { $0.objectValue?["rule"] == "uncommunicated-change" }.count
        }
        #expect(try untold() == 0)
        let slip =
            #"{"id":"d-laptop","loop":"refunds","at":"2026-11-23T10:30:00Z","by":"ana","type":"dueChanged","due":"2026-12-11"}"#
        own.succeeds("import", own.file("laptop.jsonl", slip + "\n"))
        #expect(try untold() == 1, "the mark at 11:00 could not have told of it")
        let notice = own("notice", "refunds", "--mark")
        #expect(notice.stdout.contains("Fri 11 Dec") || notice.stdout.contains("2026-12-11"), "\(notice.stdout)")
        #expect(try untold() == 0)
    }

    /// A report marks as told only what it showed: Wednesday's standup, which does not reach back to
    /// Monday's scope change, leaves it untold (the daily `own standup --mark` cleared the finding
    /// without anyone hearing of it); the weekly that shows it, and a standup that shows a block, tell.
    @Test func aMarkedReportTellsOnlyOfWhatItShowed() throws {
        let own = OwnBinary(now: "2026-11-25T09:30:00Z")
        let lines = [
            #"{"id":"a1","loop":"m1","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"m1","doneWhen":"x","due":"2027-01-04","stakes":"medium"}"#,
            #"{"id":"a2","loop":"m1","at":"2026-11-20T11:00:00Z","by":"ana","type":"started"}"#,
            #"{"id":"a3","loop":"m1","at":"2026-11-23T10:00:00Z","by":"ana","type":"scopeChanged","note":"much more"}"#,
        ]
        own.succeeds("import", own.file("m1.jsonl", lines.joined(separator: "\n") + "\n"))
        func untold() throws -> Int {
            let findings = try JSONParser.parse(own("doctor", "--json").stdout).arrayValue ?? []
            return findings.filter { $0.objectValue?["rule"] == "uncommunicated-change" }.count
        }
        #expect(try untold() == 1)
        let standup = own("standup", "--mark")
        #expect(standup.code == 0 && !standup.stdout.contains("much more"), "\(standup.stdout)")
        #expect(try untold() == 1, "the standup did not tell of Monday's change")
        let marked = own("export").stdout.split(separator: "\n").last { $0.contains(#""type":"reported""#) }
        #expect(marked?.contains(#""covers":[]"#) == true, "\(marked ?? "")")
        let weekly = own("weekly", "--mark")
        #expect(weekly.stdout.contains("much more"), "\(weekly.stdout)")
        #expect(try untold() == 0, "the weekly told of it")
        // A block shown by a standup is told by it.
        own.succeeds("block", "m1", "waiting on the bank", "--now", "2026-11-25T10:00:00Z")
        let blocked = own("standup", "--mark", "--now", "2026-11-25T11:00:00Z")
        #expect(blocked.stdout.contains("waiting on the bank"), "\(blocked.stdout)")
        let covers = own("export").stdout.split(separator: "\n").last { $0.contains(#""type":"reported""#) }
        let told = covers.map { $0.contains(#""covers":["#) && !$0.contains(#""covers":[]"#) }
        #expect(told == true, "\(covers ?? "")")
        // A weekly that shows it blocked tells of the block, beside the change it shows.
        own.succeeds("weekly", "--mark", "--now", "2026-11-25T12:00:00Z")
        let blockedWeekly = own("export").stdout.split(separator: "\n").last { $0.contains(#""type":"reported""#) }
        #expect(
            blockedWeekly?.contains(#""channel":"weekly""#) == true
                && blockedWeekly?.contains(#""covers":["a3",""#) == true,
            "\(blockedWeekly ?? "")"
        )
    }

    @Test func ownerFailOnAndNothingSlipping() {
        let own = OwnBinary()
        own.succeeds("import", own.file("stories.jsonl", DoctorStories.jsonl))
        let dee = own("doctor", "--json", "--owner", "dee", "--now", DoctorStories.now)
        #expect(dee.stdout.components(separatedBy: "\"rule\":").count == 2)
        #expect(dee.stdout.contains("\"owner\":\"dee\""))
        #expect(own("doctor", "--now", DoctorStories.now, "--fail-on", "warning").code == 1)
        #expect(own("doctor", "--now", DoctorStories.now, "--fail-on", "critical").code == 0)
        #expect(own("doctor", "--now", DoctorStories.now, "--owner", "eve", "--fail-on", "info").code == 1)
        #expect(own("doctor", "--now", DoctorStories.now, "--owner", "eve", "--fail-on", "warning").code == 0)
        let ben = own("doctor", "--owner", "ben", "--now", DoctorStories.now, "--fail-on", "info")
        #expect(ben.code == 0)
        #expect(ben.stdout == "nothing slipping\n")
        #expect(own("doctor", "--owner", "ben", "--json", "--now", DoctorStories.now).stdout == "[]\n")
    }

    @Test func textAndMarkdownShowTheDrafts() {
        let own = OwnBinary()
        own.succeeds("import", own.file("stories.jsonl", DoctorStories.jsonl))
        let text = own("doctor", "--owner", "ana", "--now", DoctorStories.now)
        #expect(text.stdout.hasPrefix("warning   going-dark"))
        #expect(text.stdout.contains("Payment provider integration (ana)"))
        #expect(text.stdout.contains("  → draft: \"Update on #"))
        let markdown = own("doctor", "--owner", "ana", "--format", "md", "--now", DoctorStories.now)
        #expect(markdown.stdout.hasPrefix("| severity | rule |"))
        #expect(own("doctor", "--format", "json", "--owner", "ana").stdout.hasPrefix("["))
    }

    @Test func theEnvironmentsNowIsUsedWithoutTheFlag() {
        let own = OwnBinary(now: DoctorStories.now)
        own.succeeds("import", own.file("stories.jsonl", DoctorStories.jsonl))
        #expect(own("doctor", "--owner", "ana", "--json").stdout.contains("\"rule\":\"stuck-alone\""))
    }
}
