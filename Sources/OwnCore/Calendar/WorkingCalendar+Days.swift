public import Foundation

/// Working days as spans of time: when a person is at work, when they are next back, which day ends
/// their week. The time-zone hand-off rule and the digest scheduler ask these questions.
extension WorkingCalendar {
    /// How many days ahead `nextWorkStart` looks before giving up: a year of time off, plus a week.
    static let searchDays = 373

    /// Whether the person works on a date: one of their working days, and not a day of time off.
    public func works(on day: CivilDate) -> Bool {
        isWorkday(day) && !timeOff.contains { $0.contains(day) }
    }

    /// The instant the working day ends on a date.
    public func workEnd(on day: CivilDate) -> Date {
        LocalTime.instant(localSeconds: Double(day.daysSinceEpoch * 86_400 + endMinute * 60), in: zone)
    }

    /// The day whose working hours hold an instant (start included, end excluded), if the person works
    /// then; nil outside working hours, on days not worked and during time off.
    public func workingDay(containing instant: Date) -> CivilDate? {
        let day = day(of: instant)
        guard works(on: day), instant >= workStart(on: day), instant < workEnd(on: day) else { return nil }
        return day
    }

    /// The start of the first working day that starts at or after an instant; nil when time off covers
    /// the whole next year.
    public func nextWorkStart(from instant: Date) -> Date? {
        var day = day(of: instant)
        for _ in 0..<Self.searchDays {
            if works(on: day) {
                let start = workStart(on: day)
                if start >= instant { return start }
            }
            day = day.adding(days: 1)
        }
        return nil
    }

    /// The last day strictly before `day` the person worked: a working day not in their time off (a
    /// standup after time off tells of the day before it, not of the last day away). Past a quarter
    /// of time off, the last working day.
    public func workedDay(before day: CivilDate) -> CivilDate {
        var candidate = workday(before: day)
        for _ in 0..<92 where !works(on: candidate) { candidate = workday(before: candidate) }
        return works(on: candidate) ? candidate : workday(before: day)
    }

    /// The first day strictly after `day` the person works: a working day not in their time off. Past
    /// a quarter of time off, the next working day.
    public func workedDay(after day: CivilDate) -> CivilDate {
        var candidate = workday(after: day)
        for _ in 0..<92 where !works(on: candidate) { candidate = workday(after: candidate) }
        return works(on: candidate) ? candidate : workday(after: day)
    }

    /// The day `count` worked days after `day` (`workedDay(after:)` taken `count` times; 0 is `day`).
    public func workedDay(_ count: Int, after day: CivilDate) -> CivilDate {
        var result = day
        for _ in 0..<max(0, count) { result = workedDay(after: result) }
        return result
    }

    /// The ISO weekday on which the person's working week ends: the working day followed by the longest
    /// run of days not worked (Friday for Monday to Friday, Thursday for Sunday to Thursday); on a tie,
    /// the later one in the ISO week.
    public var weekEnd: Int {
        var best = 7
        var longest = -1
        for day in 1...7 where workdays.contains(day) {
            var gap = 0
            while gap < 7, !workdays.contains((day + gap) % 7 + 1) { gap += 1 }
            if gap >= longest {
                longest = gap
                best = day
            }
        }
        return best
    }

    /// Whether a date is the last day the person works in their working week: they work on it, and on
    /// none of the days after it up to `weekEnd` (time off on Friday makes Thursday the last).
    public func isLastWorkingDayOfWeek(_ day: CivilDate) -> Bool {
        guard works(on: day) else { return false }
        let end = weekEnd
        var later = day
        while later.weekday != end {
            later = later.adding(days: 1)
            if works(on: later) { return false }
        }
        return true
    }
}
