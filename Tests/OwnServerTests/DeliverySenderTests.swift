import Foundation
import Logging
import OwnCore
import OwnServer
import Synchronization
import TeamStore
import Testing

/// Keeps what is logged, level and message, to be read back.
private final class RecordedLog: LogHandler, @unchecked Sendable {
    let lines = Mutex<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append("\(event.level): \(event.message)") }
    }
}

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

/// A clock the test sets, and a transport that answers from a script and records what it was sent.
private final class Script: @unchecked Sendable {
    private let lock = NSLock()
    private var clock: Date
    private var answers: [DeliverySender.Outcome]
    private(set) var posts: [(body: String, url: String, key: String)] = []

    init(at: Date, answers: [DeliverySender.Outcome]) {
        clock = at
        self.answers = answers
    }

    var now: Date { lock.withLock { clock } }
    func set(_ date: Date) { lock.withLock { clock = date } }
    var sent: [(body: String, url: String, key: String)] { lock.withLock { posts } }

    func post(_ body: String, _ url: String, _ key: String) -> DeliverySender.Outcome {
        lock.withLock {
            posts.append((body, url, key))
            return answers.isEmpty ? .init(status: 200, error: nil) : answers.removeFirst()
        }
    }
}

@Suite("Delivering the outbox")
struct DeliverySenderTests {
    private static let start = instant("2026-12-01T10:00:00Z")

    private func store() throws -> (SQLiteTeamStore, String) {
        let folder = NSTemporaryDirectory() + "own-delivery-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (try SQLiteTeamStore(path: folder + "/server.sqlite"), folder)
    }

    /// A store with the team payments and its webhook channels of these names.
    private func store(channels names: [String]) async throws -> (SQLiteTeamStore, String) {
        let (store, folder) = try store()
        _ = try await store.addTeam("payments", at: Self.start)
        for name in names {
            _ = try await store.addChannel(
                Channel(
                    team: "payments",
                    name: name,
                    kind: .webhook,
                    url: "http://127.0.0.1:1/" + name,
                    createdAt: Self.start
                )
            )
        }
        return (store, folder)
    }

    /// A store with the team payments and its channel ops, holding a message made at `start` for each
    /// key (its body the key).
    private func storeWithOps(_ keys: [String]) async throws -> (SQLiteTeamStore, String) {
        let (store, folder) = try await store(channels: ["ops"])
        for key in keys {
            try await store.enqueue(
                NewOutboxMessage(team: "payments", channel: "ops", dedupeKey: key, body: key, createdAt: Self.start)
            )
        }
        return (store, folder)
    }

    /// A sender on the script's clock and transport.
    private func sender(_ store: SQLiteTeamStore, _ script: Script, lease: TimeInterval = 60) -> DeliverySender {
        DeliverySender(
            store: store,
            transport: { body, url, key in script.post(body, url, key) },
            now: { script.now },
            claimer: "server-a",
            lease: lease
        )
    }

    @Test func backoffDoublesUpToItsCapAndGivesUpAfterAnHour() {
        let made = instant("2026-12-01T10:00:00Z")
        let policy = RetryPolicy.standard
        #expect(policy.retryAt(failures: 1, at: made, createdAt: made) == made + 30)
        #expect(policy.retryAt(failures: 2, at: made + 30, createdAt: made) == made + 90)
        #expect(policy.retryAt(failures: 7, at: made + 1000, createdAt: made) == made + 1900)
        #expect(policy.retryAt(failures: 8, at: made + 3000, createdAt: made) == nil)
    }

    @Test func aMessageIsDeliveredOnceAndAFailureIsRetriedAtItsTime() async throws {
        let (store, folder) = try await storeWithOps(["notice:e1"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        let script = Script(at: start, answers: [.init(status: 503, error: "HTTP 503")])
        let sender = sender(store, script)
        #expect(try await sender.deliverDue() == 0)
        #expect(script.sent.map(\.url) == ["http://127.0.0.1:1/ops"])
        script.set(start + 29)
        #expect(try await sender.deliverDue() == 0)
        #expect(script.sent.count == 1)
        script.set(start + 30)
        #expect(try await sender.deliverDue() == 1)
        script.set(start + 4000)
        #expect(try await sender.deliverDue() == 0)
        #expect(script.sent.count == 2)
        // Both tries carry the message's key, so a receiver that took the first can drop the second.
        #expect(script.sent.map(\.key) == ["notice:e1", "notice:e1"])
        let attempts = try await store.attempts(
            message: try #require(try await store.outbox(team: "payments").first?.id)
        )
        #expect(attempts.map(\.status) == [503, 200])
        #expect(try await store.channels(team: "payments").first?.lastError == "HTTP 503")
    }

    /// A failed post and a message given up are in the server's log, by key and channel name (never
    /// the URL): nothing said a team's messages were not arriving.
    @Test func failuresAndGivingUpAreLogged() async throws {
        let (store, folder) = try await storeWithOps(["alert:e9"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        let script = Script(at: start, answers: Array(repeating: .init(status: 500, error: "HTTP 500"), count: 50))
        let recorded = RecordedLog()
        let sender = DeliverySender(
            store: store,
            transport: { body, url, key in script.post(body, url, key) },
            now: { script.now },
            claimer: "server-a",
            logger: Logger(label: "own.tests.sender") { _ in recorded }
        )
        var moment = start
        while moment <= start + 7200 {
            script.set(moment)
            try await sender.deliverDue()
            moment += 10
        }
        let lines = recorded.lines.withLock { $0 }
        #expect(
            lines.first?.hasPrefix("warning: could not deliver alert:e9 to channel ops of team payments: HTTP 500")
                == true,
            "\(lines)"
        )
        #expect(
            lines.last == "error: gave up delivering alert:e9 to channel ops of team payments: HTTP 500",
            "\(lines)"
        )
        #expect(!lines.contains { $0.contains("127.0.0.1") })
    }

    @Test func aChannelThatKeepsFailingIsMarkedFailingAfterAnHour() async throws {
        let (store, folder) = try await storeWithOps(["alert:e1"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        let script = Script(
            at: start,
            answers: Array(repeating: .init(status: nil, error: "cannot connect"), count: 50)
        )
        let sender = sender(store, script)
        var moment = start
        while moment <= start + 7200 {
            script.set(moment)
            try await sender.deliverDue()
            moment += 10
        }
        // Waits of 30 s, 1, 2, 4, 8, 15 and 15 min: 8 attempts, the last at 10:45:30; the next would pass the hour.
        #expect(script.sent.count == 8)
        let channel = try #require(try await store.channels(team: "payments").first)
        #expect(channel.lastError == "cannot connect")
        #expect(channel.failingSince == instant("2026-12-01T10:45:30Z"))
        #expect(try await store.outbox(team: "payments").first?.state == .failed)
    }

    /// A retry that comes due while the server is down is not made on its return past the hour: it
    /// was, once, then given up. A message never tried goes out however late.
    @Test func aRetryDueWhileTheServerWasDownIsNotMadePastTheHour() async throws {
        let (store, folder) = try await storeWithOps(["alert:e1"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        let script = Script(at: start, answers: [.init(status: nil, error: "cannot connect")])
        let sender = sender(store, script)
        try await sender.deliverDue()
        #expect(script.sent.count == 1)
        // Back two hours later: the retry due at 10:00:30 is given up, not posted.
        script.set(start + 7200)
        try await store.enqueue(
            NewOutboxMessage(
                team: "payments",
                channel: "ops",
                dedupeKey: "alert:e2",
                body: "{}",
                createdAt: start + 60
            )
        )
        #expect(try await sender.deliverDue() == 1)
        #expect(script.sent.map(\.key) == ["alert:e1", "alert:e2"])
        let states = try await store.outbox(team: "payments").map { ($0.message.dedupeKey, $0.state) }
        #expect(states.contains { $0 == ("alert:e1", .failed) }, "\(states)")
        // The give-up keeps saying why the channel failed (it replaced the error the channel's list shows).
        let first = try #require(try await store.outbox(team: "payments").first { $0.message.dedupeKey == "alert:e1" })
        #expect(
            try await store.attempts(message: first.id).map(\.error) == [
                "cannot connect", "given up: still failing when its retries ended (last: cannot connect)",
            ]
        )
    }

    /// A shutdown during a batch (`stopping` says so) ends it after the post under way; the message
    /// claimed and not tried goes out once its lease ends, here or on another server.
    /// A channel whose receiver hangs held up every other channel's messages behind it, ten seconds
    /// a message: the channels are posted to side by side. The hanging post here waits for the other
    /// channel's post (given up after half a minute, should the sender post in turn, which fails).
    @Test func aHangingChannelHoldsUpNoOtherChannel() async throws {
        let (store, folder) = try await store(channels: ["hangs", "answers"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        for name in ["hangs", "answers"] {
            try await store.enqueue(
                NewOutboxMessage(team: "payments", channel: name, dedupeKey: "notice:e1", body: name, createdAt: start)
            )
        }
        let answered = Signal()
        let sender = DeliverySender(
            store: store,
            transport: { body, _, _ in
                guard body == "hangs" else {
                    await answered.send()
                    return .init(status: 200, error: nil)
                }
                // Counted, not timed: posted in turn, the other channel's post never comes, and the
                // hang is one `scripts/test`'s limit ends.
                await answered.heard()
                return .init(status: 200, error: nil)
            },
            now: { start },
            claimer: "server-a"
        )
        #expect(try await sender.deliverDue() == 2)
    }

    /// The next pass does not wait for a channel still posting (a slow receiver): it claims the other
    /// channels' messages, and none of that channel's, which stay in turn behind its post under way.
    /// The pass waited for the slowest channel: a healthy one's notice came 49 s late.
    @Test func aPassClaimsNoneOfAChannelStillPostingAndWaitsForIt() async throws {
        let (store, folder) = try await store(channels: ["slow", "fast"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        func enqueue(_ channel: String, _ key: String) async throws {
            try await store.enqueue(
                NewOutboxMessage(
                    team: "payments",
                    channel: channel,
                    dedupeKey: key,
                    body: channel + key,
                    createdAt: start
                )
            )
        }
        try await enqueue("slow", "1")
        let release = Signal()
        let posted = PostLog()
        let sender = DeliverySender(
            store: store,
            transport: { body, _, _ in
                await posted.add(body)
                if body == "slow1" { await release.heard() }
                return .init(status: 200, error: nil)
            },
            now: { start },
            claimer: "server-a"
        )
        let first = try await sender.startDue()
        #expect(first.claimed == 1)
        try await enqueue("slow", "2")
        try await enqueue("fast", "1")
        let second = try await sender.startDue()
        #expect(second.claimed == 1, "the fast channel's only")
        for task in second.tasks { #expect(try await task.value == 1) }
        #expect(await posted.bodies.contains("fast1"))
        #expect(!(await posted.bodies.contains("slow2")))
        await release.send()
        for task in first.tasks { #expect(try await task.value == 1) }
        #expect(try await sender.deliverDue() == 1, "slow2, once slow1 is done")
        #expect(await posted.bodies.filter { $0.hasPrefix("slow") } == ["slow1", "slow2"])
    }

    /// No post starts that could outlast the claim's lease: another server may claim the message when
    /// it ends, and both posted it (three of twelve notices went twice to a receiver taking 8 s).
    @Test func noPostStartsThatCouldOutlastTheLease() async throws {
        let (store, folder) = try await storeWithOps(["notice:e1", "notice:e2", "notice:e3", "notice:e4"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = Script(at: Self.start, answers: [])
        let sender = DeliverySender(
            store: store,
            transport: { body, url, key in
                // Each post takes 8 s of the test's clock.
                script.set(script.now + 8)
                return script.post(body, url, key)
            },
            now: { script.now },
            claimer: "server-a",
            lease: 30,
            postTimeout: 10
        )
        // 0 s, 8 s and 16 s start with the lease (30 s) outlasting a post; at 24 s one could not.
        #expect(try await sender.deliverDue() == 3, "the fourth waits for the lease to end")
        #expect(script.sent.count == 3)
        // Until then none of the channel's is claimed, or a newer one would go before it.
        #expect(try await sender.deliverDue() == 0)
        script.set(Self.start + 30)
        #expect(try await sender.deliverDue() == 1)
        #expect(script.sent.map(\.body) == ["notice:e1", "notice:e2", "notice:e3", "notice:e4"])
    }

    /// A channel whose post fails at once (a refused connection) is tried again when its retry is
    /// due, pass after pass: a task that ended before it was kept as running held its channel back
    /// for good.
    @Test func aChannelWhosePostsFailAtOnceIsTriedAgain() async throws {
        let (store, folder) = try await storeWithOps(["notice:e1"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let failed = DeliverySender.Outcome(status: nil, error: "connection refused")
        let script = Script(at: Self.start, answers: Array(repeating: failed, count: 20))
        let sender = sender(store, script)
        for round in 0..<20 {
            _ = try await sender.deliverDue()
            script.set(script.now + 3_600)
            #expect(script.sent.count == min(round + 1, 2), "round \(round)")
        }
    }

    @Test func aBatchStoppedByAShutdownEndsAfterThePostUnderWay() async throws {
        let (store, folder) = try await storeWithOps(["notice:e1", "notice:e2"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let start = Self.start
        let script = Script(at: start, answers: [])
        let sender = sender(store, script, lease: 60)
        #expect(try await sender.deliverDue(stopping: { true }) == 1)
        #expect(script.sent.count == 1)
        script.set(start + 59)
        #expect(try await sender.deliverDue() == 0)
        script.set(start + 60)
        #expect(try await sender.deliverDue() == 1)
        #expect(Set(script.sent.map(\.body)) == ["notice:e1", "notice:e2"])
    }
}

/// One signal, and waiting for it.
private actor Signal {
    private var sent = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func send() {
        sent = true
        for waiter in waiting { waiter.resume() }
        waiting = []
    }

    /// Returns once the signal has come.
    func heard() async {
        if !sent { await withCheckedContinuation { waiting.append($0) } }
    }
}

/// The bodies a transport was given, in order.
private actor PostLog {
    private(set) var bodies: [String] = []
    func add(_ body: String) { bodies.append(body) }
}
