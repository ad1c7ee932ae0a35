import Foundation
import OwnCore
import Testing

@Suite("Working days as spans: at work, back, the end of the week")
struct WorkingDaysTests {
    @Test(arguments: [
        ("Mon-Fri", 5), ("Sun-Thu", 4), ("Mon,Wed,Fri", 5), ("Tue-Sat", 6), ("Mon-Sun", 7), ("Wed", 3),
    ])
    func theWeekEnds(workdays: String, on weekday: Int) throws {
        let calendar = try WorkingCalendar(tz: "UTC", workdays: workdays, hours: "09:00-17:00")
        #expect(calendar.weekEnd == weekday)
    }

    @Test func atWorkAndBack() throws {
        var calendar = try #require(teamCalendars().people["ana"])
        // Wednesday 2026-11-25: 08:00–16:00 UTC.
        #expect(calendar.workingDay(containing: instant("2026-11-25T07:59:00Z")) == nil)
        #expect(calendar.workingDay(containing: instant("2026-11-25T08:00:00Z")) == CivilDate(iso: "2026-11-25"))
        #expect(calendar.workingDay(containing: instant("2026-11-25T16:00:00Z")) == nil)
        #expect(calendar.nextWorkStart(from: instant("2026-11-25T08:00:00Z")) == instant("2026-11-25T08:00:00Z"))
        #expect(calendar.nextWorkStart(from: instant("2026-11-27T16:00:00Z")) == instant("2026-11-30T08:00:00Z"))
        calendar.timeOff = [daysOff("ana", "2026-11-30", "2026-12-01")]
        #expect(calendar.nextWorkStart(from: instant("2026-11-27T16:00:00Z")) == instant("2026-12-02T08:00:00Z"))
        #expect(!calendar.works(on: CivilDate(iso: "2026-11-30")!))
        #expect(calendar.workingDay(containing: instant("2026-11-30T10:00:00Z")) == nil)
        calendar.timeOff = [daysOff("ana", "2026-11-27", "2028-01-01")]
        #expect(calendar.nextWorkStart(from: instant("2026-11-27T16:00:00Z")) == nil)
    }

    @Test func hoursThatCrossMidnightAreRefusedForWhatTheyAre() {
        do {
            _ = try WorkingCalendar(tz: "UTC", workdays: nil, hours: "17:00-09:00")
            Issue.record("17:00-09:00 was accepted")
        } catch {
            #expect(error.description.contains("a start before its end"), "\(error.description)")
            #expect(!error.description.contains("is not one of"), "it is of the form")
        }
        #expect(throws: CoreError.self) { try WorkingCalendar(tz: "UTC", workdays: nil, hours: "9-17") }
    }
}
