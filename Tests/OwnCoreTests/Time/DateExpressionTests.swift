import Foundation
import OwnCore
import Testing

@Suite("Date expressions, relative to a fixed now")
struct DateExpressionTests {
    // Sunday 2026-11-29 14:00 UTC; in Tokyo it is already 23:00, in New York 09:00.
    let now = instant("2026-11-29T14:00:00Z")

    func day(_ text: String) -> Due {
        .day(CivilDate(iso: text)!)
    }

    @Test(arguments: [
        ("2026-12-08", "2026-12-08"), ("today", "2026-11-29"), ("eod", "2026-11-29"), ("tomorrow", "2026-11-30"),
        ("yesterday", "2026-11-28"), ("mon", "2026-11-30"), ("monday", "2026-11-30"), ("fri", "2026-12-04"),
        ("Friday", "2026-12-04"), ("sun", "2026-12-06"), ("eow", "2026-11-29"), ("sow", "2026-11-30"),
        ("eom", "2026-11-30"), ("som", "2026-12-01"), ("+3d", "2026-12-02"), ("3d", "2026-12-02"),
        ("2w", "2026-12-13"), ("+1w", "2026-12-06"), ("in 3 days", "2026-12-02"), ("in 2 weeks", "2026-12-13"),
        ("-2d", "2026-11-27"), ("1mo", "2026-12-29"),
    ])
    func inUTC(text: String, expected: String) throws {
        #expect(try DateExpression.parse(text, now: now, zone: utc) == day(expected))
    }

    @Test(arguments: [
        ("today", "2026-11-29"), ("tomorrow", "2026-11-30"), ("mon", "2026-11-30"), ("eow", "2026-11-29"),
    ])
    func inNewYorkItIsStillSundayMorning(text: String, expected: String) throws {
        #expect(try DateExpression.parse(text, now: now, zone: newYork) == day(expected))
    }

    @Test func inTokyoTheSameInstantIsLateSunday() throws {
        #expect(try DateExpression.parse("today", now: now, zone: tokyo) == day("2026-11-29"))
        let late = instant("2026-11-29T15:30:00Z")  // 00:30 Monday in Tokyo
        #expect(try DateExpression.parse("today", now: late, zone: tokyo) == day("2026-11-30"))
        #expect(try DateExpression.parse("mon", now: late, zone: tokyo) == day("2026-12-07"))
        #expect(try DateExpression.parse("eow", now: late, zone: tokyo) == day("2026-12-06"))
    }

    @Test(arguments: [
        ("2026-01-31T12:00:00Z", "eom", "2026-01-31"), ("2026-01-31T12:00:00Z", "1mo", "2026-02-28"),
        ("2028-01-31T12:00:00Z", "1mo", "2028-02-29"), ("2026-02-28T12:00:00Z", "tomorrow", "2026-03-01"),
        ("2026-12-31T12:00:00Z", "som", "2027-01-01"), ("2026-12-31T12:00:00Z", "+1d", "2027-01-01"),
        ("2028-02-28T12:00:00Z", "tomorrow", "2028-02-29"),
    ])
    func monthAndYearEnds(now: String, text: String, expected: String) throws {
        #expect(try DateExpression.parse(text, now: instant(now), zone: utc) == day(expected))
    }

    /// A date outside the years a ledger keeps (an import refuses it, so an export holding it could not
    /// be imported again) is refused where it is typed, with the reason; the years' ends are taken.
    @Test func datesOutsideTheLedgersYearsAreRefused() throws {
        for text in ["0001-01-01", "1969-12-31", "4000-01-01", "1969-12-31T23:00:00Z", "+99999mo", "-21000d"] {
            #expect(throws: CoreError.dateOutOfYears(text), "\(text)") {
                try DateExpression.parse(text, now: now, zone: utc)
            }
        }
        #expect(try DateExpression.parse("1970-01-01", now: now, zone: utc) == day("1970-01-01"))
        #expect(try DateExpression.parse("3999-12-31", now: now, zone: utc) == day("3999-12-31"))
        #expect(
            CoreError.dateOutOfYears("4000-01-01").description
                == "the date \"4000-01-01\" is outside the years a ledger keeps, 1970 to 3999; check the year"
        )
    }

    @Test func dateTimesAndHours() throws {
        #expect(
            try DateExpression.parse("2026-12-08T17:00:00+09:00", now: now, zone: utc)
                == .instant(instant("2026-12-08T08:00:00Z"))
        )
        #expect(
            try DateExpression.parse("2026-12-08T17:00", now: now, zone: tokyo)
                == .instant(instant("2026-12-08T08:00:00Z"))
        )
        #expect(try DateExpression.parse("+4h", now: now, zone: utc) == .instant(instant("2026-11-29T18:00:00Z")))
    }

    @Test(arguments: [
        "", "someday", "+d", "in three days", "fr", "3 fortnights", "2026-12-08x", "2026-12-08T10:00 PST",
        "2026-12-08T10", "2026-12-08T",
    ])
    func badExpressionsNameTheAcceptedForms(text: String) {
        #expect {
            _ = try DateExpression.parse(text, now: now, zone: utc)
        } throws: { error in
            let message = "\(error)"
            return message.contains("YYYY-MM-DD") && message.contains("tomorrow") && message.contains("+3d")
        }
    }

    /// Written in the right form, a day or a time that does not exist is said to be none, not sent to
    /// the list of forms (2026-02-30 is YYYY-MM-DD already).
    @Test(arguments: [
        ("2026-02-30", "no such day"), ("2026-13-01", "no such day"), ("2027-02-29T10:00", "no such day"),
        ("2026-12-08T25:00Z", "no such time"), ("2026-12-08 10:61", "no such time"),
        ("2026-12-08T24:30:00+01:00", "no such time"), ("2026-12-08T10:00:61.5", "no such time"),
    ])
    func aDayOrTimeThatDoesNotExistIsSaidToBeNone(text: String, said: String) {
        #expect {
            _ = try DateExpression.parse(text, now: now, zone: utc)
        } throws: { error in
            "\(error)".hasPrefix("\"\(text)\" is not a date: \(said)")
        }
    }

    /// A report window's start reads a weekday as the last one and its end as the next one, today
    /// included; a due date's is the next one, never today: `--since fri` was next Friday, refused.
    @Test func lookingBackAWeekdayIsTheLastOne() throws {
        // `now` is a Sunday.
        #expect(try DateExpression.parse("fri", now: now, zone: utc, weekdays: .lastOrToday) == day("2026-11-27"))
        #expect(try DateExpression.parse("sun", now: now, zone: utc, weekdays: .lastOrToday) == day("2026-11-29"))
        #expect(try DateExpression.parse("monday", now: now, zone: utc, weekdays: .lastOrToday) == day("2026-11-23"))
        #expect(try DateExpression.parse("sun", now: now, zone: utc, weekdays: .nextOrToday) == day("2026-11-29"))
        #expect(try DateExpression.parse("fri", now: now, zone: utc, weekdays: .nextOrToday) == day("2026-12-04"))
        #expect(try DateExpression.parse("sun", now: now, zone: utc) == day("2026-12-06"))
        #expect(try DateExpression.parse("mon", now: now, zone: utc) == day("2026-11-30"))
        #expect(try DateExpression.parse("-1w", now: now, zone: utc, weekdays: .lastOrToday) == day("2026-11-22"))
    }

    @Test func aDueDayEndsAtMidnightOnTheOwnersCalendar() {
        let due = day("2026-12-04")
        #expect(due.deadline(in: utc) == instant("2026-12-05T00:00:00Z"))
        #expect(due.deadline(in: tokyo) == instant("2026-12-04T15:00:00Z"))
        #expect(due.deadline(in: newYork) == instant("2026-12-05T05:00:00Z"))
    }
}
