import Foundation
import OwnCLI
import OwnCore
import Testing

@Suite("The configuration's calendars")
struct ConfigurationTests {
    @Test func aPersonKeepsTheTeamCalendarForWhatTheyLeaveOut() throws {
        let configuration = try Configuration.parse(
            """
            [calendar]
            workdays = "Sun-Thu"
            hours = "08:00-16:00"
            [people.ana]
            tz = "Asia/Tokyo"
            """,
            path: "config.toml"
        )
        let calendars = try configuration.calendars()
        let ana = calendars.calendar(for: "ana")
        #expect(ana.zone == TimeZone(identifier: "Asia/Tokyo"))
        #expect(ana.workdays == [7, 1, 2, 3, 4])
        #expect(ana.startMinute == 8 * 60)
        #expect(calendars.calendar(for: "lee").workdays == [7, 1, 2, 3, 4])
        #expect(calendars.calendar(for: "lee").zone.secondsFromGMT() == 0)
    }

    @Test func aBadValueNamesItsTable() {
        #expect {
            _ = try Configuration.parse("[people.ana]\nworkdays = \"Funday\"\n", path: "config.toml").calendars()
        } throws: { error in
            "\(error)".contains("[people.ana]") && "\(error)".contains("workdays")
        }
    }
}
