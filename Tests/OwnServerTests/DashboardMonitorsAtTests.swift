import Foundation
import HTTPTypes
import HummingbirdTesting
import OwnCore
import OwnServer
import Synchronization
import TeamStore
import Testing

@Suite("The dashboard's monitors page as of an instant")
struct DashboardMonitorsAtTests {
    /// A daily monitor with a grace hour: up on its first success, down on a failure, up again on
    /// the next success, each change stored as a flip with its ping.
    private static func seed(_ team: TestTeam) async throws {
        var monitor = try await team.store.addMonitor(
            MonitorRecord(
                uuid: "7c1f0a52-3d4b-4e6f-8a90-1b2c3d4e5f60",
                team: "payments",
                name: "Nightly export",
                slug: "nightly-export",
                owner: "ana",
                stakes: .high,
                timeout: 86_400,
                cron: nil,
                grace: 3600,
                createdAt: Timestamp.parse("2026-11-20T00:00:00Z")!
            )
        )
        let pings: [(String, MonitorPing.Kind, MonitorStatus)] = [
            ("2026-11-24T02:00:02Z", .success, .up), ("2026-11-25T02:00:04Z", .success, .up),
            ("2026-11-26T02:00:00Z", .start, .up), ("2026-11-26T02:00:09Z", .fail, .down),
            ("2026-11-27T02:00:00Z", .success, .up),
        ]
        for (at, kind, status) in pings {
            let instant = Timestamp.parse(at)!
            let flips =
                status == monitor.state.status ? [] : [MonitorFlip(at: instant, from: monitor.state.status, to: status)]
            monitor.state.status = status
            let record = MonitorPingRecord(at: instant, kind: kind, method: "POST")
            monitor = try #require(try await team.store.save(monitor, ping: record, flips: flips))
        }
    }

    /// The page judges a monitor at the request's instant, as the API does: in grace ten seconds
    /// after its deadline, not up until the next minute; and its last ping is a run's end, not a start.
    @Test func theCurrentPageShowsGraceToTheSecondAndAStartIsNoLastPing() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        var monitor = try await team.store.addMonitor(
            MonitorRecord(
                uuid: "5d2e7f30-1a4b-4c6d-9e8f-0a1b2c3d4e5f",
                team: "payments",
                name: "Every minute",
                slug: "every-minute",
                owner: "ana",
                stakes: .low,
                timeout: 60,
                cron: nil,
                grace: 120,
                createdAt: Timestamp.parse("2026-11-27T11:00:00Z")!
            )
        )
        let success = Timestamp.parse("2026-11-27T12:00:10Z")!
        monitor.state.status = .up
        monitor.state.lastPing = success
        let ping = MonitorPingRecord(at: success, kind: .success, method: "GET")
        monitor = try #require(try await team.store.save(monitor, ping: ping, flips: []))
        // 12:01:15: five seconds into grace (due 12:01:10), in a minute that began before the deadline.
        func page() async throws -> String {
            let text = Mutex("")
            let clock: @Sendable () -> Date = { Timestamp.parse("2026-11-27T12:01:15Z")! }
            try await team.withClient(now: clock) { client in
                var lee = Browser()
                _ = try await lee.signIn(client, token: team.tokens["lee"]!)
                let page = try await lee.get(client, "/teams/payments/monitors")
                text.withLock { $0 = page.text }
            }
            return text.withLock { $0 }
        }
        let graced = try await page()
        #expect(graced.contains(#"<span class="status grace">grace</span>"#))
        #expect(graced.contains("last ping 2026-11-27T12:00:10Z"))
        // A run begins: its start is stored, and the monitor's last ping stays the success.
        let began = Timestamp.parse("2026-11-27T12:01:12Z")!
        monitor.state.lastStart = began
        let start = MonitorPingRecord(at: began, kind: .start, method: "GET")
        monitor = try #require(try await team.store.save(monitor, ping: start, flips: []))
        let started = try await page()
        #expect(started.contains(#"<span class="status started">started</span>"#))
        #expect(started.contains("last ping 2026-11-27T12:00:10Z"))
    }

    @Test func eachMonitorShowsTheStatusItsFlipsAndPingsGaveItThen() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.seed(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let expected: [(String, String)] = [
                ("", "up"),
                ("?at=2026-11-23T12:00:00Z", "new"),  // before its first flip
                ("?at=2026-11-25T02:00:03Z", "grace"),  // a day and a second after the last ping
                ("?at=2026-11-25T12:00:00Z", "up"),
                ("?at=2026-11-26T02:00:05Z", "started"),  // the run in progress
                ("?at=2026-11-26T12:00:00Z", "down"),  // the failure's flip
            ]
            for (query, status) in expected {
                let page = try await lee.get(client, "/teams/payments/monitors" + query)
                #expect(page.status == .ok)
                #expect(
                    page.text.contains(#"<span class="status \#(status)">\#(status)</span>"#),
                    "\(query) shows \(status)"
                )
            }
            let early = try await lee.get(client, "/teams/payments/monitors?at=2026-11-25T12:00:00Z")
            #expect(early.text.contains("last ping 2026-11-25T02:00:04Z"))
            #expect(!early.text.contains("2026-11-26T02:00:09Z"))
            // Before it was added, there was no monitor.
            let before = try await lee.get(client, "/teams/payments/monitors?at=2026-11-19T00:00:00Z")
            #expect(!before.text.contains("Nightly export"))
            // Given twice, refused as the API refuses it: the first was read, the second dropped unsaid.
            let both = "?at=2026-11-19T00:00:00Z&at=2026-11-26T12:00:00Z"
            let twice = try await lee.get(client, "/teams/payments/monitors" + both)
            #expect(twice.status == .badRequest && twice.text.contains("is given twice"), "\(twice.text)")
        }
    }

    /// The card of a monitor as of an instant shows the incident loop live then: it showed the
    /// monitor's current one only, and none where a later incident had replaced it.
    @Test func eachMonitorShowsTheIncidentLoopLiveThen() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.seed(team)
        let uuid = "7c1f0a52-3d4b-4e6f-8a90-1b2c3d4e5f60"
        let (first, second) = (
            MonitorDriver.incidentKey(uuid: uuid, version: 5), MonitorDriver.incidentKey(uuid: uuid, version: 9)
        )
        func created(_ key: String, _ at: String) -> Event {
            Event(
                id: key + "-c",
                loop: key,
                at: Timestamp.parse(at)!,
                by: "own-server",
                type: .created,
                fields: ["title": .string("Nightly export is down"), "owner": "ana", "kind": "incident"]
            )
        }
        _ = try await team.store.append(
            [
                created(first, "2026-11-26T02:00:09Z"),
                Event(
                    id: "first-done",
                    loop: first,
                    at: Timestamp.parse("2026-11-26T10:00:00Z")!,
                    by: "ana",
                    type: .done
                ),
                created(second, "2026-11-26T11:00:00Z"),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            for (query, key) in [
                ("?at=2026-11-26T05:00:00Z", first), ("?at=2026-11-26T12:00:00Z", second), ("", second),
            ] {
                let page = try await lee.get(client, "/teams/payments/monitors" + query)
                let card = page.text.components(separatedBy: #"<p class="incident">"#).dropFirst().first ?? ""
                #expect(card.contains("<code>\(key)</code>"), "\(query): \(card.prefix(300))")
            }
        }
    }

    /// Pings are stored to fractions of a second, events and `?at=` to the second: the page as of
    /// 02:00:04 shows a ping at 02:00:04.5 and the status it flipped to, as it shows the events of
    /// that second.
    @Test func aPingInTheSameSecondAsTheInstantIsShown() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        var monitor = try await team.store.addMonitor(
            MonitorRecord(
                uuid: "0b7e3c1d-5a2f-4c8e-9d10-2e3f4a5b6c7d",
                team: "payments",
                name: "Hourly sync",
                slug: "hourly-sync",
                owner: "ana",
                stakes: .medium,
                timeout: 3600,
                cron: nil,
                grace: 600,
                createdAt: Timestamp.parse("2026-11-20T00:00:00Z")!
            )
        )
        let instant = Timestamp.parse("2026-11-25T02:00:04Z")!.addingTimeInterval(0.5)
        let flip = MonitorFlip(at: instant, from: monitor.state.status, to: .down)
        monitor.state.status = .down
        monitor = try #require(
            try await team.store.save(
                monitor,
                ping: MonitorPingRecord(at: instant, kind: .fail, method: "POST"),
                flips: [flip]
            )
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let same = try await lee.get(client, "/teams/payments/monitors?at=2026-11-25T02:00:04Z")
            #expect(same.status == .ok)
            #expect(same.text.contains(#"<span class="status down">down</span>"#))
            #expect(!same.text.contains("last ping never"))
            let before = try await lee.get(client, "/teams/payments/monitors?at=2026-11-25T02:00:03Z")
            #expect(before.text.contains("last ping never"))
        }
    }
}
