import Foundation
import OwnCore
import Testing

/// Who answers for someone away (`Calendars.backup`): the backup their time off names, on the days
/// of their own calendar, unless the backup is away that day too. The team of `teamCalendars`.
@Suite("Who covers for someone away")
struct BackupTests {
    static func at(_ text: String) -> Date { Timestamp.parse(text)! }

    static func covered(_ person: String, by backup: String?, _ first: String, _ last: String) -> TimeOff {
        var away = daysOff(person, first, last)
        away.backup = backup
        return away
    }

    @Test func theBackupAnswersOnTheDaysAwayAndNoOneElseDoes() throws {
        let calendars = teamCalendars(Self.covered("ana", by: "ben", "2026-12-21", "2027-01-04"))
        let cover = try #require(calendars.backup(for: "ana", at: Self.at("2026-12-22T10:00:00Z")))
        #expect(cover.person == "ben")
        #expect(cover.timeOff.days == "Mon 21 Dec 2026 to Mon 4 Jan 2027")
        // The last day is one of them; the day after, and the day before the first, are not.
        #expect(calendars.backup(for: "ana", at: Self.at("2027-01-04T20:00:00Z"))?.person == "ben")
        #expect(calendars.backup(for: "ana", at: Self.at("2027-01-05T08:00:00Z")) == nil)
        #expect(calendars.backup(for: "ana", at: Self.at("2026-12-20T12:00:00Z")) == nil)
        // Someone else's time off covers no one else.
        #expect(calendars.backup(for: "ben", at: Self.at("2026-12-22T10:00:00Z")) == nil)
    }

    /// The day is the person's: 23:30 UTC on the 20th is already the 21st in Berlin (UTC+1), and
    /// still the 4th of January in New York at 03:00 UTC on the 5th.
    @Test func theDayIsTheOneOnTheAwayPersonsCalendar() {
        let berlin = teamCalendars(Self.covered("ana", by: "ben", "2026-12-21", "2027-01-04"))
        #expect(berlin.backup(for: "ana", at: Self.at("2026-12-20T23:30:00Z"))?.person == "ben")
        #expect(berlin.backup(for: "ana", at: Self.at("2026-12-20T22:30:00Z")) == nil)
        let newYork = teamCalendars(Self.covered("ben", by: "ana", "2026-12-21", "2027-01-04"))
        #expect(newYork.backup(for: "ben", at: Self.at("2027-01-05T03:00:00Z"))?.person == "ana")
        #expect(newYork.backup(for: "ben", at: Self.at("2027-01-05T06:00:00Z")) == nil)
    }

    @Test func noOneCoversTimeOffWithNoBackupOrABackupAwayToo() {
        let alone = teamCalendars(Self.covered("ana", by: nil, "2026-12-21", "2027-01-04"))
        #expect(alone.backup(for: "ana", at: Self.at("2026-12-22T10:00:00Z")) == nil)
        let both = teamCalendars(
            Self.covered("ana", by: "ben", "2026-12-21", "2027-01-04"),
            daysOff("ben", "2026-12-24", "2026-12-26")
        )
        #expect(both.backup(for: "ana", at: Self.at("2026-12-23T10:00:00Z"))?.person == "ben")
        #expect(both.backup(for: "ana", at: Self.at("2026-12-24T18:00:00Z")) == nil)
        // Naming oneself covers nothing.
        let oneself = teamCalendars(Self.covered("ana", by: "ana", "2026-12-21", "2027-01-04"))
        #expect(oneself.backup(for: "ana", at: Self.at("2026-12-22T10:00:00Z")) == nil)
    }

    /// Of two stretches of time off that hold the day, the one that names a backup says who covers.
    @Test func overlappingTimeOffIsCoveredByTheOneThatNamesABackup() {
        let calendars = teamCalendars(
            daysOff("ana", "2026-12-21", "2026-12-23"),
            Self.covered("ana", by: "kenji", "2026-12-22", "2026-12-31")
        )
        #expect(calendars.backup(for: "ana", at: Self.at("2026-12-22T10:00:00Z"))?.person == "kenji")
        #expect(calendars.backup(for: "ana", at: Self.at("2026-12-21T10:00:00Z")) == nil)
    }
}
