import Foundation
import OwnCore
import Testing

@Suite("The doctor: every rule, a stable order, one owner, and the output formats")
struct DoctorTests {
    /// Ana's loop, blocked and silent for two weeks; Ben's five active loops.
    var loops: [Loop] {
        var numbered = folded(
            created("2026-11-09T09:00:00Z", loop: "pay", ["title": "Payments", "due": "2026-11-20"]),
            event(.started, "2026-11-09T10:00:00Z", loop: "pay"),
            event(.blocked, "2026-11-13T10:00:00Z", loop: "pay", ["reason": "webhooks"])
        )
        numbered.number = 12
        let ben = (1...5).map { index in
            folded(
                created("2026-11-23T09:00:00Z", loop: "b\(index)", by: "ben"),
                event(.started, "2026-11-23T10:00:00Z", loop: "b\(index)", by: "ben"),
                event(.noted, "2026-11-27T10:00:00Z", loop: "b\(index)", by: "ben", ["note": "going"])
            )
        }
        return ben + [numbered]
    }

    let now = instant("2026-11-27T16:00:00Z")

    @Test func everyRuleIsRunInTheTablesOrder() {
        #expect(Doctor.rules.map { $0.name } == RuleName.allCases)
        let findings = Doctor().findings(in: loops, now: now)
        #expect(
            findings.map { "\($0.rule.rawValue) \($0.loop ?? $0.owner)" } == [
                "going-dark pay", "stuck-alone pay", "overcommitted ben", "overdue pay",
            ]
        )
        #expect(findings.first?.number == 12)
    }

    @Test func manyLoopsAreJudgedSideBySideWithTheSameFindings() {
        // Past the threshold the rules run on several threads: the findings are the ones each rule
        // gives on its own, in the same order, whoever finished first.
        var many: [Loop] = []
        for copy in 0..<(Doctor.loopsJudgedInParallel / loops.count + 1) {
            for var loop in loops {
                loop.key += "-\(copy)"
                loop.number = many.count + 1
                loop.owner += "\(copy % 7)"
                many.append(loop)
            }
        }
        #expect(many.count >= Doctor.loopsJudgedInParallel)
        let doctor = Doctor()
        let oneByOne = Doctor.rules.flatMap {
            $0.findings(in: many, policy: doctor.policy, calendars: doctor.calendars, now: now)
        }
        .sorted(by: Doctor.precedes)
        let findings = doctor.findings(in: many, now: now)
        #expect(findings.count > many.count / 2)
        #expect(findings == oneByOne)
        #expect(Set(findings.map(\.rule)) == [.goingDark, .stuckAlone, .overcommitted, .overdue])
    }

    @Test func oneOwner() {
        #expect(Doctor().findings(in: loops, now: now, owner: "ben").map(\.rule) == [.overcommitted])
        #expect(Doctor().findings(in: loops, now: now, owner: "nobody").isEmpty)
    }

    @Test func thePolicyAndCalendarsAreTheDoctors() throws {
        let relaxed = try Policy(
            ["wip-limit": .number(5), "dark-after.medium": .number(20), "ask-for-help-after": .number(20)],
            source: "test"
        )
        #expect(Doctor(policy: relaxed).findings(in: loops, now: now).map(\.rule) == [.overdue])
    }

    @Test func theJSONHasTheContractsMembersInOrder() throws {
        let findings = Doctor().findings(in: loops, now: now)
        let json = FindingFormat.json.render(findings)
        let lines = json.split(separator: "\n")
        #expect(lines.first == "[")
        #expect(lines.last == "]")
        #expect(lines.count == findings.count + 2)
        #expect(
            lines[1].hasPrefix(
                "{\"rule\":\"going-dark\",\"loop\":\"pay\",\"number\":12,\"title\":\"Payments\",\"owner\":\"ana\","
                    + "\"severity\":\"warning\",\"since\":\"2026-11-13T10:00:00Z\",\"message\":"
            )
        )
        #expect(lines[3].hasPrefix("{\"rule\":\"overcommitted\",\"loop\":null,\"number\":null,\"title\":null,"))
        let parsed = try JSONParser.parse(json)
        #expect(parsed.arrayValue?.count == findings.count)
        #expect(FindingFormat.json.render([]) == "[]")
    }

    @Test func textAndMarkdown() {
        let findings = Doctor().findings(in: loops, now: now)
        let text = FindingFormat.text.render(findings)
        #expect(text.hasPrefix("warning   going-dark            #12 Payments (ana)"))
        #expect(text.contains("\n  → draft: \"Update on #12 Payments: blocked since Nov 13 on webhooks."))
        #expect(text.contains("overcommitted         ben"))
        let markdown = FindingFormat.md.render(findings)
        #expect(markdown.contains("| warning | `going-dark` | #12 Payments | ana | 2026-11-13 |"))
        // The day on the owner's calendar, as the message dates things: 10:00 UTC is the next day at +14.
        let kiritimati = try! WorkingCalendar(tz: "Pacific/Kiritimati", workdays: "Mon-Fri", hours: "09:00-17:00")
        let far = FindingFormat.md.render(findings, calendars: Calendars(people: ["ana": kiritimati]))
        #expect(far.contains("| #12 Payments | ana | 2026-11-14 |"), "\(far)")
        #expect(FindingFormat.text.render([]) == "nothing slipping")
        #expect(FindingFormat.md.render([]) == "nothing slipping")
    }

    @Test(arguments: RuleName.allCases)
    func everyRuleExplainsItself(rule: RuleName) {
        #expect(!rule.checks.isEmpty)
        #expect(!rule.why.isEmpty)
        for threshold in rule.thresholds(in: .defaults) {
            #expect(PolicyKey.named(threshold.key) != nil)
        }
    }

    @Test func severities() {
        #expect(Severity.info < .warning && Severity.warning < .critical)
        #expect(RuleName.invisibleWork.defaultSeverity == .info)
        #expect(RuleName.goingDark.defaultSeverity == .warning)
        let critical = folded(created("2026-11-23T09:00:00Z", ["stakes": "critical"]))
        #expect(RuleName.goingDark.severity(for: critical) == .critical)
        #expect(RuleName.openLoop.severity(for: critical) == .info)
    }
}

@Suite("A finding's JSON")
struct FindingJSONTests {
    @Test func theFastWriterMatchesTheValue() {
        let loop = folded(created("2026-11-23T09:00:00Z", ["title": "Quote \" and \\ and\nnewline"]))
        let findings = [
            Finding(
                rule: .overdue,
                loop: loop,
                severity: .critical,
                since: instant("2026-11-24T00:00:00Z"),
                message: "m",
                suggestion: "s \u{1}"
            ),
            Finding(
                rule: .cherryPicking,
                owner: "eve",
                severity: .info,
                since: instant("2026-10-30T16:00:00Z"),
                message: "m",
                suggestion: "s"
            ),
        ]
        for finding in findings {
            var bytes: [UInt8] = []
            finding.writeJSON(into: &bytes)
            let fast = String(decoding: bytes, as: UTF8.self)
            var slow = ""
            if case .object(let members) = finding.json {
                JSONWriter.writeObject(members, order: Finding.jsonOrder, into: &slow)
            }
            #expect(fast == slow)
        }
    }
}
