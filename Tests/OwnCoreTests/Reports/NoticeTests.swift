import Foundation
import OwnCore
import Testing

@Suite("Notice")
struct NoticeTests {
    static let now = ReportFixture.at("2026-11-27T16:10:00Z")

    static func notice(_ key: String = "billing-export", now: Date = now) throws -> Notice {
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: now).first { $0.key == key })
        return try #require(
            Notice(
                loop: loop,
                events: story.events(since: .distantPast, now: now).filter { $0.loop == key },
                calendar: ReportFixture.berlin,
                now: now
            )
        )
    }

    @Test("What changed, what was done, the workaround, the contingency and the new date, to the affected")
    func parts() throws {
        let notice = try Self.notice()
        #expect(notice.to == ["finance", "carol"])
        #expect(notice.changes.map(\.type) == [.dueChanged])
        #expect(notice.actions == ["started", "schema agreed with finance", "CSV writer done"])
        #expect(notice.workaround == "finance can export by hand from the admin page")
        #expect(notice.due == .day(CivilDate(year: 2026, month: 12, day: 1).adding(days: 3)))
        #expect(notice.previousDue == .day(CivilDate(year: 2026, month: 12, day: 1)))
        #expect(
            notice.contingency
                == "If this is not resolved by Thu 3 Dec, the date moves by 3 working days and I will say so that day."
        )
    }

    @Test("A loop with no change to plan has no notice")
    func none() throws {
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: Self.now).first { $0.key == "pg-upgrade" })
        #expect(Notice(loop: loop, events: [], calendar: ReportFixture.berlin, now: Self.now) == nil)
    }

    @Test("Markdown matches the golden file")
    func markdown() throws {
        try Golden.check(Report.notice(try Self.notice()).rendered(as: .md), "notice.md")
    }

    @Test("JSON names the loop by key and title")
    func json() throws {
        let object = try #require(
            try JSONParser.parse(Report.notice(try Self.notice()).rendered(as: .json)).objectValue
        )
        #expect(object["loop"] == .string("billing-export"))
        #expect(object["title"] == .string("Billing export"))
        #expect(object["to"] == .array([.string("finance"), .string("carol")]))
    }
}

@Suite("Notice on an overdue loop")
struct OverdueNoticeTests {
    /// billing-export's due date moved to Fri 4 Dec; read on Tue 8 Dec it is overdue, on Thu 3 Dec not.
    @Test(arguments: [("2026-12-08T10:00:00Z", true), ("2026-12-03T10:00:00Z", false)])
    func theProposedDateIsNeverInThePast(now: String, overdue: Bool) throws {
        let instant = ReportFixture.at(now)
        let story = ReportFixture.story
        let loop = try #require(story.loops(at: instant).first { $0.key == "billing-export" })
        let notice = try #require(
            Notice(
                loop: loop,
                events: story.events(since: .distantPast, now: instant).filter { $0.loop == "billing-export" },
                calendar: ReportFixture.berlin,
                now: instant
            )
        )
        #expect(notice.overdue == overdue)
        let contingency = notice.contingency ?? ""
        if overdue {
            // Three working days (the last slip) from Tue 8 Dec: Fri 11 Dec.
            #expect(contingency.contains("is overdue: the new date is Fri 11 Dec"), "\(contingency)")
            #expect(Report.notice(notice).rendered(as: .md).contains("Was due: "))
        } else {
            #expect(contingency.hasPrefix("If this is not resolved by"), "\(contingency)")
            #expect(Report.notice(notice).rendered(as: .md).contains("New date: "))
        }
    }
}
