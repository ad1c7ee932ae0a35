import Foundation
import OwnCore
import Testing

/// Fixed cases, most ported from cronsim's own test suite (its Europe/Riga daylight-saving table),
/// so the rules hold even where the differential test's python3 is missing.
@Suite("Cron expressions")
struct CronExpressionTests {
    static let riga = TimeZone(identifier: "Europe/Riga")!

    /// The runs after `start`, each the next after the previous.
    static func runs(_ text: String, after start: String, in zone: TimeZone, count: Int) throws -> [Date] {
        let expression = try CronExpression(text)
        var result: [Date] = []
        var cursor = instant(start)
        for _ in 0..<count {
            guard let next = expression.nextRun(after: cursor, in: zone) else { break }
            result.append(next)
            cursor = next
        }
        return result
    }

    // Riga, 2021: clocks go 02:59+02 → 04:00+03 on 28 March, and 03:59+03 → 03:00+02 on 31 October.
    static let rigaCases: [(String, String, [String])] = [
        ("0 * * * *", "2021-03-28T01:30:00+02:00", ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00"]),
        (
            "0 * * * *", "2021-10-31T01:30:00+03:00",
            [
                "2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T03:00:00+02:00",
                "2021-10-31T04:00:00+02:00",
            ]
        ),
        (
            "*/30 * * * *", "2021-03-28T02:10:00+02:00",
            ["2021-03-28T02:30:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T04:30:00+03:00"]
        ),
        (
            "*/30 * * * *", "2021-10-31T02:10:00+03:00",
            [
                "2021-10-31T02:30:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T03:30:00+03:00",
                "2021-10-31T03:00:00+02:00", "2021-10-31T03:30:00+02:00", "2021-10-31T04:00:00+02:00",
            ]
        ),
        ("*/15 * * * *", "2021-03-28T02:40:00+02:00", ["2021-03-28T02:45:00+02:00", "2021-03-28T04:00:00+03:00"]),
        (
            "0 */2 * * *", "2021-03-28T01:30:00+02:00",
            ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T06:00:00+03:00"]
        ),
        (
            "0 */2 * * *", "2021-10-31T01:30:00+03:00",
            ["2021-10-31T02:00:00+03:00", "2021-10-31T04:00:00+02:00", "2021-10-31T06:00:00+02:00"]
        ),
        ("30 */2 * * *", "2021-03-28T01:30:00+02:00", ["2021-03-28T02:30:00+02:00", "2021-03-28T04:30:00+03:00"]),
        ("30 */2 * * *", "2021-10-31T01:30:00+03:00", ["2021-10-31T02:30:00+03:00", "2021-10-31T04:30:00+02:00"]),
        (
            "0 */3 * * *", "2021-10-31T01:30:00+03:00",
            ["2021-10-31T03:00:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T06:00:00+02:00"]
        ),
        (
            "0 1,2,3,4,5 * * *", "2021-03-28T01:30:00+02:00",
            ["2021-03-28T02:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T05:00:00+03:00"]
        ),
        (
            "0 1,2,3,4,5 * * *", "2021-10-31T01:30:00+03:00",
            ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T04:00:00+02:00"]
        ),
        (
            "30 1,2,3,4,5 * * *", "2021-03-28T01:30:00+02:00",
            ["2021-03-28T02:30:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-28T04:30:00+03:00"]
        ),
        (
            "30 1,2,3,4,5 * * *", "2021-10-31T01:30:00+03:00",
            ["2021-10-31T02:30:00+03:00", "2021-10-31T03:30:00+03:00", "2021-10-31T04:30:00+02:00"]
        ),
        ("0 2 * * *", "2021-10-31T01:30:00+03:00", ["2021-10-31T02:00:00+03:00", "2021-11-01T02:00:00+02:00"]),
        // A skipped 03:00 fires at the first minute after the gap; a doubled 03:00 fires once.
        (
            "0 3 * * *", "2021-03-27T01:30:00+02:00",
            ["2021-03-27T03:00:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T03:00:00+03:00"]
        ),
        ("0 3 * * *", "2021-10-31T01:30:00+03:00", ["2021-10-31T03:00:00+03:00", "2021-11-01T03:00:00+02:00"]),
        (
            "0 4 * * *", "2021-10-30T01:30:00+03:00",
            ["2021-10-30T04:00:00+03:00", "2021-10-31T04:00:00+02:00", "2021-11-01T04:00:00+02:00"]
        ),
        (
            "15 3 * * *", "2021-03-27T00:00:00+02:00",
            ["2021-03-27T03:15:00+02:00", "2021-03-28T04:00:00+03:00", "2021-03-29T03:15:00+03:00"]
        ),
        (
            "15 3 * * *", "2021-10-30T00:00:00+03:00",
            ["2021-10-30T03:15:00+03:00", "2021-10-31T03:15:00+03:00", "2021-11-01T03:15:00+02:00"]
        ),
        (
            "0 1-5 * * *", "2021-10-31T01:30:00+03:00",
            ["2021-10-31T02:00:00+03:00", "2021-10-31T03:00:00+03:00", "2021-10-31T04:00:00+02:00"]
        ),
        ("* * * * *", "2021-03-28T02:58:00+02:00", ["2021-03-28T02:59:00+02:00", "2021-03-28T04:00:00+03:00"]),
        (
            "* * * * *", "2021-10-31T03:58:00+03:00",
            ["2021-10-31T03:59:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:01:00+02:00"]
        ),
        (
            "* 1-6 * * *", "2021-10-31T03:58:00+03:00",
            ["2021-10-31T03:59:00+03:00", "2021-10-31T03:00:00+02:00", "2021-10-31T03:01:00+02:00"]
        ),
        // Not cronsim's: after an instant in the hour shown twice (its second showing), a time in it has
        // fired already, at its first; the next run is the next day's, not one before the instant.
        ("30 3 * * *", "2021-10-31T03:10:00+02:00", ["2021-11-01T03:30:00+02:00", "2021-11-02T03:30:00+02:00"]),
        ("30 3 * * *", "2021-10-31T03:40:00+02:00", ["2021-11-01T03:30:00+02:00"]),
    ]

    @Test("Daylight-saving changes in Europe/Riga, as cronsim's own table", arguments: rigaCases)
    func riga(expression: String, start: String, expected: [String]) throws {
        let runs = try Self.runs(expression, after: start, in: Self.riga, count: expected.count)
        #expect(runs == expected.map(instant))
    }

    // cronsim's iterator tests, in UTC from 2020-01-01.
    static let calendarCases: [(String, [String])] = [
        ("1 1 L * *", ["2020-01-31T01:01:00Z"]),
        (
            "1 1 * * 5L",
            [
                "2020-01-31T01:01:00Z", "2020-02-28T01:01:00Z", "2020-03-27T01:01:00Z", "2020-04-24T01:01:00Z",
                "2020-05-29T01:01:00Z", "2020-06-26T01:01:00Z", "2020-07-31T01:01:00Z", "2020-08-28T01:01:00Z",
                "2020-09-25T01:01:00Z", "2020-10-30T01:01:00Z", "2020-11-27T01:01:00Z", "2020-12-25T01:01:00Z",
            ]
        ),
        ("1 1 * * 0L", ["2020-01-26T01:01:00Z"]),
        ("1 1 * * 7L", ["2020-01-26T01:01:00Z"]),
        ("1 1 * * 1#2", ["2020-01-13T01:01:00Z"]),
        // Day-of-week starts with `*`: both fields must match (the first Sunday).
        (
            "1 1 1-7 * */7",
            ["2020-01-05T01:01:00Z", "2020-02-02T01:01:00Z", "2020-03-01T01:01:00Z", "2020-04-05T01:01:00Z"]
        ),
        // Day-of-month starts with `*`: both must match (the first Monday).
        (
            "1 1 */100,1-7 * MON",
            ["2020-01-06T01:01:00Z", "2020-02-03T01:01:00Z", "2020-03-02T01:01:00Z", "2020-04-06T01:01:00Z"]
        ),
        // Neither starts with `*`: either may match (the 1st, and every Monday).
        ("0 9 1 * MON", ["2020-01-01T09:00:00Z", "2020-01-06T09:00:00Z", "2020-01-13T09:00:00Z"]),
        ("*/15 * * * *", ["2020-01-01T00:15:00Z", "2020-01-01T00:30:00Z", "2020-01-01T00:45:00Z"]),
        ("5/15 * * * *", ["2020-01-01T00:05:00Z", "2020-01-01T00:20:00Z", "2020-01-01T00:35:00Z"]),
        ("0-10/4 0 * * *", ["2020-01-01T00:04:00Z", "2020-01-01T00:08:00Z", "2020-01-02T00:00:00Z"]),
        // A range that holds one value, stepped, is that value (cronsim 2.9); `19/1` runs to the end.
        ("28 19-19/1 * * *", ["2020-01-01T19:28:00Z", "2020-01-02T19:28:00Z"]),
        ("28 19/1 * * *", ["2020-01-01T19:28:00Z", "2020-01-01T20:28:00Z"]),
        ("0 0 * * sun-tue", ["2020-01-05T00:00:00Z", "2020-01-06T00:00:00Z", "2020-01-07T00:00:00Z"]),
        ("0 0 * * */2", ["2020-01-02T00:00:00Z", "2020-01-04T00:00:00Z", "2020-01-05T00:00:00Z"]),
        ("0 0 * * 7", ["2020-01-05T00:00:00Z"]),
        ("0 0 1 jan,Jul *", ["2020-07-01T00:00:00Z", "2021-01-01T00:00:00Z"]),
        ("0 0 29 2 *", ["2020-02-29T00:00:00Z", "2024-02-29T00:00:00Z"]),
        ("0 0 LW * *", ["2020-01-31T00:00:00Z", "2020-02-28T00:00:00Z", "2020-03-31T00:00:00Z"]),
        ("0 0 L/2 * *", ["2020-01-31T00:00:00Z"]),
        ("0 0 * * 1,2,3#1", ["2020-01-06T00:00:00Z", "2020-01-07T00:00:00Z", "2020-01-13T00:00:00Z"]),
    ]

    @Test("Names, ranges, lists, steps, L, LW, # and the day-of-month/day-of-week rule", arguments: calendarCases)
    func calendar(expression: String, expected: [String]) throws {
        let runs = try Self.runs(expression, after: "2020-01-01T00:00:00Z", in: utc, count: expected.count)
        #expect(runs == expected.map(instant))
    }

    @Test("The first day of a month that is also its fourth Monday never comes")
    func neverFires() throws {
        let expression = try CronExpression("1 1 */100 * MON#4")
        #expect(expression.nextRun(after: instant("2020-01-01T00:00:00Z"), in: utc) == nil)
    }

    @Test("Fractions of a second are dropped, and a run is strictly after the instant")
    func strictlyAfter() throws {
        let expression = try CronExpression("0 2 * * *")
        #expect(expression.nextRun(after: instant("2026-11-30T02:00:00Z"), in: utc) == instant("2026-12-01T02:00:00Z"))
        let justBefore = instant("2026-11-30T01:59:59Z").addingTimeInterval(0.9)
        #expect(expression.nextRun(after: justBefore, in: utc) == instant("2026-11-30T02:00:00Z"))
    }

    @Test("Lord Howe moves its clocks by half an hour; Kolkata never")
    func halfHourZones() throws {
        let lordHowe = try #require(TimeZone(identifier: "Australia/Lord_Howe"))
        // 2026-10-04: 02:00+10:30 becomes 02:30+11:00, so 02:15 does not exist that night.
        #expect(
            try Self.runs("15 2 * * *", after: "2026-10-03T03:00:00+10:30", in: lordHowe, count: 2)
                == ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"].map(instant)
        )
        let kolkata = try #require(TimeZone(identifier: "Asia/Kolkata"))
        #expect(
            try Self.runs("30 9 * * MON-FRI", after: "2026-11-27T10:00:00+05:30", in: kolkata, count: 1)
                == ["2026-11-30T09:30:00+05:30"].map(instant)
        )
    }

    static let invalidPatterns = [
        "%s * * * *", "* %s * * *", "* * %s * *", "* * * %s * ", "* * * * %s", "* * * * * %s", "1-%s * * * *",
        "%s-60 * * * *", "* * * %s-DEC *", "* * * JAN-%s *", "* * * * %s-SUN", "* * * * MON-%s",
    ]
    static let invalidValues = ["-1", "61", "ABC", "2/", "/2", "2#", "#2", "1##1", "1//2", "¹"]

    @Test("cronsim's bad values are refused in every field", arguments: invalidPatterns, invalidValues)
    func badValues(pattern: String, value: String) {
        let text = pattern.replacingOccurrences(of: "%s", with: value)
        #expect(throws: CoreError.self) { try CronExpression(text) }
    }

    @Test(
        "Malformed and impossible expressions are refused",
        arguments: [
            "* * * *", "* * 5-1 * *", "1-1_0 * * * *", "*/0 * * * *", "* * * * 1#0", "* * * * 1#6", "* * 30 2 *",
            "* * 31 4 *", "* * * * 5L-6", "* * * * 5L#1", "* * 5L/3 * *", "* * * * MONL", "0 0 31 APR,JUN *",
            "0 0 0 * *", "0 24 * * *", "* * * 13 *", "* * * * 8", "0 0 * * * *", "",
        ]
    )
    func refused(text: String) {
        #expect(throws: CoreError.self) { try CronExpression(text) }
    }

    @Test("The message names the field and shows what a good expression looks like")
    func message() {
        #expect {
            try CronExpression("0 25 * * *")
        } throws: { error in
            "\(error)".contains("the hour field \"25\" cannot be read: 25 is outside 0-23")
                && "\(error)".contains("\"0 2 * * *\"")
        }
        // What is wrong with the field, where it can be told.
        for (text, why) in [
            // Meant across the field's end: the hint is the two ranges, not the complement 1-5.
            (
                "5-1 * * * *",
                "the minute field \"5-1\" cannot be read: 5-1 runs backwards; across the end, write it 5-59,0-1"
            ),
            (
                "0 22-2 * * *",
                "the hour field \"22-2\" cannot be read: 22-2 runs backwards; across the end, write it 22-23,0-2"
            ),
            ("0 0 * * FRI-MON", "\"FRI-MON\" cannot be read: FRI-MON runs backwards; across the end, write it 5-6,0-1"),
            // With a step, the values it meant; Sunday once.
            ("0 22-2/2 * * *", "\"22-2/2\" cannot be read: 22-2/2 runs backwards; across the end, write it 22,0,2"),
            ("0 0 * * SAT-SUN", "\"SAT-SUN\" cannot be read: SAT-SUN runs backwards; across the end, write it 6,0"),
            ("0 0 * * 7-1", "\"7-1\" cannot be read: 7-1 runs backwards; across the end, write it 0-1"),
            ("*/0 * * * *", "the minute field \"*/0\" cannot be read: a step of 0 repeats nothing"),
            ("60 * * * *", "the minute field \"60\" cannot be read: 60 is outside 0-59"),
            ("* * * * 1#6", "the day-of-week field \"1#6\" cannot be read: #6: a month has weeks 1 to 5"),
        ] {
            #expect(throws: CoreError.self, "\(text)") {
                do { try CronExpression(text) } catch {
                    #expect("\(error)".contains(why), "\(error)")
                    throw error
                }
            }
        }
        #expect {
            try CronExpression("0 0 30 2 *")
        } throws: { error in
            "\(error)".contains("day 30 does not occur in the months it names")
        }
    }
}
