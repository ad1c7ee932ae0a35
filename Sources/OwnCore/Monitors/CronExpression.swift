/// A 5-field cron expression (minute hour day-of-month month day-of-week), read and matched as
/// healthchecks does through the `cronsim` package, so a schedule written for healthchecks means
/// the same here. See `nextRun(after:in:)` for how it steps through a time zone's clock.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let text: String

    // Bit n set: value n matches.
    let minutes: UInt64
    let hours: UInt32
    let days: UInt32
    let months: UInt16
    let weekdays: UInt16
    let lastDay: Bool
    let lastWeekday: Bool
    /// Bit `weekday`: the month's last such weekday matches (`5L`).
    let lastOfWeekdays: UInt16
    /// Bit `weekday * 8 + week`: the `week`-th such weekday matches (`5#2`).
    let nthWeekdays: UInt64
    /// If day-of-month or day-of-week starts with `*`, both must match; otherwise either may.
    let bothDays: Bool
    /// The minute and hour fields are fixed (neither starts with `*`): the next run is found on the
    /// zone's wall clock, then moved out of a skipped hour (Debian cron's rule, as `cronsim`).
    let onWallClock: Bool

    /// Reads an expression; throws a message naming the field that cannot be read.
    public init(_ text: String) throws(CoreError) {
        self.text = text
        let fields = text.uppercased().split(whereSeparator: \.isWhitespace)
        guard fields.count == 5 else {
            throw Self.error(text, "it has \(fields.count) field\(fields.count == 1 ? "" : "s"), not 5")
        }
        var items: [Set<CronField.Item>] = []
        for field in CronField.allCases {
            do {
                items.append(try field.parse(fields[field.rawValue]))
            } catch {
                let why = error.reason.map { ": " + $0 } ?? ""
                throw Self.error(text, "the \(field.name) field \"\(fields[field.rawValue])\" cannot be read\(why)")
            }
        }
        bothDays = fields[2].hasPrefix("*") || fields[4].hasPrefix("*")
        onWallClock = !fields[0].hasPrefix("*") && !fields[1].hasPrefix("*")

        func mask(_ set: Set<CronField.Item>) -> UInt64 {
            set.reduce(0) { bits, item in
                if case .value(let value) = item { bits | 1 << UInt64(value) } else { bits }
            }
        }
        minutes = mask(items[0])
        hours = UInt32(mask(items[1]))
        days = UInt32(mask(items[2]))
        months = UInt16(mask(items[3]))
        weekdays = UInt16(mask(items[4]))
        lastDay = items[2].contains(.last)
        lastWeekday = items[2].contains(.lastWeekday)
        var lastOf: UInt16 = 0
        var nth: UInt64 = 0
        for item in items[4] {
            switch item {
            case .lastOf(let weekday): lastOf |= 1 << UInt16(weekday)
            case .nth(let weekday, let week): nth |= 1 << UInt64(weekday * 8 + week)
            default: break
            }
        }
        lastOfWeekdays = lastOf
        nthWeekdays = nth

        // A day that no chosen month has (`30 2`) can never match when both day fields must.
        let dayBits = days
        let monthBits = months
        let smallestDay: Int = (1...31).first { dayBits & 1 << UInt32($0) != 0 } ?? 0
        if bothDays, !lastDay, !lastWeekday, smallestDay > 29 {
            let longest: Int =
                (1...12).filter { monthBits & 1 << UInt16($0) != 0 }
                .map { CivilDate.daysIn(month: $0, year: 2000) }.max() ?? 0
            if smallestDay > longest {
                throw Self.error(text, "day \(smallestDay) does not occur in the months it names")
            }
        }
    }

    /// The expression as written.
    public var description: String { text }

    public static func == (lhs: CronExpression, rhs: CronExpression) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    private static func error(_ text: String, _ reason: String) -> CoreError {
        .invalidSchedule(
            "cannot read the cron expression \(TextEscaping.quoted(text)): \(reason); use 5 fields "
                + "(minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" or \"*/15 9-17 * * MON-FRI\""
        )
    }

    /// Whether a calendar date matches the day-of-month and day-of-week fields.
    func matches(_ date: CivilDate) -> Bool {
        bothDays ? matchesDayOfMonth(date) && matchesDayOfWeek(date) : matchesDayOfMonth(date) || matchesDayOfWeek(date)
    }

    func matchesMinute(_ minute: Int) -> Bool { minutes & 1 << UInt64(minute) != 0 }
    func matchesHour(_ hour: Int) -> Bool { hours & 1 << UInt32(hour) != 0 }
    func matchesMonth(_ month: Int) -> Bool { months & 1 << UInt16(month) != 0 }

    private func matchesDayOfMonth(_ date: CivilDate) -> Bool {
        if days & 1 << UInt32(date.day) != 0 {
            return true
        }
        let monthLength = CivilDate.daysIn(month: date.month, year: date.year)
        if lastDay && date.day == monthLength {
            return true
        }
        if lastWeekday && date.day >= 26 {
            let lastDate = CivilDate(year: date.year, month: date.month, day: monthLength)
            let shift = [6: 1, 7: 2][lastDate.weekday] ?? 0  // Saturday, Sunday: back to Friday
            return date.day == monthLength - shift
        }
        return false
    }

    private func matchesDayOfWeek(_ date: CivilDate) -> Bool {
        let iso = date.weekday  // 1 Monday … 7 Sunday; the fields also say 0 for Sunday
        let sunday = iso % 7
        if weekdays & (1 << UInt16(iso) | 1 << UInt16(sunday)) != 0 {
            return true
        }
        if lastOfWeekdays & (1 << UInt16(iso) | 1 << UInt16(sunday)) != 0,
            date.day + 7 > CivilDate.daysIn(month: date.month, year: date.year)
        {
            return true
        }
        let week = (date.day + 6) / 7
        return nthWeekdays & (1 << UInt64(iso * 8 + week) | 1 << UInt64(sunday * 8 + week)) != 0
    }
}
