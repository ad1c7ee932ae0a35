public import Foundation

extension CronExpression {
    /// The first time the expression fires strictly after `instant` (whole seconds; the fraction is
    /// dropped first), on the wall clock of `zone`; nil if it never fires in the next 50 years.
    ///
    /// Daylight-saving changes follow `cronsim` (what healthchecks uses): a schedule with a fixed
    /// minute and hour (`30 2 * * *`) is searched on the wall clock; a skipped time fires at the
    /// first minute that exists after it (02:30 on a spring-forward night runs at 03:00), and a time
    /// shown twice fires once, at its first showing. Other schedules (`*/15 * * * *`) step through
    /// real time, so they fire neither twice nor never.
    ///
    /// After an instant within the repeated hour (its second showing), a time in that hour has had its
    /// first showing already: the search goes on past it, where `cronsim` answers the first showing,
    /// before the instant (a ping at 01:10 EST took a `30 1 * * *` monitor down at once).
    public func nextRun(after instant: Date, in zone: TimeZone) -> Date? {
        let start = Int(instant.timeIntervalSince1970.rounded(.down))
        let zoned: TimeZone? = zone.identifier == "UTC" || zone.identifier == "GMT" ? nil : zone
        let begin = WallClock(utc: start, zone: zoned)
        var clock =
            onWallClock && zoned != nil ? WallClock(local: begin.local, zone: nil) : begin
        while true {
            clock.advance(seconds: 1)
            guard advance(&clock) else { return nil }
            guard onWallClock, let zoned else {
                return Date(timeIntervalSince1970: Double(clock.instant))
            }
            var result = WallClock(local: clock.local, fold: 0, zone: zoned)
            while result.isSkipped {
                result.local += 60
            }
            if result.instant > start { return Date(timeIntervalSince1970: Double(result.instant)) }
        }
    }

    /// Moves the clock forward to the first reading all five fields match, in `cronsim`'s steps
    /// (month, day, hour, minute, second; each change of a larger unit checks again from the top).
    private func advance(_ clock: inout WallClock) -> Bool {
        let startYear = clock.date.year
        while true {
            if !matchesMonth(clock.date.month) {
                var date = clock.date
                while !matchesMonth(date.month) {
                    date = CivilDate(year: date.year, month: date.month, day: 1).adding(months: 1)
                }
                clock.setMidnight(date)
            }
            if clock.date.year > startYear + 50 {
                return false
            }
            if advanceDay(&clock) || advanceHour(&clock) || advanceMinute(&clock) || advanceSecond(&clock) {
                continue
            }
            return true
        }
    }

    private func advanceDay(_ clock: inout WallClock) -> Bool {
        var date = clock.date
        if matches(date) {
            return false
        }
        repeat {
            date = date.adding(days: 1)
        } while !matches(date) && date.day != 1
        clock.setMidnight(date)
        return true
    }

    private func advanceHour(_ clock: inout WallClock) -> Bool {
        if matchesHour(clock.hour) {
            return false
        }
        clock.setTime(hour: clock.hour, minute: 0, second: 0)
        repeat {
            clock.advance(seconds: 3600)
        } while !matchesHour(clock.hour) && clock.hour != 0
        return true
    }

    private func advanceMinute(_ clock: inout WallClock) -> Bool {
        if matchesMinute(clock.minute) {
            return false
        }
        clock.setTime(hour: clock.hour, minute: clock.minute, second: 0)
        if minutes.nonzeroBitCount == 1 {
            let target = minutes.trailingZeroBitCount
            clock.advance(seconds: (target - clock.minute + 60) % 60 * 60)
        }
        while !matchesMinute(clock.minute) {
            clock.advance(seconds: 60)
            if clock.minute == 0 {
                break
            }
        }
        return true
    }

    /// Five-field expressions fire at second 0.
    private func advanceSecond(_ clock: inout WallClock) -> Bool {
        if clock.second == 0 {
            return false
        }
        clock.advance(seconds: 60 - clock.second)
        return true
    }
}
