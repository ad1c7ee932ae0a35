public import Foundation

/// Working time: how much of a person's working day lies between two instants.
///
/// The doctor judges thousands of loops against thresholds in working days and hours, so this is
/// arithmetic on local days (days since 1970 and a weekday mask), never a Foundation `Calendar` walk.
extension WorkingCalendar {
    /// Seconds in one working day.
    public var secondsPerWorkday: Double { Double((endMinute - startMinute) * 60) }

    /// Working seconds between two instants: the parts of working days, on this calendar's wall clock,
    /// that lie between them, as time that passed (an hour the clock skipped is none). Zero when `end`
    /// is not after `start`.
    public func workingSeconds(from start: Date, to end: Date) -> Double {
        guard end > start else { return 0 }
        let from = LocalTime.localSeconds(of: start, in: zone)
        let to = LocalTime.localSeconds(of: end, in: zone)
        var elapsed = workingSecondsSinceEpoch(localSeconds: to) - workingSecondsSinceEpoch(localSeconds: from)
        // Days away count no working time; overlapping absences are counted once.
        var counted = -Double.greatestFiniteMagnitude
        for away in timeOff.sorted(by: { $0.first < $1.first }) {
            let first = max(from, away.localSeconds.lowerBound, counted)
            let last = min(to, away.localSeconds.upperBound)
            guard last > first else { continue }
            elapsed -= workingSecondsSinceEpoch(localSeconds: last) - workingSecondsSinceEpoch(localSeconds: first)
            counted = last
        }
        return max(0, elapsed + offsetChanges(from: start, to: end))
    }

    /// What the zone's changes of offset between two instants add to the working time counted on the
    /// wall clock: the hour skipped when summer time begins did not pass, and the hour repeated when
    /// it ends passed twice. Only hours that reach the night can hold one: no zone has changed its
    /// offset between 07:00 and 21:00 on its clock (tzdata 2015 to 2035), so the working hours of a
    /// day-time calendar cost nothing here. A change on a day away changes nothing.
    private func offsetChanges(from start: Date, to end: Date) -> Double {
        guard startMinute < 7 * 60 || endMinute > 21 * 60 else { return 0 }
        var change = 0.0
        var instant = start
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next <= end {
            // The wall clock's reading as the change came, and after it.
            let before = LocalTime.localSeconds(of: next.addingTimeInterval(-1), in: zone) + 1
            let after = LocalTime.localSeconds(of: next, in: zone)
            if !timeOff.contains(where: { $0.localSeconds.contains(before) }) {
                change -= workingSecondsSinceEpoch(localSeconds: after) - workingSecondsSinceEpoch(localSeconds: before)
            }
            instant = next
        }
        return change
    }

    /// Working days between two instants, counting each working day as its working hours
    /// (so Friday 16:00 to Monday 10:00 is two working hours, a quarter of a day at 09:00–17:00).
    public func workingDays(from start: Date, to end: Date) -> Double {
        workingSeconds(from: start, to: end) / secondsPerWorkday
    }

    /// Working hours between two instants.
    public func workingHours(from start: Date, to end: Date) -> Double {
        workingSeconds(from: start, to: end) / 3600
    }

    /// The working day `count` working days after `day` (`count` of 0 is `day` itself, even when it is
    /// not a working day).
    public func workday(_ count: Int, after day: CivilDate) -> CivilDate {
        var result = day
        for _ in 0..<max(0, count) { result = workday(after: result) }
        return result
    }

    /// The working seconds from local midnight 1970-01-01 up to a wall-clock time: every earlier working
    /// day in full, plus the elapsed part of this one.
    func workingSecondsSinceEpoch(localSeconds: Double) -> Double {
        let day = Int((localSeconds / 86_400).rounded(.down))
        let secondOfDay = localSeconds - Double(day) * 86_400
        let mask = workdayMask
        let perWeek = mask.nonzeroBitCount
        let weeks = day >= 0 ? day / 7 : (day - 6) / 7
        var workdaysBefore = weeks * perWeek
        // Days since the epoch start on a Thursday; walk the (at most six) days left over.
        var weekday = 4
        for _ in 0..<(day - weeks * 7) {
            if mask & (1 << weekday) != 0 { workdaysBefore += 1 }
            weekday = weekday % 7 + 1
        }
        let length = Double((endMinute - startMinute) * 60)
        var total = Double(workdaysBefore) * length
        if mask & (1 << weekday) != 0 {
            total += min(max(secondOfDay - Double(startMinute * 60), 0), length)
        }
        return total
    }

    /// Working weekdays as bits 1 (Monday) … 7 (Sunday).
    private var workdayMask: Int {
        var mask = 0
        for day in workdays where (1...7).contains(day) { mask |= 1 << day }
        return mask
    }
}

extension TimeOff {
    /// The days away on the wall clock, as local seconds since 1970: from the first day's midnight to
    /// the end of the last.
    fileprivate var localSeconds: Range<Double> {
        Double(first.daysSinceEpoch) * 86_400..<Double(last.daysSinceEpoch + 1) * 86_400
    }
}
