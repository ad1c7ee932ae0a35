import Foundation
import OwnCore
import Testing

@Suite("Weekly")
struct WeeklyTests {
    /// Friday 17:30 in Berlin.
    static let friday = ReportFixture.at("2026-11-27T16:30:00Z")

    static func weekly(now: Date = friday, since: Date? = nil, until: Date? = nil) -> Weekly {
        let story = ReportFixture.story
        return Weekly(
            owner: "alice",
            loops: story.loops(at: until ?? now),
            events: story.events(since: since ?? .distantPast, now: until ?? now),
            commits: ReportFixture.commits,
            calendar: ReportFixture.berlin,
            now: now,
            since: since,
            until: until
        )
    }

    @Test("The working week runs from the start of Monday on the owner's clock")
    func window() {
        let weekly = Self.weekly()
        #expect(weekly.firstDay == CivilDate(year: 2026, month: 11, day: 23))
        #expect(weekly.since == ReportFixture.at("2026-11-22T23:00:00Z"))
    }

    @Test(
        "A Sunday-to-Thursday week starts on Sunday",
        arguments: [("2026-11-26T10:00:00Z", "2026-11-22"), ("2026-11-28T10:00:00Z", "2026-11-22")]
    )
    func sundayWeek(now: String, first: String) throws {
        let calendar = try WorkingCalendar(tz: "Asia/Jerusalem", workdays: "Sun-Thu", hours: nil)
        #expect(Weekly.week(containing: ReportFixture.at(now), calendar: calendar).first.description == first)
    }

    /// A day off mid-week does not end the week: it ends before the longest run of days off.
    @Test(
        "A week with days off in it starts after its longest run of days off",
        arguments: [
            ("Mon,Wed,Fri", "2026-03-11T10:00:00Z", "2026-03-09"),
            ("Mon,Wed,Fri", "2026-03-13T10:00:00Z", "2026-03-09"),
            ("Mon,Wed,Fri", "2026-03-10T10:00:00Z", "2026-03-09"),
            ("Mon,Wed,Fri", "2026-03-14T10:00:00Z", "2026-03-09"),
            ("Mon,Tue,Thu", "2026-03-12T10:00:00Z", "2026-03-09"), ("Mon-Sun", "2026-03-12T10:00:00Z", "2026-03-09"),
            ("Mon-Fri", "2026-03-09T10:00:00Z", "2026-03-09"), ("Tue-Sat", "2026-03-09T10:00:00Z", "2026-03-03"),
        ]
    )
    func weekWithDaysOffInIt(workdays: String, now: String, first: String) throws {
        let calendar = try WorkingCalendar(tz: "UTC", workdays: workdays, hours: nil)
        #expect(Weekly.week(containing: ReportFixture.at(now), calendar: calendar).first.description == first)
    }

    @Test("Progress: done with outcomes and verification, then loops that moved")
    func progress() {
        let progress = Self.weekly().progress
        #expect(progress.map(\.loop) == ["login-timeout", "search", "billing-export", "runbook"])
        #expect(progress[0].facts["verified"] == .bool(true))
        #expect(progress[1].facts["verified"] == .bool(false))
        #expect(progress[2].facts["done"] == .bool(false))
    }

    @Test("New: the loops opened in the week, and not those opened before it")
    func opened() throws {
        let weekly = Self.weekly()
        #expect(weekly.opened.map(\.loop) == ["runbook"])
        let item = try #require(weekly.opened.first)
        #expect(item.summary == "opened Mon 23 Nov, open, low stakes, due Tue 1 Dec")
        #expect(item.facts["created"] == "2026-11-23T09:00:00Z")
        #expect(weekly.includedLoops.contains("runbook"))
        // The week before: the loops opened from Monday 16 to Friday 20.
        let before = Self.weekly(
            since: ReportFixture.at("2026-11-15T23:00:00Z"),
            until: ReportFixture.at("2026-11-20T16:00:00Z")
        )
        #expect(
            before.opened.map(\.loop) == [
                "login-timeout", "billing-export", "flaky-test", "certs", "graphql", "quarterly",
            ]
        )
    }

    @Test("Decisions: hand-offs, drops and due changes with reasons, in time order")
    func decisions() {
        let decisions = Self.weekly().decisions
        #expect(decisions.map(\.loop) == ["certs", "graphql", "billing-export"])
        #expect(decisions.map { $0.facts["decision"]?.stringValue } == ["handedOff", "dropped", "dueChanged"])
    }

    @Test("Risks: blocked, overdue, due within a week and quiet")
    func risks() {
        let risks = Self.weekly().risks
        // Billing export is due within a week too, but moved on Friday: not a risk.
        #expect(risks.map(\.loop) == ["pg-upgrade", "runbook", "flaky-test", "quarterly"])
        let reasons = Dictionary(uniqueKeysWithValues: risks.map { ($0.loop, $0.facts["risks"]) })
        #expect(reasons["quarterly"] == .array([.string("overdue")]))
        #expect(reasons["pg-upgrade"] == .array([.string("blocked")]))
        #expect(reasons["runbook"] == .array([.string("due-soon-quiet")]))
        // Each code in words too, as the text form says it.
        for risk in risks {
            #expect(risk.facts["said"]?.arrayValue?.count == risk.facts["risks"]?.arrayValue?.count)
        }
        #expect(
            risks.first { $0.loop == "quarterly" }?.facts["said"]?.arrayValue?.first?.stringValue?.hasPrefix(
                "overdue, was due "
            ) == true
        )
    }

    @Test("--since and --until bound the window")
    func explicitWindow() {
        let weekly = Self.weekly(
            since: ReportFixture.at("2026-11-24T00:00:00Z"),
            until: ReportFixture.at("2026-11-25T00:00:00Z")
        )
        // Search was done that day; the login fix was started.
        #expect(weekly.progress.map(\.loop) == ["search", "login-timeout"])
        #expect(weekly.decisions.map(\.loop) == ["certs"])
    }

    /// A note at exactly midnight belongs to the week it starts, not also to the one it ends.
    @Test("A window ends before its until: an event at that instant is in the next window only")
    func untilIsNotInTheWindow() throws {
        let created = event(.created, "2026-11-16T09:00:00Z", loop: "edge", by: "alice", ["title": "Edge"])
        let note = event(.noted, "2026-11-23T00:00:00Z", loop: "edge", by: "alice", ["note": "at midnight"])
        let loop = try #require(Loop.fold([created, note]))
        let utc = try WorkingCalendar(tz: "UTC", workdays: "Mon-Fri", hours: nil)
        func weekly(_ since: String, _ until: String?, now: String) -> Weekly {
            Weekly(
                owner: "alice",
                loops: [loop],
                events: [created, note],
                calendar: utc,
                now: ReportFixture.at(now),
                since: ReportFixture.at(since),
                until: until.map(ReportFixture.at)
            )
        }
        let before = weekly("2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z", now: "2026-11-25T10:00:00Z")
        #expect(!before.progress.contains { $0.loop == "edge" })
        #expect(before.until == ReportFixture.at("2026-11-23T00:00:00Z"))
        let next = weekly("2026-11-23T00:00:00Z", nil, now: "2026-11-25T10:00:00Z")
        #expect(next.progress.contains { $0.loop == "edge" })
    }

    @Test("Markdown matches the golden file")
    func markdown() throws {
        try Golden.check(Report.weekly(Self.weekly()).rendered(as: .md), "weekly.md")
    }

    @Test("JSON: exactly the six arrays, each element with loop and title")
    func json() throws {
        let output = Report.weekly(Self.weekly()).rendered(as: .json)
        let object = try #require(try JSONParser.parse(output).objectValue)
        #expect(
            Set(object.keys) == [
                "owner", "progress", "new", "decisions", "risks", "next", "guards", "notTakingOn", "away",
            ]
        )
        #expect(object["owner"] == "alice", "whose it is, for --owner all")
        for (name, array) in object where !["owner", "notTakingOn", "away"].contains(name) {
            for element in try #require(array.arrayValue) {
                #expect(element.objectValue?["loop"]?.stringValue != nil)
                #expect(element.objectValue?["title"]?.stringValue != nil)
            }
        }
        #expect(output.hasPrefix("{\"owner\":\"alice\",\"progress\":["))
        try Golden.check(output, "weekly.json")
    }
}
