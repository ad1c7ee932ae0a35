import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Testing

/// Two real `own-server` processes on one PostgreSQL (`OWN_TEST_POSTGRES_URL`, from
/// `.ci/postgres.sh`), in a database of their own, delivering to one webhook on 127.0.0.1: both read
/// the same events and run the same schedule, and each message still arrives once.
@Suite(
    "Delivery from two own-server processes on one PostgreSQL",
    .enabled(if: ServerProcess.postgresURL != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct DeliveryTwoServersTests {
    @Test func eachNoticeAlertAndDigestArrivesOnceAndTheLoopIsMarkedOnce() async throws {
        let base = try #require(ServerProcess.postgresURL)
        let database = "own_delivery_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try ServerProcess.psql("CREATE DATABASE \(database)")
        defer { try? ServerProcess.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        let store = ["--database-url", base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database]
        let listener = try await WebhookListener.start()

        #expect(try ServerProcess.run(["team", "add", "payments"] + store).status == 0)
        let token = try ServerProcess.run(
            ["token", "add", "--team", "payments", "--person", "ana", "--role", "member"] + store
        )
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        // ana's working day (00:00-24:00 in UTC, midday by the servers' clock) began while no server
        // ran: her standup goes out late, once. The team's channel gets notices and alerts.
        let set = try ServerProcess.run(
            [
                "person", "set", "--team", "payments", "ana", "--zone", "UTC", "--days",
                "mon-sun", "--hours", "00:00-24:00", "--channel", listener.url,
            ] + store
        )
        #expect(set.status == 0, "\(set.stderr)")
        let channel = try ServerProcess.run(
            ["channel", "add", "--team", "payments", "--name", "team", "--webhook", listener.url + "/team"] + store
        )
        #expect(channel.status == 0, "\(channel.stderr)")

        let one = try ServerProcess.serve(store + ["--log-level", "error"], clock: DeliveryEndToEndTests.clock)
        let two = try ServerProcess.serve(store + ["--log-level", "error"], clock: DeliveryEndToEndTests.clock)
        defer {
            for process in [one.process, two.process] where process.isRunning { process.terminate() }
        }
        // No wait for the servers' first look: a notifier reads a team it has not seen from its
        // first event, so a push before that look is told of too.

        let incident = try MonitorIncident(monitor: "nightly-backup", owner: "ana", stakes: .high, loop: "inc-backup")
        // These happen now, on the servers' clock (a few seconds past its start at most).
        let now = DeliveryEndToEndTests.clock
        let body = [
            line(
                .created,
                id: "c1",
                loop: "pay-rates",
                at: Timestamp.format(now.addingTimeInterval(-120)),
                ["title": "Rates feed", "affects": ["lee"], "autonomy": 4]
            ),
            line(
                .risk,
                id: "r1",
                loop: "pay-rates",
                at: Timestamp.format(now.addingTimeInterval(-60)),
                ["note": "the provider is late"]
            ),
            incident.created(.failed(exitStatus: 3), at: now, id: "i1", by: "ana").jsonLine,
        ]
        .joined(separator: "\n")
        let headers: HTTPFields = [.authorization: "Bearer " + secret]
        try await TestClient.withServer(port: one.port) { client in
            let response = try await client.post(
                "/api/v1/events",
                headers: headers,
                body: ByteBuffer(string: body + "\n")
            )
            #expect(response.status == .ok)
        }

        // Each server's schedule has made its first pass, and its notifier a pass begun after the
        // push; then each sender makes a pass begun after those, so whichever server claimed a
        // message has delivered it.
        let ports = [one.port, two.port]
        try await ServicePassCounts.wait(for: "digest", reaching: 1, on: ports)
        try await ServicePassCounts.wait(for: "notifier", on: ports)
        try await ServicePassCounts.wait(for: "sender", on: ports)
        let delivered = listener.received
        // Two more passes of both servers' notifiers and senders change nothing.
        try await ServicePassCounts.wait(for: "notifier", on: ports)
        try await ServicePassCounts.wait(for: "sender", on: ports)
        let received = listener.received
        #expect(received == delivered)
        let kinds = received.compactMap { try? JSONParser.parse($0).objectValue?["kind"]?.stringValue }.sorted()
        // The incident is at high stakes: proposed, so the leads are asked to approve it, once.
        #expect(kinds == ["alert", "approval-request", "notice", "standup"], "\(received)")
        #expect(received.allSatisfy { !$0.contains("secret-token") })

        // The notice's `reported` mark is in the ledger once, whichever server wrote it.
        try await TestClient.withServer(port: two.port) { client in
            let response = try await client.get("/api/v1/events?after=0", headers: headers)
            let text = response.body.map { String(buffer: $0) } ?? ""
            let reported = text.split(separator: "\n").filter { $0.contains(#""type":"reported""#) }
            #expect(reported.count == 1, "\(text)")
        }
        for process in [one.process, two.process] {
            #expect(ServerProcess.stop(process) == 0)
        }
        await listener.stop()
    }
}
