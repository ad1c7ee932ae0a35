import Foundation
import OwnCore
import Testing

/// A wall-clock time in a zone as an instant, on the nights the clock skips or repeats an hour:
/// a skipped time moves forward by the gap, a repeated one is its first showing, on either side of
/// UTC (read with the offset from before a change, a time in New York's gap landed an hour early).
@Suite("Local time: wall-clock times the clock skips or shows twice")
struct LocalTimeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let zone: String
        let local: String
        let instant: String
        var testDescription: String { "\(local) \(zone)" }
    }

    static let cases: [Case] = [
        // Skipped: forward by the gap, as the clock moved.
        Case(zone: "America/New_York", local: "2026-03-08T02:30:00", instant: "2026-03-08T07:30:00Z"),
        Case(zone: "America/Havana", local: "2026-03-08T00:30:00", instant: "2026-03-08T05:30:00Z"),
        Case(zone: "America/St_Johns", local: "2026-03-08T02:30:00", instant: "2026-03-08T06:00:00Z"),
        Case(zone: "Europe/London", local: "2026-03-29T01:30:00", instant: "2026-03-29T01:30:00Z"),
        Case(zone: "Europe/Berlin", local: "2026-03-29T02:30:00", instant: "2026-03-29T01:30:00Z"),
        Case(zone: "Australia/Lord_Howe", local: "2026-10-04T02:15:00", instant: "2026-10-03T15:45:00Z"),
        // Santiago skips midnight: the day starts when the clock resumes, at 01:00.
        Case(zone: "America/Santiago", local: "2026-09-06T00:00:00", instant: "2026-09-06T04:00:00Z"),
        // Shown twice: the first showing, summer time's.
        Case(zone: "America/New_York", local: "2026-11-01T01:30:00", instant: "2026-11-01T05:30:00Z"),
        Case(zone: "Europe/London", local: "2026-10-25T01:30:00", instant: "2026-10-25T00:30:00Z"),
        // An ordinary time, and the instants either side of a change.
        Case(zone: "America/New_York", local: "2026-03-08T01:59:00", instant: "2026-03-08T06:59:00Z"),
        Case(zone: "America/New_York", local: "2026-03-08T03:00:00", instant: "2026-03-08T07:00:00Z"),
        Case(zone: "Asia/Kathmandu", local: "2026-07-01T09:00:00", instant: "2026-07-01T03:15:00Z"),
    ]

    @Test(arguments: cases)
    func theInstantTheWallClockShows(_ check: Case) throws {
        let zone = try #require(TimeZone(identifier: check.zone))
        let wall = try #require(Timestamp.parse(check.local + "Z"))
        let instant = LocalTime.instant(localSeconds: wall.timeIntervalSince1970, in: zone)
        #expect(Timestamp.format(instant) == check.instant)
    }

    /// Every time that exists reads back as itself, across a year of New York's and Lord Howe's
    /// half-hour changes, minute by minute around each.
    @Test func aTimeThatExistsReadsBackAsItself() throws {
        for name in ["America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo"] {
            let zone = try #require(TimeZone(identifier: name))
            var instant = try #require(Timestamp.parse("2026-01-01T00:00:00Z")).timeIntervalSince1970
            let end = try #require(Timestamp.parse("2027-01-01T00:00:00Z")).timeIntervalSince1970
            while instant < end {
                let local = LocalTime.localSeconds(of: Date(timeIntervalSince1970: instant), in: zone)
                let back = LocalTime.instant(localSeconds: local, in: zone).timeIntervalSince1970
                // A repeated time reads back as its first showing: the same wall clock either way.
                #expect(LocalTime.localSeconds(of: Date(timeIntervalSince1970: back), in: zone) == local)
                #expect(back == instant || back == instant - 3600 || back == instant - 1800, "\(name) \(instant)")
                instant += 900
            }
        }
    }
}
