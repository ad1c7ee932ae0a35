import Testing

@testable import OwnCore

@Suite("The words reports are written in")
struct ReportWordsTests {
    /// A window across a year's end names both years: "Mon 28 Dec to Sun 3 Jan 2027" read as one
    /// year's December.
    @Test func aWindowNamesTheYearOfEachEndWhenTheyDiffer() {
        let day = { (year: Int, month: Int, day: Int) in CivilDate(year: year, month: month, day: day) }
        #expect(ReportWords.days(day(2026, 12, 28), day(2027, 1, 3)) == "Mon 28 Dec 2026 to Sun 3 Jan 2027")
        #expect(ReportWords.days(day(2026, 11, 30), day(2026, 12, 4)) == "Mon 30 Nov to Fri 4 Dec 2026")
        #expect(ReportWords.days(day(2026, 12, 4), day(2026, 12, 4)) == "Fri 4 Dec 2026")
    }
}
