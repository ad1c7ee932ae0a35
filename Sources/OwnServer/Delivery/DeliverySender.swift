public import Foundation
public import Logging
import OwnCore
public import Prometheus
import ServiceLifecycle
import Synchronization
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
    let postTimeout: TimeInterval
    let batch: Int
    let metrics: MessageMetrics?
    /// Where a failed post (warning) and a message given up (error) are said: an operator reading the
    /// log was not told a team's messages were not arriving.
    let logger: Logger?
    /// The channels this sender is posting to now (`OutboxMessage.channelKey`), each with its task:
    /// a pass claims none of their messages, so a slow receiver's own messages wait for it while
    /// every other channel's go.
    let running = Running()

    final class Running: Sendable {
        let tasks = Mutex<[String: Task<Int, any Error>]>([:])
        /// Channels whose posts stopped before the lease ended, with their messages still claimed:
        /// none of theirs is claimed until then, or a newer one went before them.
        let heldUntil = Mutex<[String: Date]>([:])
    }

    /// A sender. `claimer` names this server among those sharing the store (unique per process);
    /// `lease` must outlast one POST's timeout (`postTimeout`, the transport's).
    public init(
        store: any DeliveryStore,
        transport: @escaping Transport,
        now: @escaping @Sendable () -> Date,
        claimer: String,
        policy: RetryPolicy = .standard,
        lease: TimeInterval = 60,
        postTimeout: TimeInterval = 10,
        batch: Int = 20,
        metrics: PrometheusCollectorRegistry? = nil,
        logger: Logger? = nil
    ) {
        self.store = store
        self.transport = transport
        self.now = now
        self.claimer = claimer
        self.policy = policy
        self.lease = lease
        self.postTimeout = postTimeout
        self.batch = batch
        self.metrics = metrics.map(MessageMetrics.init(registry:))
        self.logger = logger
    }

    /// Claims what is due and tries each once; returns how many were delivered. Each channel's
    /// messages are posted in turn, in the order claimed, and the channels side by side: a channel
    /// whose receiver hangs until the timeout held up every other channel's messages behind it.
    /// Between posts it asks `stopping` (by default: is the server shutting down?), so a batch of
    /// slow channels does not hold up a shutdown; what it claimed and did not try is claimable again
    /// when the lease ends.
    @discardableResult
    public func deliverDue(stopping: (@Sendable () -> Bool)? = nil) async throws -> Int {
        var delivered = 0
        for task in try await startDue(stopping: stopping).tasks { delivered += try await task.value }
        return delivered
    }

    /// Claims what is due of the channels it is not posting to already, and starts posting each
    /// channel's messages in turn, the channels side by side, without waiting for them (`finish`
    /// does): a slow receiver's channel is skipped by the next passes until its posts are done,
    /// and holds up no other channel, nor the notifier. How many it claimed, and the tasks.
    public func startDue(
        stopping: (@Sendable () -> Bool)? = nil
    ) async throws -> (claimed: Int, tasks: [Task<Int, any Error>]) {
        let stopping = stopping ?? { Task.isCancelled || Task.isShuttingDownGracefully }
        let start = now()
        let leaseUntil = start.addingTimeInterval(lease)
        let held = running.heldUntil.withLock { held in
            held = held.filter { $0.value > start }
            return Set(held.keys)
        }
        let busy = Set(running.tasks.withLock { $0.keys }).union(held)
        let claimed = try await store.claim(
            now: start,
            claimer: claimer,
            leaseUntil: leaseUntil,
            limit: batch,
            excluding: busy
        )
        var channels: [String: [OutboxMessage]] = [:]
        var order: [String] = []
        for message in claimed {
            if channels[message.channelKey] == nil { order.append(message.channelKey) }
            channels[message.channelKey, default: []].append(message)
        }
        var tasks: [Task<Int, any Error>] = []
        for channel in order {
            let messages = channels[channel] ?? []
            // Kept while the lock is held, so that a task that ends at once (a refused connection)
            // cannot take itself out before it is in: kept for good, it held its channel back.
            let task = running.tasks.withLock { tasks in
                let task = Task {
                    defer { self.running.tasks.withLock { _ = $0.removeValue(forKey: channel) } }
                    let (delivered, stoppedEarly) = try await deliver(
                        messages,
                        leaseUntil: leaseUntil,
                        stopping: stopping
                    )
                    if stoppedEarly { self.running.heldUntil.withLock { $0[channel] = leaseUntil } }
                    return delivered
                }
                tasks[channel] = task
                return task
            }
            tasks.append(task)
        }
        return (claimed.count, tasks)
    }

    /// Waits for the posts under way (the server shutting down lets them end).
    public func finish() async {
        for task in running.tasks.withLock({ Array($0.values) }) { _ = try? await task.value }
    }

    /// Why a message is given up without a try: what its channel last failed with stays said (it
    /// was replaced by the give-up, and the channel's list no longer said why it was failing).
    private func givenUp(_ message: OutboxMessage) async throws -> String {
        let said = "given up: still failing when its retries ended"
        let channel = try await store.channels(team: message.message.team).first { $0.name == message.message.channel }
        guard let last = channel?.lastError else { return said }
        // A give-up before this one says the last try already.
        return last.hasPrefix(said) ? last : said + " (last: \(last))"
    }

    /// Posts one channel's messages in turn and records each attempt; how many were delivered. No
    /// post starts that could outlast the lease: another server may claim the message then, and
    /// both posted it. What is left is claimable again when the lease ends.
    private func deliver(
        _ messages: [OutboxMessage],
        leaseUntil: Date,
        stopping: @Sendable () -> Bool
    ) async throws -> (delivered: Int, stoppedEarly: Bool) {
        var delivered = 0
        for (index, message) in messages.enumerated() {
            if index > 0, stopping() { return (delivered, true) }
            if now().addingTimeInterval(postTimeout) > leaseUntil { return (delivered, true) }
            // A retry come due after the policy's window (the server was down meanwhile) is not made:
            // retries stop that long after the message was made. A first attempt is made however late.
            let late = now().timeIntervalSince(message.message.createdAt) > policy.giveUpAfter
            let outcome =
                message.attempts > 0 && late
                ? Outcome(status: nil, error: try await givenUp(message))
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
                // The key and the channel's name, never its URL (which may hold a secret).
                let what = "\(key) to channel \(message.message.channel) of team \(message.message.team)"
                if let retryAt {
                    logger?.warning(
                        "could not deliver \(what): \(outcome.error ?? "failed"); trying again at \(Timestamp.format(retryAt))"
                    )
                } else {
                    logger?.error("gave up delivering \(what): \(outcome.error ?? "failed")")
                }
            }
        }
        return (delivered, false)
    }
}
