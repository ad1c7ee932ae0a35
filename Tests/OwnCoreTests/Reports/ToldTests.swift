import Foundation
import OwnCore
import Testing

@Suite("One definition of told: reports and the doctor agree")
struct ToldTests {
    /// The story, with a notice on billing-export ten minutes after its due date moved (Friday 16:00 UTC).
    static var story: ReportFixture {
        var story = ReportFixture.story
        story.add("billing-export", "2026-11-27T16:10:00Z", .reported, ["channel": "notice"])
        return story
    }

    static func standup(_ story: ReportFixture, now: Date) -> Standup {
        let calendar = ReportFixture.berlin
        return Standup(
            owner: "alice",
            loops: story.loops(at: now),
            events: story.events(since: Standup.windowStart(now: now, calendar: calendar), now: now),
            calendar: calendar,
            now: now
        )
    }

    static func dueChange(_ standup: Standup) throws -> ReportItem {
        try #require(standup.changes.first { $0.loop == "billing-export" && $0.facts["change"] == "due" })
    }

    @Test func aChangeANoticeReportedTenMinutesLaterIsToldInTheStandup() throws {
        let change = try Self.dueChange(Self.standup(Self.story, now: ReportFixture.at("2026-11-30T08:30:00Z")))
        #expect((change.summary ?? "").hasSuffix("; told in a notice report"), "\(change.summary ?? "")")
        #expect(change.facts["wasTold"] == .bool(true))
        #expect(change.facts["reportedIn"] == "notice")
    }

    @Test func beforeTheNoticeTheSameChangeIsNotToldYet() throws {
        let change = try Self.dueChange(Self.standup(Self.story, now: ReportFixture.at("2026-11-27T16:05:00Z")))
        #expect((change.summary ?? "").hasSuffix("; nobody told yet"), "\(change.summary ?? "")")
        #expect(change.facts["wasTold"] == .bool(false))
        #expect(change.facts["reportedIn"] == .null)
    }

    /// The issue's own case: a risk, and a notice that reported it ten minutes later.
    @Test func aRiskANoticeReportedTenMinutesLaterIsToldInTheStandup() throws {
        var story = ReportFixture.story
        story.add("billing-export", "2026-11-27T16:30:00Z", .risk, ["note": "the bank may change it again"])
        story.add("billing-export", "2026-11-27T16:40:00Z", .reported, ["channel": "notice"])
        let standup = Self.standup(story, now: ReportFixture.at("2026-11-30T08:30:00Z"))
        let risk = try #require(standup.changes.first { $0.loop == "billing-export" && $0.facts["change"] == "risk" })
        #expect((risk.summary ?? "").hasSuffix("; told in a notice report"), "\(risk.summary ?? "")")
        #expect(risk.facts["wasTold"] == .bool(true))
    }

    /// Telling people the plan as it stands tells them of the earlier, untold change too.
    @Test func aLaterChangeThatNamesWhoWasToldTellsOfTheEarlierOne() throws {
        var story = ReportFixture.story
        story.add("billing-export", "2026-11-27T16:20:00Z", .scopeChanged, ["note": "also XML", "told": ["finance"]])
        let now = ReportFixture.at("2026-11-30T08:30:00Z")
        let due = try Self.dueChange(Self.standup(story, now: now))
        #expect((due.summary ?? "").hasSuffix("; told finance with a later change"), "\(due.summary ?? "")")
        #expect(due.facts["wasTold"] == .bool(true))
        #expect(due.facts["reportedIn"] == .null)
        // The doctor judges once `notice-within` has passed, as in `theWeeklyAndTheDoctorSayTheSame`.
        let judged = ReportFixture.at("2026-12-02T16:00:00Z")
        let calendars = Calendars(fallback: ReportFixture.berlin)
        let findings = UncommunicatedChange.findings(
            in: story.loops(at: judged),
            policy: Policy(),
            calendars: calendars,
            now: judged
        )
        #expect(!findings.contains { $0.loop == "billing-export" })
        // An earlier telling does not tell of a later change.
        var earlier = ReportFixture.story
        earlier.add("billing-export", "2026-11-27T15:00:00Z", .scopeChanged, ["note": "also XML", "told": ["finance"]])
        let untold = try Self.dueChange(Self.standup(earlier, now: now))
        #expect((untold.summary ?? "").hasSuffix("; nobody told yet"), "\(untold.summary ?? "")")
        let stillFound = UncommunicatedChange.findings(
            in: earlier.loops(at: judged),
            policy: Policy(),
            calendars: calendars,
            now: judged
        )
        #expect(stillFound.contains { $0.loop == "billing-export" })
    }

    @Test func theWeeklyAndTheDoctorSayTheSame() throws {
        let now = ReportFixture.at("2026-12-02T16:00:00Z")
        let calendars = Calendars(fallback: ReportFixture.berlin)
        for (story, told) in [(Self.story, true), (ReportFixture.story, false)] {
            let loops = story.loops(at: now)
            let loop = try #require(loops.first { $0.key == "billing-export" })
            let change = try #require(loop.changes.last)
            #expect(loop.wasTold(change) == told)
            let findings = UncommunicatedChange.findings(in: loops, policy: Policy(), calendars: calendars, now: now)
            #expect(findings.contains { $0.loop == "billing-export" } == !told)
        }
    }
}
