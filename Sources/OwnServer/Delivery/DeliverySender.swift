public import Foundation
public import Prometheus
import ServiceLifecycle
public import TeamStore

/// Delivers the outbox: claims the messages due now by compare-and-set (so two servers on one
/// database never send one twice while a lease holds), POSTs each to its channel, and records the
/// attempt, with a retry by `policy` or, past it, the channel marked failing. With a registry, each
/// attempt is counted by kind as sent, retried or failed (see `MessageMetrics`).
///
/// Time comes from `now`, and one pass is `deliverDue()`: the server calls it on a timer; tests
/// call it at fixed instants.
public struct DeliverySender: Sendable {
    /// What a POST came to: the HTTP status when one came, and why it failed (nil when a 2xx came).
    public struct Outcome: Sendable, Equatable {
        /// The status, when the server answered.
        public var status: Int?
        /// Why it failed; nil when delivered.
        public var error: String?

        /// An outcome.
        public init(status: Int?, error: String?) {
            self.status = status
            self.error = error
        }
    }

    /// POSTs a JSON body to a URL, with the message's dedupe key (the same on every try, so a
    /// receiver can drop a repeat), and says how it went; it never throws, and its errors never
    /// quote the URL (which may hold a secret).
    public typealias Transport = @Sendable (_ body: String, _ url: String, _ key: String) async -> Outcome

    let store: any DeliveryStore
    let transport: Transport
    let now: @Sendable () -> Date
    let claimer: String
    let policy: RetryPolicy
    let lease: TimeInterval
    let batch: Int
    let metrics: MessageMetrics?

    /// A sender. `claimer` names this server among those sharing the store (unique per process);
    /// `lease` must outlast one POST's timeout.
    public init(
        store: any DeliveryStore,
        transport: @escaping Transport,
        now: @escaping @Sendable () -> Date,
        claimer: String,
        policy: RetryPolicy = .standard,
        lease: TimeInterval = 60,
        batch: Int = 20,
        metrics: PrometheusCollectorRegistry? = nil
    ) {
        self.store = store
        self.transport = transport
        self.now = now
        self.claimer = claimer
        self.policy = policy
        self.lease = lease
        self.batch = batch
        self.metrics = metrics.map(MessageMetrics.init(registry:))
    }

    /// Claims what is due and tries each once; returns how many were delivered. Each channel's
    /// messages are posted in turn, in the order claimed, and the channels side by side: a channel
    /// whose receiver hangs until the timeout held up every other channel's messages behind it.
    /// Between posts it asks `stopping` (by default: is the server shutting down?), so a batch of
    /// slow channels does not hold up a shutdown; what it claimed and did not try is claimable again
    /// when the lease ends.
    @discardableResult
    public func deliverDue(stopping: (@Sendable () -> Bool)? = nil) async throws -> Int {
        let stopping = stopping ?? { Task.isCancelled || Task.isShuttingDownGracefully }
        let start = now()
        let claimed = try await store.claim(
            now: start,
            claimer: claimer,
            leaseUntil: start.addingTimeInterval(lease),
            limit: batch
        )
        var channels: [String: [OutboxMessage]] = [:]
        var order: [String] = []
        for message in claimed {
            // Channels are named within their team.
            let channel = message.message.team + "\u{1F}" + message.message.channel
            if channels[channel] == nil { order.append(channel) }
            channels[channel, default: []].append(message)
        }
        return try await withThrowingTaskGroup(of: Int.self) { group in
            for channel in order {
                let messages = channels[channel] ?? []
                group.addTask { try await deliver(messages, stopping: stopping) }
            }
            return try await group.reduce(0, +)
        }
    }

    /// Posts one channel's messages in turn and records each attempt; how many were delivered.
    private func deliver(_ messages: [OutboxMessage], stopping: @Sendable () -> Bool) async throws -> Int {
        var delivered = 0
        for (index, message) in messages.enumerated() {
            if index > 0, stopping() { break }
            // A retry come due after the policy's window (the server was down meanwhile) is not made:
            // retries stop that long after the message was made. A first attempt is made however late.
            let late = now().timeIntervalSince(message.message.createdAt) > policy.giveUpAfter
            let outcome =
                message.attempts > 0 && late
                ? Outcome(status: nil, error: "given up: still failing when its retries ended")
                : await transport(message.message.body, message.url, message.message.dedupeKey)
            let at = now()
            let attempt = DeliveryAttempt(message: message.id, at: at, status: outcome.status, error: outcome.error)
            let retryAt =
                outcome.error == nil
                ? nil
                : policy.retryAt(failures: message.attempts + 1, at: at, createdAt: message.message.createdAt)
            // Counted only when recorded: a lease lost meanwhile means another server has it.
            guard try await store.record(attempt, claimer: claimer, retryAt: retryAt) else { continue }
            let key = message.message.dedupeKey
            if outcome.error == nil {
                delivered += 1
                metrics?.count(.sent, dedupeKey: key)
            } else {
                metrics?.count(retryAt == nil ? .failed : .retried, dedupeKey: key)
            }
        }
        return delivered
    }
}
