import Foundation
import OwnCore
import Testing

@Suite("ISO-8601 instants and civil dates")
struct TimestampTests {
    @Test(arguments: [
        ("2026-11-27T16:00:00Z", 1_795_795_200.0), ("2026-11-27T16:00:00+00:00", 1_795_795_200),
        ("2026-11-28T01:00:00+09:00", 1_795_795_200), ("2026-11-27T11:00:00-0500", 1_795_795_200),
        ("2026-11-27T16:00:00.250Z", 1_795_795_200.25), ("2026-11-27T16:00Z", 1_795_795_200),
        ("2026-11-27 16:00:00Z", 1_795_795_200),
    ])
    func parses(text: String, seconds: Double) {
        #expect(Timestamp.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: [
        "2026-11-27", "2026-11-27T16:00:00", "2026-11-27T24:00:00Z", "2026-11-27T16:00:00+25:00", "nonsense",
        "2026-11-27T16:00:00Zjunk",
    ])
    func refuses(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func formatsInUTCAndWithAnOffset() {
        let moment = instant("2026-11-27T16:00:00Z")
        #expect(Timestamp.format(moment) == "2026-11-27T16:00:00Z")
        // Written in place for UTC: every field padded, the day before the epoch and the edges of years.
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_798_761_599.9)) == "2026-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
        #expect(Timestamp.format(moment, in: tokyo) == "2026-11-28T01:00:00+09:00")
        #expect(Timestamp.format(moment, in: newYork) == "2026-11-27T11:00:00-05:00")
    }

    @Test func civilDatesRoundTripThroughDayNumbers() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CivilDate(iso: date.description) == date || date.year < 0)
        }
        #expect(CivilDate(iso: "2026-11-29")!.weekday == 7)
        #expect(CivilDate(iso: "2026-11-30")!.weekday == 1)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2026-02-29") == nil)
    }

    @Test func civilDatesPrintWithFourDigitYearsAndTwoDigitMonthsAndDays() {
        #expect(CivilDate(year: 2026, month: 11, day: 27).description == "2026-11-27")
        #expect(CivilDate(year: 5, month: 1, day: 2).description == "0005-01-02")
        #expect(CivilDate(year: 9999, month: 12, day: 31).description == "9999-12-31")
        #expect(CivilDate(year: 10000, month: 1, day: 1).description == "10000-01-01")
        #expect(CivilDate(year: -1, month: 3, day: 4).description == "-1-03-04")
    }
}
