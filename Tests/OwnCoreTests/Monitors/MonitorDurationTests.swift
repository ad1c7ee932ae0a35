import OwnCore
import Testing

@Suite("Durations as people type them for monitors")
struct MonitorDurationTests {
    @Test(arguments: [
        ("90s", 90.0), ("30m", 1800), ("1h", 3600), ("2d", 172_800), ("1w", 604_800), ("1h30m", 5400),
        ("0", 0), ("1H", 3600),
    ])
    func readsUnitsAndSums(_ text: String, _ seconds: Double) throws {
        #expect(try MonitorDuration.seconds(text, option: "--grace") == seconds)
    }

    @Test(arguments: ["", "soon", "1h30", "m", "-5m", "1.5h", "1y", "600", "-1"])
    func refusesWhatItCannotRead(_ text: String) {
        #expect(throws: CoreError.self) { try MonitorDuration.seconds(text, option: "--grace") }
    }

    @Test func namesTheOptionInItsMessage() {
        #expect(
            throws: CoreError.invalidSchedule(
                "cannot read --every \"soon\"; use a number with a unit: 90s, 30m, 1h, 2d, 1h30m"
            )
        ) { try MonitorDuration.seconds("soon", option: "--every") }
        // A bare number has no unit: `--every 120` meant as two hours went down after two minutes.
        #expect(
            throws: CoreError.invalidSchedule(
                "--every 120 has no unit; write 120s for seconds, 120m for minutes or 120h for hours"
            )
        ) { try MonitorDuration.seconds("120", option: "--every") }
    }

    @Test(arguments: [(45.0, "45s"), (1800, "30m"), (5400, "1h30m"), (90_000, "1d1h"), (0, "0s")])
    func writesTheShortestForm(_ seconds: Double, _ text: String) {
        #expect(MonitorDuration.text(seconds) == text)
    }
}
