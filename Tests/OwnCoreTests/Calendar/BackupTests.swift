import Foundation
import OwnCore
import Testing

/// Who answers for someone away (`Calendars.backups`): the backup their time off names, on the days
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
        let cover = try #require(calendars.backups(for: "ana", at: Self.at("2026-12-22T10:00:00Z")).first)
        #expect(cover.person == "ben")
        #expect(cover.timeOff.days == "Mon 21 Dec 2026 to Mon 4 Jan 2027")
        // The last day is one of them; the day after, and the day before the first, are not.
        #expect(calendars.backups(for: "ana", at: Self.at("2027-01-04T20:00:00Z")).first?.person == "ben")
        #expect(calendars.backups(for: "ana", at: Self.at("2027-01-05T08:00:00Z")).isEmpty)
        #expect(calendars.backups(for: "ana", at: Self.at("2026-12-20T12:00:00Z")).isEmpty)
        // Someone else's time off covers no one else.
        #expect(calendars.backups(for: "ben", at: Self.at("2026-12-22T10:00:00Z")).isEmpty)
    }

    /// The day is the person's: 23:30 UTC on the 20th is already the 21st in Berlin (UTC+1), and
    /// still the 4th of January in New York at 03:00 UTC on the 5th.
    @Test func theDayIsTheOneOnTheAwayPersonsCalendar() {
        let berlin = teamCalendars(Self.covered("ana", by: "ben", "2026-12-21", "2027-01-04"))
        #expect(berlin.backups(for: "ana", at: Self.at("2026-12-20T23:30:00Z")).first?.person == "ben")
        #expect(berlin.backups(for: "ana", at: Self.at("2026-12-20T22:30:00Z")).isEmpty)
        let newYork = teamCalendars(Self.covered("ben", by: "ana", "2026-12-21", "2027-01-04"))
        #expect(newYork.backups(for: "ben", at: Self.at("2027-01-05T03:00:00Z")).first?.person == "ana")
        #expect(newYork.backups(for: "ben", at: Self.at("2027-01-05T06:00:00Z")).isEmpty)
    }

    @Test func noOneCoversTimeOffWithNoBackupOrABackupAwayToo() {
        let alone = teamCalendars(Self.covered("ana", by: nil, "2026-12-21", "2027-01-04"))
        #expect(alone.backups(for: "ana", at: Self.at("2026-12-22T10:00:00Z")).isEmpty)
        let both = teamCalendars(
            Self.covered("ana", by: "ben", "2026-12-21", "2027-01-04"),
            daysOff("ben", "2026-12-24", "2026-12-26")
        )
        #expect(both.backups(for: "ana", at: Self.at("2026-12-23T10:00:00Z")).first?.person == "ben")
        #expect(both.backups(for: "ana", at: Self.at("2026-12-24T18:00:00Z")).isEmpty)
        // Naming oneself covers nothing.
        let oneself = teamCalendars(Self.covered("ana", by: "ana", "2026-12-21", "2027-01-04"))
        #expect(oneself.backups(for: "ana", at: Self.at("2026-12-22T10:00:00Z")).isEmpty)
    }

    /// Of two stretches of time off that hold the day, each that names a backup gives one, the last
    /// recorded first: a backup named for one day within a longer stretch is asked before the
    /// stretch's; one away that day, or named twice, is left out.
    @Test func overlappingTimeOffGivesEachBackupTheLastRecordedFirst() {
        var long = Self.covered("ana", by: "kenji", "2026-12-21", "2026-12-31")
        long.recordedAt = Self.at("2026-12-01T09:00:00Z")
        var day = Self.covered("ana", by: "ben", "2026-12-22", "2026-12-22")
        day.recordedAt = Self.at("2026-12-02T09:00:00Z")
        var bare = daysOff("ana", "2026-12-21", "2026-12-23")
        bare.recordedAt = Self.at("2026-12-03T09:00:00Z")
        let calendars = teamCalendars(long, day, bare)
        #expect(calendars.backups(for: "ana", at: Self.at("2026-12-22T10:00:00Z")).map(\.person) == ["ben", "kenji"])
        #expect(calendars.backups(for: "ana", at: Self.at("2026-12-23T10:00:00Z")).map(\.person) == ["kenji"])
        let benAway = teamCalendars(long, day, daysOff("ben", "2026-12-22", "2026-12-22"))
        #expect(benAway.backups(for: "ana", at: Self.at("2026-12-22T10:00:00Z")).map(\.person) == ["kenji"])
    }
}
