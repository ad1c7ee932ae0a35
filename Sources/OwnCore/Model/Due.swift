public import Foundation

/// When a loop is due: a whole day (due by the end of it, on the owner's calendar) or an exact instant.
public enum Due: Sendable, Hashable {
    case day(CivilDate)
    case instant(Date)

    /// Reads the event format's `due`: `YYYY-MM-DD` or an ISO-8601 date-time with offset.
    public init?(json text: String) {
        if let day = CivilDate(iso: text) {
            self = .day(day)
        } else if let instant = Timestamp.parse(text) {
            self = .instant(instant)
        } else {
            return nil
        }
    }

    /// Whether it falls in the years a ledger keeps, 1970 to 3999: what an import (and so a teammate's
    /// pull) takes, and so what a command records.
    public var isInLedgerYears: Bool {
        switch self {
        case .day(let day): (1970...3999).contains(day.year)
        case .instant(let instant): Timestamp.years.contains(instant)
        }
    }

    /// The event format's text for this due.
    public var json: String {
        switch self {
        case .day(let day): day.description
        case .instant(let instant): Timestamp.format(instant)
        }
    }

    /// The instant from which the loop is overdue: the end of the day in `zone` (the next day's
    /// 00:00), or the instant.
    public func deadline(in zone: TimeZone) -> Date {
        switch self {
        case .day(let day): day.adding(days: 1).start(in: zone)
        case .instant(let instant): instant
        }
    }

    /// As `own list` shows it: a day as it is, an instant as the day and time on `zone`'s clock (the
    /// reader's): "2026-12-11" or "2026-12-11 00:30".
    public func listed(in zone: TimeZone) -> String {
        switch self {
        case .day(let day): day.description
        case .instant(let instant): CivilDate(instant, in: zone).description + " " + LocalTime.clock(instant, in: zone)
        }
    }

    /// The day it falls on in `zone`.
    public func day(in zone: TimeZone) -> CivilDate {
        switch self {
        case .day(let day): day
        case .instant(let instant): CivilDate(instant, in: zone)
        }
    }
}
