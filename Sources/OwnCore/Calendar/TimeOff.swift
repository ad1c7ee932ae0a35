public import Foundation

/// A person's time off: whole days on their calendar, first to last included, and who covers for them.
///
/// Recorded in the ledger as `away` events (cancelled by `awayCancelled`) under the reserved key
/// `@away`, which is no loop: the doctor counts no working time on these days, and
/// `uncovered-while-away` asks for a hand-off or a backup before they start.
public struct TimeOff: Sendable, Equatable {
    /// The `away` event's id; `awayCancelled` names it.
    public var id: String
    /// Who is away.
    public var person: String
    /// The first day away.
    public var first: CivilDate
    /// The last day away (included).
    public var last: CivilDate
    /// Who covers the person's loops, if anyone was named.
    public var backup: String?
    /// When it was recorded.
    public var recordedAt: Date

    /// The ledger key under which time off is recorded; the ledger keeps no loop for it.
    public static let ledgerKey = "@away"

    /// Time off from its parts.
    public init(id: String, person: String, first: CivilDate, last: CivilDate, backup: String?, recordedAt: Date) {
        self.id = id
        self.person = person
        self.first = first
        self.last = last
        self.backup = backup
        self.recordedAt = recordedAt
    }

    /// Every day away, first to last.
    public var eachDay: [CivilDate] {
        var days: [CivilDate] = []
        var day = first
        while day <= last {
            days.append(day)
            day = day.adding(days: 1)
        }
        return days
    }

    /// Whether a day is one of the days away.
    public func contains(_ day: CivilDate) -> Bool {
        day >= first && day <= last
    }

    /// The time off that has not ended by `day` and starts within `days` days after it.
    public static func ahead(_ timeOff: [TimeOff], of day: CivilDate, within days: Int) -> [TimeOff] {
        timeOff.filter { $0.last >= day && $0.first <= day.adding(days: days) }.sorted { $0.first < $1.first }
    }

    /// The line the standup and weekly open with: `Away Mon 21 Dec 2026 to Mon 4 Jan 2027 (backup: lee).`
    public var sentence: String {
        "Away \(days)" + (backup.map { " (backup: \($0))" } ?? " (no backup named)") + "."
    }

    /// The days away in words: `Mon 21 Dec 2026 to Mon 4 Jan 2027`, or the one day.
    public var days: String {
        ReportWords.days(first, last)
    }

    /// Its JSON object, with the `away` event's fields: `own away --list --json`, and the standup's
    /// and weekly's `away`.
    public var json: JSONValue {
        .object([
            "id": .string(id), "person": .string(person), "from": .string(first.description),
            "until": .string(last.description), "backup": backup.map(JSONValue.string) ?? .null,
            "recordedAt": .string(Timestamp.format(recordedAt)),
        ])
    }

    /// The `away` event that records it.
    public var event: Event {
        var fields: EventFields = [
            "person": .string(person), "from": .string(first.description), "until": .string(last.description),
        ]
        if let backup { fields["backup"] = .string(backup) }
        return Event(id: id, loop: Self.ledgerKey, at: recordedAt, by: person, type: .away, fields: fields)
    }

    /// The time off in force after some `away` and `awayCancelled` events, in the order recorded;
    /// other events are ignored.
    public static func fold(_ events: some Sequence<Event>) -> [TimeOff] {
        var result: [TimeOff] = []
        for event in events {
            switch event.type {
            case .away:
                guard let from = event.string("from").flatMap({ CivilDate(iso: $0) }),
                    let until = event.string("until").flatMap({ CivilDate(iso: $0) }), from <= until
                else { continue }
                result.append(
                    TimeOff(
                        id: event.id,
                        person: event.string("person") ?? event.by,
                        first: from,
                        last: until,
                        backup: event.string("backup"),
                        recordedAt: event.at
                    )
                )
            case .awayCancelled:
                let cancelled = event.string("cancels")
                result.removeAll { $0.id == cancelled }
            default:
                continue
            }
        }
        return result
    }
}

extension Calendars {
    /// Who may answer for `person` at `instant` while they are away, most recently named first: the
    /// backups named by their time off that holds the instant's day (on their calendar), each with
    /// that time off, leaving out the person themselves and a backup away that day too (on theirs).
    /// Empty when the person answers for themselves: not away then, or with no backup to turn to.
    public func backups(for person: String, at instant: Date) -> [(person: String, timeOff: TimeOff)] {
        let theirs = calendar(for: person)
        let day = theirs.day(of: instant)
        var found: [(person: String, timeOff: TimeOff)] = []
        for away in theirs.timeOff.sorted(by: { $0.recordedAt > $1.recordedAt }) where away.contains(day) {
            guard let backup = away.backup, backup != person, !found.contains(where: { $0.person == backup }) else {
                continue
            }
            let backups = calendar(for: backup)
            if !backups.timeOff.contains(where: { $0.contains(backups.day(of: instant)) }) {
                found.append((backup, away))
            }
        }
        return found
    }

    /// Adds time off to the calendars of the people it names.
    public mutating func add(_ timeOff: [TimeOff]) {
        for item in timeOff {
            var calendar = calendar(for: item.person)
            calendar.timeOff.append(item)
            people[item.person] = calendar
        }
    }
}
