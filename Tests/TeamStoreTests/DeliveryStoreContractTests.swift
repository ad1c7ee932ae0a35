import Foundation
import OwnCore
import TeamStore
import Testing

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

/// Runs `body` on a fresh store of `engine` with the teams `payments` and `search`.
private func withDeliveryStore(
    _ engine: Engine,
    _ body: (any DeliveryStore) async throws -> Void
) async throws {
    let made = try await engine.make()
    do {
        _ = try await made.store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
        _ = try await made.store.addTeam("search", at: instant("2026-11-02T00:00:00Z"))
        let delivery = try #require(made.store as? any DeliveryStore)
        try await body(delivery)
    } catch {
        await made.discard()
        throw error
    }
    await made.discard()
}

private func channel(_ team: String, _ name: String, _ url: String = "https://hooks.example.com/x") -> Channel {
    Channel(team: team, name: name, kind: .webhook, url: url, createdAt: instant("2026-12-01T09:00:00Z"))
}

private func message(_ key: String, channel: String = "ops", at: String = "2026-12-01T10:00:00Z") -> NewOutboxMessage {
    NewOutboxMessage(
        team: "payments",
        channel: channel,
        dedupeKey: key,
        body: "{\"k\":\"\(key)\"}",
        createdAt: instant(at)
    )
}

/// The delivery contract every engine keeps: channels, the outbox's dedupe, claims and outcomes.
@Suite("The delivery store contract, on every engine")
struct DeliveryStoreContractTests {
    @Test(arguments: Engine.all)
    func channelsAreAddedOncePerTeamAndRemoved(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            _ = try await store.addChannel(channel("search", "ops"))
            await #expect(throws: TeamStoreError.channelExists(team: "payments", name: "ops")) {
                try await store.addChannel(channel("payments", "ops"))
            }
            await #expect(throws: TeamStoreError.unknownTeam("nobody")) {
                try await store.addChannel(channel("nobody", "ops"))
            }
            await #expect(throws: TeamStoreError.self) {
                try await store.addChannel(channel("payments", "files", "file:///etc/passwd"))
            }
            for pasted in [
                "https://hooks.example.com/a b", "https://hooks.example.com/a\n", " https://hooks.example.com/a",
            ] {
                await #expect(throws: TeamStoreError.self, "\(pasted)") {
                    try await store.addChannel(channel("payments", "pasted", pasted))
                }
            }
            await #expect(throws: TeamStoreError.self) {
                try await store.addChannel(channel("payments", "Bad Name"))
            }
            #expect(try await store.channels(team: "payments").map(\.name) == ["ops"])
            #expect(
                try await store.channels(team: nil).map { "\($0.team)/\($0.name)" } == ["payments/ops", "search/ops"]
            )
            try await store.removeChannel(team: "payments", name: "ops")
            await #expect(throws: TeamStoreError.unknownChannel(team: "payments", name: "ops")) {
                try await store.removeChannel(team: "payments", name: "ops")
            }
            #expect(try await store.channels(team: nil).map(\.team) == ["search"])
        }
    }

    /// A channel removed takes its messages with it, but its digests stay sent (kept with the
    /// skipped ones): a person's channel removed and added again was sent that day's standup again.
    @Test(arguments: Engine.all)
    func aChannelRemovedLeavesItsDigestsSent(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            try await store.enqueue(message("digest:payments:ana:2026-12-01"))
            try await store.enqueue(message("notice:e1"))
            try await store.removeChannel(team: "payments", name: "ops")
            let skips = try #require(store as? any InboxStore)
            #expect(try await skips.skippedKeys(team: "payments") == ["digest:payments:ana:2026-12-01"])
            #expect(try await skips.skippedKeys(team: "search").isEmpty)
        }
    }

    /// A channel moved to another URL keeps what it was sent (a key sent is not sent again) and takes
    /// what waits to the new URL, its failing state cleared.
    @Test(arguments: Engine.all)
    func aChannelMovedKeepsItsMessagesAndTheirKeys(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            try await store.enqueue(message("digest:payments:ana:2026-12-01"))
            let now = instant("2026-12-01T10:01:00Z")
            let claimed = try await store.claim(now: now, claimer: "a", leaseUntil: now + 60, limit: 10)
            let id = try #require(claimed.first?.id)
            #expect(
                try await store.record(
                    DeliveryAttempt(message: id, at: now, status: 200, error: nil),
                    claimer: "a",
                    retryAt: nil
                )
            )
            try await store.enqueue(message("notice:e2", at: "2026-12-01T10:02:00Z"))

            try await store.moveChannel(
                team: "payments",
                name: "ops",
                to: "https://hooks.example.com/new",
                kind: .slack
            )
            let moved = try #require(try await store.channels(team: "payments").first)
            #expect(moved.url == "https://hooks.example.com/new" && moved.kind == .slack)
            #expect(try await !store.enqueue(message("digest:payments:ana:2026-12-01")), "sent already")
            let later = instant("2026-12-01T10:03:00Z")
            let waiting = try await store.claim(now: later, claimer: "b", leaseUntil: later + 60, limit: 10)
            #expect(waiting.map(\.message.dedupeKey) == ["notice:e2"])
            #expect(waiting.first?.url == "https://hooks.example.com/new")
            await #expect(throws: TeamStoreError.unknownChannel(team: "payments", name: "gone")) {
                try await store.moveChannel(
                    team: "payments",
                    name: "gone",
                    to: "https://hooks.example.com/x",
                    kind: .webhook
                )
            }
            await #expect(throws: TeamStoreError.self) {
                try await store.moveChannel(team: "payments", name: "ops", to: "file:///etc/passwd", kind: .webhook)
            }
        }
    }

    @Test(arguments: Engine.all)
    func aDedupeKeyIsEnqueuedOncePerChannel(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            _ = try await store.addChannel(channel("payments", "slack"))
            #expect(try await store.enqueue(message("notice:e1")))
            #expect(try await !store.enqueue(message("notice:e1")))
            #expect(try await store.enqueue(message("notice:e1", channel: "slack")))
            await #expect(throws: TeamStoreError.unknownChannel(team: "payments", name: "gone")) {
                try await store.enqueue(message("notice:e1", channel: "gone"))
            }
            let outbox = try await store.outbox(team: "payments")
            #expect(outbox.map(\.message.channel) == ["ops", "slack"])
            #expect(outbox.allSatisfy { $0.state == .pending && $0.attempts == 0 })
            #expect(try await store.outbox(team: "search").isEmpty)
        }
    }

    /// A sender still posting to a channel claims none of its messages: they wait, in turn.
    @Test(arguments: Engine.all)
    func aClaimLeavesTheChannelsItExcludes(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            _ = try await store.addChannel(channel("payments", "dev"))
            try await store.enqueue(message("notice:e1", channel: "ops"))
            try await store.enqueue(message("notice:e2", channel: "dev"))
            let now = instant("2026-12-01T10:01:00Z")
            let claimed = try await store.claim(
                now: now,
                claimer: "a",
                leaseUntil: now.addingTimeInterval(60),
                limit: 10,
                excluding: ["payments\u{1F}ops"]
            )
            #expect(claimed.map(\.message.dedupeKey) == ["notice:e2"])
            #expect(claimed.first?.channelKey == "payments\u{1F}dev")
            let rest = try await store.claim(now: now, claimer: "a", leaseUntil: now.addingTimeInterval(60), limit: 10)
            #expect(rest.map(\.message.dedupeKey) == ["notice:e1"])
        }
    }

    @Test(arguments: Engine.all)
    func aClaimHoldsUntilItsLeaseRunsOut(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            try await store.enqueue(message("notice:e1", at: "2026-12-01T10:00:00Z"))
            try await store.enqueue(message("notice:e2", at: "2026-12-01T10:05:00Z"))
            let now = instant("2026-12-01T10:01:00Z")
            let first = try await store.claim(
                now: now,
                claimer: "a",
                leaseUntil: now.addingTimeInterval(60),
                limit: 10
            )
            #expect(first.map(\.message.dedupeKey) == ["notice:e1"])
            #expect(first.first?.url == "https://hooks.example.com/x")
            #expect(first.first?.state == .sending)
            let second = try await store.claim(
                now: now.addingTimeInterval(30),
                claimer: "b",
                leaseUntil: now.addingTimeInterval(90),
                limit: 10
            )
            #expect(second.isEmpty)
            let afterLease = try await store.claim(
                now: now.addingTimeInterval(61),
                claimer: "b",
                leaseUntil: now.addingTimeInterval(121),
                limit: 10
            )
            #expect(afterLease.map(\.message.dedupeKey) == ["notice:e1"])
            let id = try #require(afterLease.first?.id)
            let late = DeliveryAttempt(message: id, at: now.addingTimeInterval(62), status: 200, error: nil)
            #expect(try await !store.record(late, claimer: "a", retryAt: nil))
            #expect(try await store.record(late, claimer: "b", retryAt: nil))
            let stored = try await store.outbox(team: "payments")
            #expect(stored.first?.state == .sent)
            #expect(stored.first?.sentAt == now.addingTimeInterval(62))
            #expect(try await store.attempts(message: id) == [late])
        }
    }

    @Test(arguments: Engine.all)
    func failuresRetryThenMarkTheChannelFailingUntilADelivery(engine: Engine) async throws {
        try await withDeliveryStore(engine) { store in
            _ = try await store.addChannel(channel("payments", "ops"))
            try await store.enqueue(message("alert:e1", at: "2026-12-01T10:00:00Z"))
            let start = instant("2026-12-01T10:00:00Z")
            var claimed = try await store.claim(now: start, claimer: "a", leaseUntil: start + 60, limit: 1)
            let id = try #require(claimed.first?.id)
            let refused = DeliveryAttempt(message: id, at: start + 1, status: 500, error: "HTTP 500")
            #expect(try await store.record(refused, claimer: "a", retryAt: start + 31))
            #expect(try await store.claim(now: start + 30, claimer: "a", leaseUntil: start + 90, limit: 1).isEmpty)
            var channels = try await store.channels(team: "payments")
            #expect(channels.first?.lastError == "HTTP 500")
            #expect(channels.first?.failingSince == nil)
            #expect(channels.first?.retrying == true, "a message waits for another attempt")

            claimed = try await store.claim(now: start + 31, claimer: "a", leaseUntil: start + 91, limit: 1)
            #expect(claimed.first?.attempts == 1)
            let unreachable = DeliveryAttempt(message: id, at: start + 32, status: nil, error: "cannot connect")
            #expect(try await store.record(unreachable, claimer: "a", retryAt: nil))
            #expect(try await store.claim(now: start + 7200, claimer: "a", leaseUntil: start + 7260, limit: 1).isEmpty)
            channels = try await store.channels(team: "payments")
            #expect(channels.first?.lastError == "cannot connect")
            #expect(channels.first?.failingSince == start + 32)
            #expect(channels.first?.retrying == false, "given up, not waiting")
            #expect(try await store.outbox(team: "payments").first?.state == .failed)
            #expect(try await store.attempts(message: id) == [refused, unreachable])

            try await store.enqueue(message("alert:e2", at: "2026-12-01T11:00:00Z"))
            claimed = try await store.claim(now: start + 3600, claimer: "a", leaseUntil: start + 3660, limit: 1)
            let next = try #require(claimed.first?.id)
            let delivered = DeliveryAttempt(message: next, at: start + 3601, status: 200, error: nil)
            #expect(try await store.record(delivered, claimer: "a", retryAt: nil))
            #expect(try await store.channels(team: "payments").first?.failingSince == nil)
            #expect(try await store.channels(team: nil).first?.retrying == false)
        }
    }
}
