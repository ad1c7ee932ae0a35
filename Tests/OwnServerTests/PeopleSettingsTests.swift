import Foundation
import HTTPTypes
import HummingbirdTesting
import OwnCore
import Synchronization
import TeamStore
import Testing

/// The server judges people by their settings on the server and their time off in the ledger, as
/// the CLI judges them by `[people.NAME]` and `own away`, not by UTC and the default policy.
@Suite("The server's doctor uses each person's settings")
struct PeopleSettingsTests {
    /// Whether `GET /api/v1/doctor?owner=ana` finds pay-b1 going dark. Started Monday 23 Nov 10:00
    /// UTC, nothing since, judged Friday 27 Nov 12:00 UTC: four working days on the standard calendar,
    /// past `dark-after.high` (2).
    private func goingDark(_ team: TestTeam, owner: String = "ana") async throws -> Bool {
        let dark = Mutex(false)
        try await team.withClient { client in
            let response = try await client.execute(
                uri: "/api/v1/doctor?owner=\(owner)",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(response.status == .ok)
            let findings = try JSONParser.parse(response.text).arrayValue ?? []
            let found = findings.contains {
                $0.objectValue?["rule"] == "going-dark" && $0.objectValue?["loop"] == "pay-b1"
            }
            dark.withLock { $0 = found }
        }
        return dark.withLock { $0 }
    }

    @Test func theStandardCalendarAndPolicyFindTheLoopGoingDark() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        #expect(try await goingDark(team))
    }

    @Test func aPersonsWorkingDaysDecideHowMuchTimePassed() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        try await team.store.setPerson(try PersonSettings(name: "ana", workdays: "Sat-Sun"), team: "payments")
        #expect(try await goingDark(team) == false)
    }

    @Test func aPersonsPolicyOverrideJudgesTheirLoops() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        try await team.store.setPerson(
            try PersonSettings(name: "ana", policy: ["dark-after.high": "10"]),
            team: "payments"
        )
        #expect(try await goingDark(team) == false)
        // The whole team's read judges ana's loops by her policy too, as the board does.
        #expect(try await goingDark(team, owner: "all") == false)
        try await team.store.setPerson(
            try PersonSettings(name: "ana", policy: ["dark-after.high": "1"]),
            team: "payments"
        )
        #expect(try await goingDark(team, owner: "all"))
    }

    @Test func timeOffFromTheLedgerStopsTheClock() async throws {
        let team = try await ReadRoutesTests.seeded()
        defer { team.discard() }
        let away = TimeOff(
            id: "away-1",
            person: "ana",
            first: CivilDate(iso: "2026-11-24")!,
            last: CivilDate(iso: "2026-11-27")!,
            backup: "lee",
            recordedAt: Timestamp.parse("2026-11-23T11:00:00Z")!
        )
        _ = try await team.store.append([away.event], team: "payments")
        #expect(try await goingDark(team) == false)
    }
}
