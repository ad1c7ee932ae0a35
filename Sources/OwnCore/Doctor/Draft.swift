public import Foundation

/// The small pieces findings' messages and drafted fixes are written with, so every rule speaks alike.
public enum Draft {
    /// How people refer to a loop: `#12`, or its key before the ledger numbered it.
    public static func reference(_ loop: Loop) -> String {
        loop.number > 0 ? "#\(loop.number)" : loop.key
    }

    /// A loop's reference and title: `#12 Payment provider integration`.
    public static func named(_ loop: Loop) -> String {
        reference(loop) + " " + loop.title
    }

    /// Where a live loop stands, as a drafted update says it: `blocked on the vendor`, `in progress
    /// (build)`, `waiting for approval`, `handed over by ana Nov 4, not in progress`,
    /// `reopened (started Nov 3), not in progress`, `not started`.
    public static func standing(_ loop: Loop, on calendar: WorkingCalendar) -> String {
        switch loop.state {
        case .blocked: return "blocked" + (loop.blockReason.map { " on \($0)" } ?? "")
        case .active: return "in progress" + (loop.stage.map { " (\($0.rawValue))" } ?? "")
        case .proposed: return "waiting for approval"
        default:
            // Started by someone who handed it over since: it came to its owner that way, and no
            // reopen happened (it said "reopened").
            if let started = loop.startedAt, let handed = loop.handedOffAt, started <= handed {
                let from = loop.delegatedBy ?? "its previous owner"
                return "handed over by \(from) \(day(handed, on: calendar)), not in progress"
            }
            // Reopened after it was done or dropped: it was started, and is not in progress now.
            return loop.startedAt.map { "reopened (started \(day($0, on: calendar))), not in progress" }
                ?? "not started"
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A day as people say it: `Nov 13`, or `Nov 13 2025` with its year (a day of another year than
    /// the one it is read in, or beside one: a due date moved a year read "from Jan 5 to Jan 5").
    public static func day(_ date: CivilDate, withYear: Bool = false) -> String {
        months[max(0, min(11, date.month - 1))] + " " + String(date.day) + (withYear ? " \(date.year)" : "")
    }

    /// The day of an instant on a calendar: `Nov 13`.
    public static func day(_ instant: Date, on calendar: WorkingCalendar, withYear: Bool = false) -> String {
        day(calendar.day(of: instant), withYear: withYear)
    }

    /// The day a due date falls on, on a calendar.
    public static func dueDay(_ due: Due, on calendar: WorkingCalendar) -> CivilDate {
        switch due {
        case .day(let date): date
        case .instant(let instant): calendar.day(of: instant)
        }
    }

    /// A due date: `Nov 20`, or `Nov 20 15:00 UTC` for an exact instant; with its year when asked.
    public static func due(_ due: Due, on calendar: WorkingCalendar, withYear: Bool = false) -> String {
        switch due {
        case .day(let date): return day(date, withYear: withYear)
        case .instant(let instant):
            let local = Int(LocalTime.localSeconds(of: instant, in: calendar.zone).rounded(.down))
            let minuteOfDay = ((local % 86_400) + 86_400) % 86_400 / 60
            let clock = pad(minuteOfDay / 60) + ":" + pad(minuteOfDay % 60)
            return day(calendar.day(of: instant), withYear: withYear) + " " + clock
        }
    }

    /// An amount of working time, rounded up to a tenth so that "longer than 2" never prints as 2:
    /// `8`, `2.5`, `10.1` (a whole number from 100 on: rounded up to one, 10.06 days read as 11).
    public static func amount(_ value: Double) -> String {
        let tenths = upToATenth(value)
        // Past any real amount (an estimate of 1e300 hours is a valid number), as the number it is:
        // an Int of it would trap.
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        if value >= 100 { return String(Int(value.rounded(.up))) }
        return tenths.rounded() == tenths ? String(Int(tenths)) : String(tenths)
    }

    /// A threshold as the policy holds it (`1.25`, as `own policy` prints it), not rounded up as a
    /// measured amount is: "silent 1.3 working days; allow 1.3" read as no finding at all.
    public static func limit(_ value: Double) -> String {
        Policy.format(value)
    }

    /// A threshold in working days: `1 working day`, `1.25 working days`.
    public static func workingDaysLimit(_ value: Double) -> String { unit(limit(value), "working day") }

    /// A threshold in working hours: `1 working hour`, `0.25 working hours`.
    public static func workingHoursLimit(_ value: Double) -> String { unit(limit(value), "working hour") }

    /// A count of working days: `1 working day`, `2.5 working days`.
    public static func workingDays(_ value: Double) -> String { unit(amount(value), "working day") }

    /// An amount rounded up to a tenth, as `amount` writes it: past a threshold never reads as it.
    public static func upToATenth(_ value: Double) -> Double {
        (value * 10 - 1e-9).rounded(.up) / 10
    }

    /// An amount that a measured one is weighed against (a capacity), rounded down to a tenth as
    /// `amount` rounds the measured one up: "13 h left, 13 h of capacity" read as on budget, for 13
    /// against 12.975.
    public static func amountBelow(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return String(value) }
        return amount((value * 10 + 1e-9).rounded(.down) / 10)
    }

    /// A count of working hours: `1 working hour`, `5.5 working hours`.
    public static func workingHours(_ value: Double) -> String { unit(amount(value), "working hour") }

    /// A number as written with its unit, singular for exactly 1: `1 working day`, `2.5 working days`.
    private static func unit(_ number: String, _ noun: String) -> String {
        number + " " + noun + (number == "1" ? "" : "s")
    }

    /// A list for a sentence: `a`, `a and b`, `a, b and c`.
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// A count with its noun: `1 loop`, `5 loops`.
    public static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
