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
        try #require(standup.changes.first { $0.loop == "billing-export" })
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
