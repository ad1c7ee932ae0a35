import Foundation
import OwnCore
import Testing

@Suite("Weekly: risks ahead and next week at the instants that showed them wrong")
struct WeeklyRiskTests {
    /// Friday 17:30 in Berlin.
    static let friday = ReportFixture.at("2026-11-27T16:30:00Z")

    static func weekly(_ story: ReportFixture, now: Date = friday) -> Weekly {
        Weekly(
            owner: "alice",
            loops: story.loops(at: now),
            events: story.events(since: .distantPast, now: now),
            calendar: ReportFixture.berlin,
            now: now
        )
    }

    static func with(_ key: String, created: String, due: String) -> ReportFixture {
        var story = ReportFixture.story
        story.add(key, created, .created, ["title": "New", "stakes": "low", "due": due])
        return story
    }

    @Test(arguments: [("2026-11-27T16:25:00Z", false), ("2026-11-24T09:00:00Z", true)])
    func aLoopCreatedMinutesAgoIsNotQuiet(created: String, quiet: Bool) {
        let weekly = Self.weekly(Self.with("fresh", created: created, due: "2026-11-30"))
        let risk = weekly.risks.first { $0.loop == "fresh" }
        #expect((risk?.facts["risks"] == .array([.string("due-soon-quiet")])) == quiet)
        #expect((risk != nil) == quiet)
        #expect(weekly.next.contains { $0.loop == "fresh" }, "due Monday: next week either way")
    }

    @Test(arguments: [("2026-11-27", false), ("2026-11-30", true)])
    func aLoopDueTodayIsARiskNotNextWeek(due: String, nextWeek: Bool) {
        let weekly = Self.weekly(Self.with("dated", created: "2026-11-26T09:00:00Z", due: due))
        #expect(weekly.next.contains { $0.loop == "dated" } == nextWeek)
        let risk = weekly.risks.first { $0.loop == "dated" }
        #expect((risk?.facts["risks"] == .array([.string("due-today")])) == !nextWeek)
    }
}
