public import Foundation

/// The team server's delivery side: each team's channels (where messages go) and an outbox of
/// messages to them, which senders claim with a compare-and-set so that several servers on one
/// database deliver each message once.
///
/// A message is a row with a dedupe key unique per channel (`notice:<event id>`,
/// `digest:<person>:<day>`): enqueueing the same key twice keeps the first. A sender claims due
/// messages for a lease; only the claimer whose lease still holds may record the outcome. A failed
/// attempt either schedules a retry or, when the sender gives up, marks the message failed and its
/// channel failing. Engines implement it beside `TeamStore`; one contract suite runs on each.
public protocol DeliveryStore: Sendable {
    // MARK: Channels

    /// Adds a channel to a team; throws `unknownTeam`, `channelExists`, or `invalidChannel` for a
    /// name or URL that cannot be one.
    func addChannel(_ channel: Channel) async throws -> Channel

    /// The channels of one team, or of every team when `team` is nil, by team and name.
    func channels(team: String?) async throws -> [Channel]

    /// Removes a channel and its undelivered messages; throws `unknownChannel`.
    func removeChannel(team: String, name: String) async throws

    /// Points a channel at another URL, of `kind`, keeping its messages: those delivered still keep
    /// their keys from being sent again (a person's digest of the day), those waiting go to the new
    /// URL; its failing state starts over. Throws `unknownChannel`, or `invalidChannel` for a URL
    /// that cannot be one.
    func moveChannel(team: String, name: String, to url: String, kind: Channel.Kind) async throws

    // MARK: Outbox

    /// Puts a message in the outbox; false (and nothing changes) when its channel already has a
    /// message with that dedupe key. Throws `unknownChannel`.
    @discardableResult
    func enqueue(_ message: NewOutboxMessage) async throws -> Bool

    /// Claims up to `limit` messages due at `now` (waiting with `nextAt` at or before it, or
    /// claimed by a sender whose lease ran out) for `claimer` until `leaseUntil`, oldest first; none
    /// of the channels in `excluding` (`OutboxMessage.channelKey`: a sender still posting to them).
    func claim(
        now: Date,
        claimer: String,
        leaseUntil: Date,
        limit: Int,
        excluding: Set<String>
    ) async throws -> [OutboxMessage]

    /// Records one attempt at a claimed message: delivered (`retryAt` is then ignored), or failed
    /// and retried at `retryAt`, or failed for good when `retryAt` is nil (the channel is then
    /// failing since `at`, with this error). False, and nothing recorded, when `claimer` no longer
    /// holds the message.
    @discardableResult
    func record(_ attempt: DeliveryAttempt, claimer: String, retryAt: Date?) async throws -> Bool

    /// A team's messages, oldest first.
    func outbox(team: String) async throws -> [OutboxMessage]

    /// The attempts made at one message, in order.
    func attempts(message id: Int64) async throws -> [DeliveryAttempt]
}

extension DeliveryStore {
    /// Claims up to `limit` messages due at `now`, of every channel.
    public func claim(now: Date, claimer: String, leaseUntil: Date, limit: Int) async throws -> [OutboxMessage] {
        try await claim(now: now, claimer: claimer, leaseUntil: leaseUntil, limit: limit, excluding: [])
    }
}
