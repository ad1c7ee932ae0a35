public import Foundation

/// One person's working calendar: their time zone, working days and working hours.
/// Thresholds in working days or hours are counted on it, so weekends do not make anyone "dark".
public struct WorkingCalendar: Sendable, Equatable {
    /// The person's time zone.
    public var zone: TimeZone
    /// ISO weekdays worked: 1 Monday … 7 Sunday.
    public var workdays: Set<Int>
    /// When the working day starts, in minutes after local midnight.
    public var startMinute: Int
    /// When the working day ends, in minutes after local midnight.
    public var endMinute: Int
    /// Time off: days on which no working time passes.
    public var timeOff: [TimeOff] = []

    /// UTC, Monday to Friday, 09:00–17:00.
    public static let standard = WorkingCalendar(
        // `.gmt` is UTC without loading ICU's zone database, which costs a process a third of a millisecond.
        zone: .gmt,
        workdays: [1, 2, 3, 4, 5],
        startMinute: 9 * 60,
        endMinute: 17 * 60
    )

    /// A calendar from its parts.
    public init(zone: TimeZone, workdays: Set<Int>, startMinute: Int, endMinute: Int) {
        self.zone = zone
        self.workdays = workdays
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// A calendar from the configuration's text: `tz = "Asia/Tokyo"`, `workdays = "Mon-Fri"` (or
    /// `"Mon,Tue,Thu"`, `"Sun-Thu"`), `hours = "09:00-17:00"`. Absent parts keep those of `base`
    /// (the team's `[calendar]` for a person, the standard one for the team).
    public init(tz: String?, workdays: String?, hours: String?, base: WorkingCalendar = .standard) throws(CoreError) {
        self = base
        if let tz {
            switch ZoneName.zone(tz) {
            case .success(let zone): self.zone = zone
            case .failure(let refusal):
                throw .invalidValue(
                    field: "tz",
                    value: tz,
                    accepted: ["an IANA time zone such as Europe/Berlin or UTC (it is \(refusal.reason))"]
                )
            }
        }
        if let workdays { self.workdays = try Self.parseWorkdays(workdays) }
        if let hours {
            let parts = hours.split(separator: "-").map { $0.trimming(.spaces) }
            guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]) else {
                throw .invalidValue(field: "hours", value: hours, accepted: ["HH:MM-HH:MM, such as 09:00-17:00"])
            }
            guard start < end else {
                throw .invalidSetting(
                    key: "hours",
                    value: "\"\(hours)\"",
                    expected: "a start before its end within one day, such as 09:00-17:00 "
                        + "(working hours that cross midnight are not supported)"
                )
            }
            startMinute = start
            endMinute = end
        }
    }

    /// Working hours in one working day.
    public var hoursPerDay: Double { Double(endMinute - startMinute) / 60 }

    /// Whether a date is a working day.
    public func isWorkday(_ day: CivilDate) -> Bool {
        workdays.contains(day.weekday)
    }

    /// The local date of an instant.
    public func day(of instant: Date) -> CivilDate {
        CivilDate(instant, in: zone)
    }

    /// The last working day strictly before `day`.
    public func workday(before day: CivilDate) -> CivilDate {
        var candidate = day.adding(days: -1)
        for _ in 0..<7 where !isWorkday(candidate) { candidate = candidate.adding(days: -1) }
        return candidate
    }

    /// The first working day strictly after `day`.
    public func workday(after day: CivilDate) -> CivilDate {
        var candidate = day.adding(days: 1)
        for _ in 0..<7 where !isWorkday(candidate) { candidate = candidate.adding(days: 1) }
        return candidate
    }

    /// The instant the working day starts on a date.
    public func workStart(on day: CivilDate) -> Date {
        LocalTime.instant(localSeconds: Double(day.daysSinceEpoch * 86_400 + startMinute * 60), in: zone)
    }

    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    private static func parseWorkdays(_ text: String) throws(CoreError) -> Set<Int> {
        let bad = CoreError.invalidValue(
            field: "workdays",
            value: text,
            accepted: ["Mon-Fri", "Sun-Thu", "Mon,Tue,Thu"]
        )
        var days = Set<Int>()
        for item in text.lowercased().split(separator: ",") {
            let ends = item.split(separator: "-").map { $0.trimming(.spaces).prefix(3) }
            let numbers = ends.compactMap { name in dayNames.firstIndex(of: String(name)).map { $0 + 1 } }
            guard numbers.count == ends.count, (1...2).contains(numbers.count) else { throw bad }
            var day = numbers[0]
            days.insert(day)
            while numbers.count == 2, day != numbers[1] {
                day = day % 7 + 1
                days.insert(day)
            }
        }
        guard !days.isEmpty else { throw bad }
        return days
    }

    private static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour),
            (0..<60).contains(minute), hour * 60 + minute <= 24 * 60
        else { return nil }
        return hour * 60 + minute
    }
}

/// Every person's working calendar, with the standard one for people the configuration does not name.
public struct Calendars: Sendable, Equatable {
    /// The calendar for people not named.
    public var fallback: WorkingCalendar
    /// Calendars by person.
    public var people: [String: WorkingCalendar]

    /// Calendars for the named people, and `fallback` for everyone else.
    public init(fallback: WorkingCalendar = .standard, people: [String: WorkingCalendar] = [:]) {
        self.fallback = fallback
        self.people = people
    }

    /// A person's calendar.
    public func calendar(for person: String) -> WorkingCalendar {
        people[person] ?? fallback
    }
}
