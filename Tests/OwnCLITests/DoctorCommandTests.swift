import Foundation
import OwnCore
import Testing

@Suite("own doctor and own policy: options, policy sources, explanations and errors")
struct DoctorCommandTests {
    @Test(arguments: [
        (
            ["doctor", "--fail-on", "severe"],
            "'severe' is invalid for '--fail-on <severity>'. Please provide one of 'info', 'warning' or 'critical'"
        ),
        (
            ["doctor", "--format", "html"],
            "'html' is invalid for '--format <format>'. Please provide one of 'text', 'md' or 'json'"
        ),
        (
            ["doctor", "--explain", "sloppy"],
            "'sloppy' is invalid for '--explain <rule>'. Please provide one of 'going-dark', 'stuck-alone'"
        ),
        (["doctor", "--policy", "/no/such/policy.toml"], "cannot read the policy file /no/such/policy.toml"),
    ])
    func usageErrorsExitTwo(arguments: [String], message: String) {
        let run = OwnBinary().run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aPolicyFileWithAnUnknownKeyOrABadValueNamesTheKey() {
        let own = OwnBinary()
        let unknown = own("doctor", "--policy", own.file("unknown.toml", "wip-limt = 2\n"))
        #expect(unknown.code == 2)
        #expect(unknown.stderr.contains("\"wip-limt\""), "\(unknown.stderr)")
        let bad = own("policy", "--policy", own.file("bad.toml", "[policy.dark-after]\nhigh = \"soon\"\n"))
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("dark-after.high"), "\(bad.stderr)")
        // Keys beside a [policy] table were dropped without a word.
        let beside = own("policy", "--policy", own.file("beside.toml", "wip-limit = 2\n[policy]\ncapacity = 3\n"))
        #expect(beside.code == 2)
        #expect(beside.stderr.contains("wip-limit is outside its [policy] table"), "\(beside.stderr)")
    }

    @Test func policyShowsWhereEachValueCameFrom() throws {
        let own = OwnBinary()
        let config = own.file("config.toml", "[policy]\nwip-limit = 2\ncapacity = 5\n")
        let file = own.file("team.toml", "capacity = 4\n[dark-after]\nhigh = 1\n")
        let run = own("policy", "--config", config, "--policy", file)
        #expect(run.code == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("wip-limit") && $0.contains("2") && $0.hasSuffix("\(config) [policy]") })
        #expect(
            lines.contains { $0.hasPrefix("capacity ") && $0.contains("4 h per working day") && $0.hasSuffix(file) }
        )
        #expect(
            lines.contains { $0.hasPrefix("dark-after.high") && $0.contains("1 working day") && $0.hasSuffix(file) }
        )
        #expect(lines.contains { $0.hasPrefix("dark-after.medium") && $0.hasSuffix("default (docs/doctor.md)") })
        #expect(lines.count == PolicyKey.all.count)
        let json = own("policy", "--json", "--config", config)
        #expect(json.stdout.contains("{\"key\":\"wip-limit\""))
        // A switch is true or false, as a policy file writes it (it read 0).
        let entries = (try JSONParser.parse(json.stdout).arrayValue ?? []).compactMap(\.objectValue)
        let earned = entries.first { $0["key"] == "earned-autonomy" }
        #expect(earned?["value"] == .bool(false) && earned?["text"] == "false", "\(json.stdout)")
    }

    /// An owner-level rule is no loop's: no stakes make its findings critical, and the explain says so.
    @Test func explainSaysWhichRulesEscalateAtCriticalStakes() {
        let own = OwnBinary()
        #expect(own("doctor", "--explain", "overcommitted").stdout.contains("critical on a loop") == false)
        #expect(
            own("doctor", "--explain", "overcommitted", "--json").stdout.contains(#""criticalAtCriticalStakes":false"#)
        )
        #expect(own("doctor", "--explain", "overdue").stdout.contains("critical on a loop at critical stakes"))
        #expect(own("doctor", "--explain", "going-dark").stdout.contains("reopen"))
    }

    @Test func policyAndExplainNeedNoLedger() {
        let own = OwnBinary()
        let notALedger = own.file("notes.txt", "just notes\n")
        #expect(own("policy", "--db", notALedger).code == 0)
        #expect(own("doctor", "--explain", "overdue", "--db", notALedger).code == 0)
        let doctor = own("doctor", "--db", notALedger)
        #expect(doctor.code == 3, "the doctor itself reads the ledger: a storage error")
    }

    @Test func thePolicyChangesWhatTheDoctorSays() {
        let own = OwnBinary()
        own.succeeds("import", own.file("stories.jsonl", DoctorStories.jsonl))
        let relaxed = own.file("relaxed.toml", "[policy]\nwip-limit = 5\ncapacity = 8\n")
        let run = own("doctor", "--json", "--owner", "dee", "--policy", relaxed, "--now", DoctorStories.now)
        #expect(run.stdout == "[]\n", "\(run.stdout)\(run.stderr)")
    }

    @Test func explainPrintsTheRuleItsThresholdsAndWhy() {
        let own = OwnBinary()
        let policy = own.file("p.toml", "ask-for-help-after = \"2d\"\n")
        let run = own("doctor", "--explain", "stuck-alone", "--policy", policy)
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("stuck-alone (warning"))
        #expect(run.stdout.contains("checks: A blocked loop"))
        #expect(run.stdout.contains("ask-for-help-after = 2 working days  (\(policy))"))
        #expect(run.stdout.contains("why: "))
        // In the format asked for: --json printed the text.
        let json = own("doctor", "--explain", "stuck-alone", "--policy", policy, "--json")
        let object = try? JSONParser.parse(json.stdout).objectValue
        #expect(object?["rule"] == "stuck-alone" && object?["severity"] == "warning", "\(json.stdout)")
        #expect(
            object?["thresholds"]
                == .array([
                    .object(["key": "ask-for-help-after", "value": "2 working days", "source": .string(policy)])
                ])
        )
        // Members in the order docs/doctor.md gives them, not sorted by name.
        #expect(
            json.stdout.hasPrefix(
                #"{"rule":"stuck-alone","severity":"warning","criticalAtCriticalStakes":true,"checks":"#
            ),
            "\(json.stdout)"
        )
        #expect(json.stdout.contains(#""thresholds":[{"key":"ask-for-help-after","value":"2 working days","source":"#))
        #expect(json.stdout.contains(#"],"why":""#))
        let md = own("doctor", "--explain", "stuck-alone", "--policy", policy, "--format", "md").stdout
        #expect(md.hasPrefix("### `stuck-alone` (warning"), "\(md)")
        #expect(md.contains("- `ask-for-help-after` = 2 working days"), "\(md)")
        // Every rule, as `own gate --explain all` lists the gate's.
        let all = own("doctor", "--explain", "all").stdout
        #expect(
            RuleName.allCases.allSatisfy { all.contains("\n\n\($0.rawValue) (") || all.hasPrefix($0.rawValue + " (") }
        )
        let array = try? JSONParser.parse(own("doctor", "--explain", "all", "--json").stdout).arrayValue
        #expect(array?.compactMap { $0.objectValue?["rule"]?.stringValue } == RuleName.allCases.map(\.rawValue))
    }

    @Test func calendarsFromTheConfigurationAreUsed() {
        // Blocked Monday 16:00 Tokyo time (07:00 UTC); by Tuesday 08:30 UTC Tokyo has worked 9 hours.
        let own = OwnBinary()
        let lines = [
            Event(
                id: "1",
                loop: "x",
                at: Timestamp.parse("2026-11-23T00:00:00Z")!,
                by: "kei",
                type: .created,
                fields: ["title": "Tokyo work", "doneWhen": "done", "due": "2027-01-29"]
            ),
            Event(
                id: "2",
                loop: "x",
                at: Timestamp.parse("2026-11-23T07:00:00Z")!,
                by: "kei",
                type: .blocked,
                fields: ["reason": "waiting"]
            ),
        ]
        own.succeeds("import", own.file("t.jsonl", lines.map(\.jsonLine).joined(separator: "\n") + "\n"))
        let config = own.file("config.toml", "[people.kei]\ntz = \"Asia/Tokyo\"\n")
        let tokyo = own("doctor", "--json", "--config", config, "--now", "2026-11-24T08:30:00Z")
        #expect(tokyo.stdout.contains("\"rule\":\"stuck-alone\""), "\(tokyo.stdout)\(tokyo.stderr)")
        let utc = own("doctor", "--json", "--now", "2026-11-24T08:30:00Z")
        #expect(!utc.stdout.contains("\"rule\":\"stuck-alone\""))
    }

    /// What `stopped-at-merge` asks for can be recorded once the loop is done: `own done --verified`
    /// on a done loop said "already done", and no other command recorded it.
    @Test func aDoneLoopIsVerifiedAfterwardsWithEdit() throws {
        let own = OwnBinary()
        own.succeeds("add", "Cut over", "--stakes", "high", "--done-when", "x", "--now", "2026-11-23T09:00:00Z")
        own.succeeds("done", "1", "--outcome", "shipped", "--now", "2026-11-23T10:00:00Z")
        let before = own("doctor", "--json", "--now", "2026-11-23T11:00:00Z").stdout
        #expect(before.contains("own edit 1 --verified --monitored-by"), "\(before)")
        let run = own(
            "edit",
            "1",
            "--verified",
            "--monitored-by",
            "checkout error alert",
            "--now",
            "2026-11-23T12:00:00Z"
        )
        #expect(run.stdout == "#1 edited: monitored-by, verified\n", "\(run.stdout)\(run.stderr)")
        #expect(!own("doctor", "--json", "--now", "2026-11-23T13:00:00Z").stdout.contains("stopped-at-merge"))
        let loop = try JSONParser.parse(own("show", "1", "--json").stdout).objectValue?["loop"]?.objectValue
        #expect(loop?["state"] == "done", "still done")
        // The history says what the edit changed, not only which fields.
        let history = own("show", "1").stdout
        #expect(history.contains(#"edited: monitored-by "checkout error alert"; verified true"#), "\(history)")
    }
}
