import Foundation
import OwnCore
import Testing

@Suite("Working time: hours and days on a person's calendar")
struct WorkingTimeTests {
    let standard = WorkingCalendar.standard
    let tokyoCalendar = try! WorkingCalendar(tz: "Asia/Tokyo", workdays: "Mon-Fri", hours: "09:00-17:00")

    @Test(arguments: [
        // Within one working day.
        ("2026-11-23T10:00:00Z", "2026-11-23T12:00:00Z", 2.0),
        // Before and after hours count nothing.
        ("2026-11-23T06:00:00Z", "2026-11-23T20:00:00Z", 8),
        // Friday 16:00 to Monday 10:00: the weekend counts nothing.
        ("2026-11-27T16:00:00Z", "2026-11-30T10:00:00Z", 2),
        // A whole weekend.
        ("2026-11-28T12:00:00Z", "2026-11-29T12:00:00Z", 0),
        // Monday 10:00 to Wednesday 10:00: two working days.
        ("2026-11-23T10:00:00Z", "2026-11-25T10:00:00Z", 16),
        // A whole working week, Monday to Monday.
        ("2026-11-23T09:00:00Z", "2026-11-30T09:00:00Z", 40),
        // Backwards is nothing.
        ("2026-11-25T10:00:00Z", "2026-11-23T10:00:00Z", 0),
        // Across a year end and before 1970 alike.
        ("2026-12-31T16:00:00Z", "2027-01-01T10:00:00Z", 2),
        ("1969-12-31T16:00:00Z", "1970-01-01T10:00:00Z", 2),
    ])
    func hoursOnTheStandardCalendar(from: String, to: String, hours: Double) {
        #expect(standard.workingHours(from: instant(from), to: instant(to)) == hours)
    }

    /// Working hours that hold a change of the clock count the time that passed: the hour skipped when
    /// summer time begins is none, the hour repeated when it ends counts twice. A rule fired an hour
    /// early in March and an hour late in November for someone who works nights.
    @Test func aChangeOfTheClockCountsTheTimeThatPassed() throws {
        let nights = try WorkingCalendar(tz: "America/New_York", workdays: "Mon-Sun", hours: "00:00-08:00")
        // Sunday 2026-03-08, 00:00 EST to 04:30 EDT: 3.5 hours passed.
        #expect(nights.workingHours(from: instant("2026-03-08T05:00:00Z"), to: instant("2026-03-08T08:30:00Z")) == 3.5)
        // Sunday 2026-11-01, 00:00 EDT to 03:30 EST: 4.5 hours passed.
        #expect(nights.workingHours(from: instant("2026-11-01T04:00:00Z"), to: instant("2026-11-01T08:30:00Z")) == 4.5)
        // A week across both days: each whole working day is eight hours, but those two.
        #expect(nights.workingHours(from: instant("2026-03-05T05:00:00Z"), to: instant("2026-03-12T04:00:00Z")) == 55)
        // Away that day, the change counts for nothing.
        var away = nights
        let sunday = try #require(CivilDate(iso: "2026-03-08"))
        away.timeOff = [
            TimeOff(
                id: "t",
                person: "gus",
                first: sunday,
                last: sunday,
                backup: nil,
                recordedAt: instant("2026-03-01T00:00:00Z")
            )
        ]
        #expect(away.workingHours(from: instant("2026-03-07T05:00:00Z"), to: instant("2026-03-09T04:00:00Z")) == 8)
        // Day-time hours never hold one: the standard calendar is unchanged across both changes.
        let newYork = try WorkingCalendar(tz: "America/New_York", workdays: "Mon-Fri", hours: "09:00-17:00")
        #expect(newYork.workingHours(from: instant("2026-03-06T14:00:00Z"), to: instant("2026-03-09T14:00:00Z")) == 9)
    }

    @Test func daysAreWorkingHoursOverTheWorkingDay() {
        #expect(
            standard.workingDays(from: instant("2026-11-27T16:00:00Z"), to: instant("2026-11-30T10:00:00Z")) == 0.25
        )
        #expect(standard.workingDays(from: instant("2026-11-20T10:00:00Z"), to: instant("2026-11-24T10:00:00Z")) == 2)
    }

    @Test func aTokyoDayIsCountedOnTokyoClocks() {
        // Monday 10:00 in Tokyo is 01:00 UTC; Monday 16:00 UTC is Tuesday 01:00 in Tokyo.
        let from = instant("2026-11-23T01:00:00Z")
        let to = instant("2026-11-23T16:00:00Z")
        #expect(tokyoCalendar.workingHours(from: from, to: to) == 7)
        // On UTC clocks the same span is Monday 09:00 to 16:00.
        #expect(standard.workingHours(from: from, to: to) == 7)
        // Friday evening UTC is already Saturday in Tokyo: no working time there.
        #expect(
            tokyoCalendar.workingHours(from: instant("2026-11-27T15:00:00Z"), to: instant("2026-11-27T23:00:00Z")) == 0
        )
        #expect(standard.workingHours(from: instant("2026-11-27T15:00:00Z"), to: instant("2026-11-27T23:00:00Z")) == 2)
    }

    @Test func otherWorkdaysAndHours() throws {
        let sundayToThursday = try WorkingCalendar(tz: "UTC", workdays: "Sun-Thu", hours: "08:00-12:00")
        // Friday and Saturday are off; Sunday counts.
        #expect(
            sundayToThursday.workingHours(from: instant("2026-11-26T11:00:00Z"), to: instant("2026-11-29T09:00:00Z"))
                == 2
        )
        #expect(sundayToThursday.secondsPerWorkday == 4 * 3600)
    }

    @Test func workdaysAfterADaySkipTheWeekend() {
        let friday = CivilDate(year: 2026, month: 11, day: 27)
        #expect(standard.workday(0, after: friday) == friday)
        #expect(standard.workday(1, after: friday) == CivilDate(year: 2026, month: 11, day: 30))
        #expect(standard.workday(5, after: friday) == CivilDate(year: 2026, month: 12, day: 4))
    }

    /// The fast arithmetic against a slow walk in quarter hours on Foundation's calendar, in zones with
    /// and without daylight saving time (New York leaves it on 2026-11-01, Berlin on 2026-10-25).
    @Test(arguments: ["UTC", "Asia/Tokyo", "America/New_York", "Europe/Berlin", "Australia/Sydney"])
    func agreesWithAQuarterHourWalk(zone: String) throws {
        let calendar = try WorkingCalendar(tz: zone, workdays: "Mon-Fri", hours: "09:00-17:00")
        var foundation = Calendar(identifier: .gregorian)
        foundation.timeZone = TimeZone(identifier: zone)!
        var generator = SplitMix(seed: 42)
        let base = instant("2026-10-20T00:00:00Z").timeIntervalSince1970
        for _ in 0..<40 {
            let start = base + Double(generator.next() % 2000) * 900
            let end = start + Double(generator.next() % 1500) * 900
            var expected = 0.0
            var slot = start
            while slot < end {
                let parts = foundation.dateComponents([.weekday, .hour], from: Date(timeIntervalSince1970: slot))
                let weekday = parts.weekday!
                if weekday != 1, weekday != 7, (9..<17).contains(parts.hour!) { expected += 900 }
                slot += 900
            }
            let got = calendar.workingSeconds(
                from: Date(timeIntervalSince1970: start),
                to: Date(timeIntervalSince1970: end)
            )
            #expect(
                got == expected,
                "\(zone) \(Date(timeIntervalSince1970: start)) → \(Date(timeIntervalSince1970: end))"
            )
        }
    }
}

/// A tiny deterministic generator, so the walk test always checks the same spans.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
