public import Foundation

/// Reads the date expressions people type: ISO dates and date-times, `today`, `tomorrow`,
/// `yesterday`, weekday names (the next one, never today), `eod`, `eow`, `eom`, `sow`, `som`,
/// `+3d`, `2w`, `4h`, `in 3 days`. Relative forms count from `now` on the wall clock of `zone`.
///
/// Following Taskwarrior: `eow` and `eom` end the current week (Sunday) and month; `sow` and `som`
/// start the next ones (next Monday, the 1st of next month).
public enum DateExpression {
    /// The due date an expression names.
    /// `back`: a weekday is the last one, never today (a report's window looks back: `--since fri`
    /// was next Friday, after now, and refused); otherwise the next one, never today.
    public static func parse(_ input: String, now: Date, zone: TimeZone, back: Bool = false) throws(CoreError) -> Due {
        let due = try read(input, now: now, zone: zone, back: back)
        guard due.isInLedgerYears else { throw .dateOutOfYears(input) }
        return due
    }

    private static func read(_ input: String, now: Date, zone: TimeZone, back: Bool) throws(CoreError) -> Due {
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
            if back {
                let behind = (today.weekday - (weekday + 1) + 7) % 7
                return .day(today.adding(days: -(behind == 0 ? 7 : behind)))
            }
            let ahead = (weekday + 1 - today.weekday + 7) % 7
            return .day(today.adding(days: ahead == 0 ? 7 : ahead))
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
            if let separator = shaped.dropFirst(10).first, ["T", "t", " "].contains(separator) {
                throw .noSuchDate(shaped, what: "time (a time is HH:MM or HH:MM:SS, with an offset or without)")
            }
        }
        throw .invalidDate(input)
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
