import Foundation
import OwnCore
import Testing

@Suite("own doctor finds the time-zone hand-off from the people's calendars in the configuration")
struct TimezoneHandoffCommandTests {
    /// ana in Berlin owns a loop, created on Tuesday, that kenji in Tokyo depends on.
    func ledger() -> (OwnBinary, config: String) {
        let own = OwnBinary()
        let created = Event(
            id: "1",
            loop: "rates",
            at: Timestamp.parse("2026-11-24T09:00:00Z")!,
            by: "ana",
            type: .created,
            fields: [
                "title": "Exchange rates feed", "doneWhen": "rates refresh hourly", "due": "2027-01-29",
                "affects": ["kenji"],
            ]
        )
        let imported = own("import", own.file("t.jsonl", created.jsonLine + "\n"))
        #expect(imported.code == 0, "\(imported.stderr)")
        let config = own.file(
            "config.toml",
            """
            [people.ana]
            tz = "Europe/Berlin"

            [people.kenji]
            tz = "Asia/Tokyo"
            """
        )
        return (own, config)
    }

    @Test func beforeAnaLeavesOnWednesday() throws {
        let (own, config) = ledger()
        let run = own("doctor", "--json", "--config", config, "--now", "2026-11-25T15:00:00Z")
        let findings = try JSONParser.parse(run.stdout).arrayValue ?? []
        let handoff = try #require(findings.first { $0.objectValue?["rule"]?.stringValue == "timezone-handoff" })
        #expect(handoff.objectValue?["loop"]?.stringValue == "rates")
        #expect(
            handoff.objectValue?["message"]?.stringValue
                == "kenji starts Nov 26 09:00 Asia/Tokyo, before ana is back Nov 26 09:00 Europe/Berlin; no update today"
        )
        #expect(handoff.objectValue?["suggestion"]?.stringValue?.contains("(Nov 26 17:00 for kenji)") == true)

        let morning = own("doctor", "--json", "--config", config, "--now", "2026-11-25T10:00:00Z")
        #expect(!morning.stdout.contains("timezone-handoff"), "\(morning.stdout)")
        let noConfiguration = own("doctor", "--json", "--now", "2026-11-25T15:00:00Z")
        #expect(!noConfiguration.stdout.contains("timezone-handoff"), "everyone on one calendar: nobody waits")
    }

    @Test func aNoteOrKenjisTimeOffClearsIt() {
        let (own, config) = ledger()
        let away = own("away", "2026-11-26..2026-11-27", "--owner", "kenji", "--now", "2026-11-24T10:00:00Z")
        #expect(away.code == 0, "\(away.stderr)")
        let run = own("doctor", "--json", "--config", config, "--now", "2026-11-25T15:00:00Z")
        #expect(!run.stdout.contains("timezone-handoff"), "\(run.stdout)")

        let (other, otherConfig) = ledger()
        let note = other("note", "rates", "feed half done; use yesterday's file", "--now", "2026-11-25T14:30:00Z")
        #expect(note.code == 0, "\(note.stderr)")
        let after = other("doctor", "--json", "--config", otherConfig, "--now", "2026-11-25T15:00:00Z")
        #expect(!after.stdout.contains("timezone-handoff"), "\(after.stdout)")
    }

    @Test func explainAndPolicy() {
        let own = OwnBinary()
        let explain = own("doctor", "--explain", "timezone-handoff")
        #expect(explain.code == 0)
        #expect(explain.stdout.contains("handoff-before = 2 working hours"), "\(explain.stdout)")
        let policy = own("policy")
        #expect(policy.stdout.contains("handoff-before"), "\(policy.stdout)")
    }
}
