import Foundation
import OwnCore
import Testing

/// The real `own-server` on SQLite, delivering to a real webhook on 127.0.0.1: what the schedule and
/// the notices put in the outbox arrives, once.
@Suite("Delivery, end to end")
struct DeliveryEndToEndTests {
    /// Where the servers' clocks start (their `OWN_NOW`): midday in UTC, so that a working day of
    /// 00:00-24:00 in UTC began hours before and ends hours after, at the same instants on every run.
    static let clock = Timestamp.parse("2026-11-27T12:00:00Z")!

    @Test func aStandupMissedThisMorningArrivesOnceMarkedLateAndSIGTERMStopsCleanly() async throws {
        let folder = NSTemporaryDirectory() + "own-delivery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = ["--db", folder + "/server.sqlite"]
        let listener = try await WebhookListener.start()

        #expect(try ServerProcess.run(["team", "add", "payments"] + db).status == 0)
        let zone = "UTC"
        // Bad input first: each is one line on stderr, exit 2, and nothing is written.
        for bad in [
            ["--zone", "Mars/Olympus"], ["--hours", "09:00-25:00"], ["--channel", "ftp://127.0.0.1/x"],
            ["--channel", listener.url, "--channel-kind", "email"],
        ] {
            let refused = try ServerProcess.run(["person", "set", "--team", "payments", "ana"] + bad + db)
            #expect(refused.status == 2, "\(bad)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        }
        let unknownTeam = try ServerProcess.run(
            ["person", "set", "--team", "nope", "ana", "--channel", listener.url] + db
        )
        #expect(unknownTeam.status == 2 && unknownTeam.stderr.split(separator: "\n").count == 1)
        #expect(try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.isEmpty)
        #expect(try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout.isEmpty)

        // Her own channel is part of her settings.
        let set = try ServerProcess.run(
            [
                "person", "set", "--team", "payments", "ana", "--zone", zone, "--days", "mon-sun", "--hours",
                "00:00-24:00", "--channel", listener.url,
            ] + db
        )
        #expect(set.status == 0, "\(set.stderr)")
        let people = try ServerProcess.run(["person", "list", "--team", "payments"] + db)
        #expect(people.stdout.contains("channel=webhook"), "\(people.stdout)")

        // Ana's day began at midnight in her zone, while no server ran: the first pass sends it late.
        // Once the schedule's first pass is done, two passes of the sender deliver what it enqueued.
        let server = try ServerProcess.serve(db + ["--log-level", "error"], clock: Self.clock)
        try await ServicePassCounts.wait(for: "digest", reaching: 1, on: [server.port])
        try await ServicePassCounts.wait(for: "sender", on: [server.port])
        let arrived = listener.received
        #expect(ServerProcess.stop(server.process) == 0)

        // A server started again looks a day back: its schedule finds the standup sent, and two
        // passes of its sender after that send nothing more.
        let again = try ServerProcess.serve(db + ["--log-level", "error"], clock: Self.clock)
        try await ServicePassCounts.wait(for: "digest", reaching: 1, on: [again.port])
        try await ServicePassCounts.wait(for: "sender", on: [again.port])
        #expect(ServerProcess.stop(again.process) == 0)
        await listener.stop()

        #expect(arrived.count == 1)
        #expect(listener.received.count == 1)
        let body = try #require(listener.received.first)
        let json = try JSONParser.parse(body)
        #expect(json.objectValue?["kind"] == "standup")
        #expect(json.objectValue?["person"] == "ana")
        #expect(json.objectValue?["late"] == true)
        // It carries its outbox key, the same on every try, so a receiver can drop a repeat.
        let day = try #require(json.objectValue?["day"]?.stringValue)
        #expect(listener.keys == ["digest:payments:ana:\(day)"])
        #expect(!body.contains("secret-token"))
        // The delivery is recorded: the channel shows no error.
        let listed = try ServerProcess.run(["channel", "list", "--team", "payments"] + db)
        #expect(listed.stdout.contains("ok"), "\(listed.stdout)")
    }
}
