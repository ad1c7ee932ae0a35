public import Foundation

/// Reads the date expressions people type: ISO dates and date-times, `today`, `tomorrow`,
/// `yesterday`, weekday names (the next one, never today), `eod`, `eow`, `eom`, `sow`, `som`,
/// `+3d`, `2w`, `4h`, `in 3 days`. Relative forms count from `now` on the wall clock of `zone`.
///
/// Following Taskwarrior: `eow` and `eom` end the current week (Sunday) and month; `sow` and `som`
/// start the next ones (next Monday, the 1st of next month).
public enum DateExpression {
    /// The due date an expression names.
    /// How a weekday's name reads: a due date's is the next one, never today (as Taskwarrior reads
    /// it); a report window's start the last one, and its end the next one, today included (`--since
    /// fri` was next Friday, after now, and refused; on a Friday `--until fri` ran into next week).
    public enum WeekdayReading: Sendable {
        case next
        case lastOrToday
        case nextOrToday
    }

    public static func parse(
        _ input: String,
        now: Date,
        zone: TimeZone,
        weekdays: WeekdayReading = .next
    ) throws(CoreError) -> Due {
        let due = try read(input, now: now, zone: zone, weekdays: weekdays)
        guard due.isInLedgerYears else { throw .dateOutOfYears(input) }
        return due
    }

    private static func read(
        _ input: String,
        now: Date,
        zone: TimeZone,
        weekdays reading: WeekdayReading
    ) throws(CoreError) -> Due {
        let text = input.trimming(.spaces).lowercased()
        if let day = CivilDate(iso: text) { return .day(day) }
        if let instant = Timestamp.parse(input.trimming(.spaces), assuming: zone) {
            return .instant(instant)
        }
        let today = CivilDate(now, in: zone)
        switch text {
        case "today", "eod": return .day(today)
        case "tomorrow": return .day(today.adding(days: 1))
        case "yesterday": return .day(today.adding(days: -1))
        case "eow": return .day(today.adding(days: 7 - today.weekday))
        case "sow": return .day(today.adding(days: 8 - today.weekday))
        case "eom": return .day(today.endOfMonth)
        case "som": return .day(CivilDate(year: today.year, month: today.month, day: 1).adding(months: 1))
        case "now": return .instant(now)
        default: break
        }
        if let weekday = weekdays.firstIndex(where: { $0.matches(text) }) {
            let ahead = (weekday + 1 - today.weekday + 7) % 7
            switch reading {
            case .next: return .day(today.adding(days: ahead == 0 ? 7 : ahead))
            case .nextOrToday: return .day(today.adding(days: ahead))
            case .lastOrToday: return .day(today.adding(days: -((7 - ahead) % 7)))
            }
        }
        if let offset = relative(text) {
            switch offset.unit {
            case .hours: return .instant(now.addingTimeInterval(Double(offset.count) * 3600))
            case .days: return .day(today.adding(days: offset.count))
            case .weeks: return .day(today.adding(days: offset.count * 7))
            case .months: return .day(today.adding(months: offset.count))
            }
        }
        // The form is right, the day or the time is not (2026-02-30, 2026-12-31T25:00).
        let shaped = input.trimming(.spaces)
        if CivilDate.isShaped(shaped.prefix(10)) {
            if CivilDate(iso: shaped.prefix(10)) == nil { throw .noSuchDate(shaped, what: "day") }
            if let separator = shaped.dropFirst(10).first, ["T", "t", " "].contains(separator),
                isClockShaped(shaped.dropFirst(11))
            {
                throw .noSuchDate(shaped, what: "time (a time is HH:MM or HH:MM:SS, with an offset or without)")
            }
        }
        throw .invalidDate(input)
    }

    /// Whether text is written as a time, `HH:MM` or `HH:MM:SS` (a fraction after it), then `Z` or an
    /// offset `±HH:MM` or none, whether or not that time exists (25:00): `T10:00 PST` or `T10` is
    /// another form, not a time that does not exist.
    private static func isClockShaped(_ text: Substring) -> Bool {
        var rest = text
        if rest.last == "Z" || rest.last == "z" {
            rest = rest.dropLast()
        } else if rest.count > 8, let sign = rest.dropLast(5).last, sign == "+" || sign == "-",
            isDigits(rest.suffix(5), colonAt: 2)
        {
            rest = rest.dropLast(6)
        }
        if let dot = rest.firstIndex(of: "."), rest[rest.index(after: dot)...].allSatisfy({ $0.isASCII && $0.isNumber })
        {
            rest = rest[..<dot]
        }
        return (rest.count == 5 && isDigits(rest, colonAt: 2))
            || (rest.count == 8 && isDigits(rest, colonAt: 2) && rest.dropFirst(5).first == ":"
                && rest.suffix(2).allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// Digits, with a colon at `colonAt` (and at every third place after it), as in `10:30` or `10:30:00`.
    private static func isDigits(_ text: Substring, colonAt: Int) -> Bool {
        text.enumerated().allSatisfy { index, character in
            index % 3 == colonAt ? character == ":" : character.isASCII && character.isNumber
        }
    }

    private struct Weekday {
        let full: String
        func matches(_ text: String) -> Bool {
            text.count >= 3 && full.hasPrefix(text)
        }
    }

    private static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        .map(Weekday.init(full:))

    private enum Unit { case hours, days, weeks, months }

    /// `+3d`, `-2w`, `3d`, `2 weeks`, `in 3 days`, `4h`, `1mo`.
    private static func relative(_ text: String) -> (count: Int, unit: Unit)? {
        var rest = Substring(text)
        var sign = 1
        if rest.hasPrefix("in ") {
            rest = rest.dropFirst(3)
        } else if rest.hasPrefix("+") {
            rest = rest.dropFirst()
        } else if rest.hasPrefix("-") {
            rest = rest.dropFirst()
            sign = -1
        }
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count < 6, let count = Int(digits) else { return nil }
        let unitText = rest.dropFirst(digits.count).trimming(.spaces)
        let unit: Unit
        switch unitText {
        case "h", "hr", "hrs", "hour", "hours": unit = .hours
        case "d", "day", "days": unit = .days
        case "w", "wk", "wks", "week", "weeks": unit = .weeks
        case "mo", "month", "months": unit = .months
        default: return nil
        }
        return (count * sign, unit)
    }
}
