import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OwnCore
import OwnServer
import Prometheus
import Synchronization
import TeamStore
import Testing

/// `/metrics` counts what the sender did with each message, by kind: sent, retried, failed.
@Suite("Message metrics")
struct MessageMetricsTests {
    /// A notice whose channel is down is retried twice and then given up; a standup digest goes
    /// through at once. The counters say so, at fixed instants, and `/metrics` shows them.
    @Test func sentRetriedAndFailedAreCountedByKind() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let start = TestTeam.now
        for name in ["down", "up"] {
            _ = try await team.store.addChannel(
                Channel(
                    team: "payments",
                    name: name,
                    kind: .webhook,
                    url: "http://127.0.0.1:1/\(name)",
                    createdAt: start
                )
            )
        }
        try await team.store.enqueue(
            NewOutboxMessage(team: "payments", channel: "down", dedupeKey: "notice:r1", body: "{}", createdAt: start)
        )
        try await team.store.enqueue(
            NewOutboxMessage(
                team: "payments",
                channel: "up",
                dedupeKey: "digest:payments:ana:2026-11-27",
                body: "{}",
                createdAt: start
            )
        )
        let clock = Mutex(start)
        let registry = PrometheusCollectorRegistry()
        let sender = DeliverySender(
            store: team.store,
            transport: { _, url, _ in
                url.hasSuffix("/down") ? .init(status: 503, error: "HTTP 503") : .init(status: 200, error: nil)
            },
            now: { clock.withLock { $0 } },
            claimer: "server-a",
            // Tried at 0 s, 30 s and 60 s; the retry after that would fall past a minute: given up.
            policy: RetryPolicy(firstDelay: 30, maxDelay: 30, giveUpAfter: 60),
            metrics: registry
        )
        #expect(try await sender.deliverDue() == 1)
        for seconds in [30.0, 60, 90] {
            clock.withLock { $0 = start + seconds }
            #expect(try await sender.deliverDue() == 0)
        }
        let text = registry.emitToString()
        #expect(text.contains(#"own_messages_sent_total{kind="standup"} 1"#), "\(text)")
        #expect(text.contains(#"own_messages_retried_total{kind="notice"} 2"#), "\(text)")
        #expect(text.contains(#"own_messages_failed_total{kind="notice"} 1"#), "\(text)")
        #expect(!text.contains(#"own_messages_sent_total{kind="notice"}"#), "\(text)")

        let app = Application(router: TeamServer.router(store: team.store, registry: registry))
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(String(buffer: response.body).contains(#"own_messages_failed_total{kind="notice"} 1"#))
        }
    }
}
